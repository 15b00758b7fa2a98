import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { apiError, fakeServer, json, noContent } from "../../../test/fakeServer";
import { aUser } from "../../../test/fixtures";
import { renderApp } from "../../../test/renderApp";
import type { ApiKey, AuthenticationResponseJSON } from "../../api/types";
import { webauthn } from "../../auth/webauthn";

const SECRET = "ffk_live_7d1b8c0e4fa94c3ab2a4e0c6d5f1a9b2";

const existingKey: ApiKey = {
  id: "k-old",
  name: "Old script",
  prefix: "ffk_live_aa11",
  scopes: ["read"],
  createdAt: "2026-10-01T08:00:00Z",
  expiresAt: null,
  lastUsedAt: null,
};

const newKey: ApiKey = {
  ...existingKey,
  id: "k-new",
  name: "Gym tablet",
  prefix: "ffk_live_7d1b",
  scopes: ["read", "write"],
  expiresAt: "2027-02-20T08:00:00Z",
};

function onApiKeysPage(routes: Parameters<typeof fakeServer>[0] = {}) {
  const server = fakeServer({
    "GET /auth/me": json(200, aUser()),
    "GET /account/api-keys": json(200, { items: [existingKey] }),
    ...routes,
  });
  renderApp("/account/api-keys");
  return server;
}

async function createKey(user = userEvent.setup()) {
  await user.type(await screen.findByLabelText("Key name"), "Gym tablet");
  await user.click(screen.getByRole("checkbox", { name: /Write/ }));
  await user.selectOptions(screen.getByLabelText("Expires after"), "90");
  await user.click(screen.getByRole("button", { name: "Create key" }));
  return user;
}

describe("API keys", () => {
  it("lists existing keys by name and prefix, never a secret", async () => {
    onApiKeysPage();
    const list = await screen.findByRole("list", { name: "Your API keys" });
    expect(within(list).getByText("Old script")).toBeInTheDocument();
    expect(within(list).getByText("ffk_live_aa11…")).toBeInTheDocument();
  });

  it("sends the chosen name, scopes and expiry", async () => {
    const server = onApiKeysPage({ "POST /account/api-keys": json(201, { key: newKey, secret: SECRET }) });

    await createKey();

    await screen.findByLabelText("Secret key");
    expect(server.callsTo("POST /account/api-keys")[0]!.body).toEqual({ name: "Gym tablet", scopes: ["read", "write"], expiresInDays: 90 });
  });

  it("shows the secret once, with a warning and a copy button, and forgets it when dismissed", async () => {
    onApiKeysPage({ "POST /account/api-keys": json(201, { key: newKey, secret: SECRET }) });
    const writeText = vi.fn().mockResolvedValue(undefined);
    const user = await createKey();
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });

    expect(await screen.findByLabelText("Secret key")).toHaveValue(SECRET);
    expect(screen.getByText(/This is the only time FitFolio shows this key/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Copy key" }));
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(await screen.findByText("Copied")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "I’ve saved my key" }));

    expect(screen.queryByLabelText("Secret key")).not.toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(within(screen.getByRole("list", { name: "Your API keys" })).getByText("Gym tablet")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Create key" })).toBeInTheDocument();
  });

  it("checks the form before asking the server", async () => {
    const user = userEvent.setup();
    const server = onApiKeysPage();

    await user.click(await screen.findByRole("checkbox", { name: /Read/ }));
    await user.click(screen.getByRole("button", { name: "Create key" }));

    expect(screen.getByText("Give the key a name, so you know later what uses it.")).toBeInTheDocument();
    expect(screen.getByText("Choose at least one permission.")).toBeInTheDocument();
    expect(server.callsTo("POST /account/api-keys")).toHaveLength(0);
  });

  it("confirms with a passkey when the server asks, then creates the key", async () => {
    const credential = { id: "cred" } as unknown as AuthenticationResponseJSON;
    const get = vi.spyOn(webauthn, "get").mockResolvedValue(credential);
    const server = onApiKeysPage({
      "POST /auth/reauthenticate/start": json(200, { ceremonyId: "re-1", options: { challenge: "abc" } }),
      "POST /auth/reauthenticate/finish": noContent(),
    });
    server.on("POST /account/api-keys", apiError(403, "reauthentication_required", "Confirm it’s you."), json(201, { key: newKey, secret: SECRET }));
    const user = await createKey();

    const dialog = await screen.findByRole("dialog", { name: "Confirm it’s you" });
    await user.click(within(dialog).getByRole("button", { name: "Confirm with a passkey" }));

    expect(await screen.findByLabelText("Secret key")).toHaveValue(SECRET);
    expect(get).toHaveBeenCalledWith({ challenge: "abc" });
    expect(server.callsTo("POST /auth/reauthenticate/finish")[0]!.body).toEqual({ ceremonyId: "re-1", credential });
    expect(server.callsTo("POST /account/api-keys")).toHaveLength(2);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("changes nothing when the confirmation is cancelled", async () => {
    const server = onApiKeysPage({ "POST /account/api-keys": apiError(403, "reauthentication_required", "Confirm it’s you.") });
    const user = await createKey();

    const dialog = await screen.findByRole("dialog", { name: "Confirm it’s you" });
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("You didn’t confirm it was you, so nothing was changed.");
    expect(server.callsTo("POST /account/api-keys")).toHaveLength(1);
    expect(screen.queryByLabelText("Secret key")).not.toBeInTheDocument();
  });

  it("deletes a key after confirmation", async () => {
    const user = userEvent.setup();
    const server = onApiKeysPage({ "DELETE /account/api-keys/k-old": noContent() });

    await user.click(await screen.findByRole("button", { name: "Delete Old script" }));
    const dialog = screen.getByRole("dialog", { name: "Delete “Old script”?" });
    await user.click(within(dialog).getByRole("button", { name: "Delete key" }));

    expect(await screen.findByText(/API key “Old script” deleted/)).toBeInTheDocument();
    expect(server.callsTo("DELETE /account/api-keys/k-old")).toHaveLength(1);
    expect(screen.getByRole("heading", { name: "No API keys" })).toBeInTheDocument();
  });
});
