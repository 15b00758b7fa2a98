import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { apiError, fakeServer, json, noContent } from "../../../test/fakeServer";
import { aUser } from "../../../test/fixtures";
import { renderApp } from "../../../test/renderApp";
import type { AuthenticationResponseJSON, Passkey, RegistrationResponseJSON, Session } from "../../api/types";
import { webauthn } from "../../auth/webauthn";

const laptop: Passkey = { id: "p1", name: "Laptop", createdAt: "2026-10-01T08:00:00Z", lastUsedAt: null, transports: ["internal"], backedUp: true };

function onPasskeysPage(routes: Parameters<typeof fakeServer>[0] = {}) {
  const server = fakeServer({
    "GET /auth/me": json(200, aUser()),
    "GET /auth/webauthn/credentials": json(200, { items: [laptop] }),
    ...routes,
  });
  renderApp("/account/passkeys");
  return server;
}

/** The passkeys page in a browser that creates passkeys, with a server that registers the new one as "Phone". */
function onPasskeysPageAdding(routes: Parameters<typeof fakeServer>[0] = {}) {
  vi.spyOn(webauthn, "isSupported").mockReturnValue(true);
  const create = vi.spyOn(webauthn, "create").mockResolvedValue({ id: "new" } as unknown as RegistrationResponseJSON);
  const server = onPasskeysPage({
    "POST /auth/webauthn/register/start": json(200, { options: { challenge: "c" } }),
    "POST /auth/webauthn/register/finish": json(201, { ...laptop, id: "p2", name: "Phone" }),
    ...routes,
  });
  return { server, create };
}

describe("passkeys", () => {
  it("renames a passkey inline and returns focus to its Rename button", async () => {
    const user = userEvent.setup();
    const server = onPasskeysPage({ "PATCH /auth/webauthn/credentials/p1": json(200, { ...laptop, name: "Work laptop" }) });

    await user.click(await screen.findByRole("button", { name: "Rename Laptop" }));
    const field = screen.getByLabelText("Passkey name");
    await user.clear(field);
    await user.type(field, "Work laptop{Enter}");

    expect(await screen.findByRole("heading", { name: "Work laptop" })).toBeInTheDocument();
    expect(server.callsTo("PATCH /auth/webauthn/credentials/p1")[0]!.body).toEqual({ name: "Work laptop" });
    expect(screen.getByRole("button", { name: "Rename Work laptop" })).toHaveFocus();
  });

  it("cancels a rename with Escape without calling the server", async () => {
    const user = userEvent.setup();
    const server = onPasskeysPage();

    await user.click(await screen.findByRole("button", { name: "Rename Laptop" }));
    await user.type(screen.getByLabelText("Passkey name"), " 2{Escape}");

    expect(screen.queryByLabelText("Passkey name")).not.toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Laptop" })).toBeInTheDocument();
    expect(server.callsTo("PATCH /auth/webauthn/credentials/p1")).toHaveLength(0);
  });

  it("explains why the last way to sign in can't be deleted", async () => {
    const user = userEvent.setup();
    onPasskeysPage({ "DELETE /auth/webauthn/credentials/p1": apiError(409, "last_sign_in_method", "Conflict.") });

    await user.click(await screen.findByRole("button", { name: "Delete Laptop" }));
    const dialog = screen.getByRole("dialog", { name: "Delete “Laptop”?" });
    await user.click(within(dialog).getByRole("button", { name: "Delete passkey" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent("This passkey is your only way to sign in.");
    expect(screen.getByRole("heading", { name: "Laptop" })).toBeInTheDocument();
  });

  it("removes a deleted passkey from the list", async () => {
    const user = userEvent.setup();
    onPasskeysPage({ "DELETE /auth/webauthn/credentials/p1": noContent() });

    await user.click(await screen.findByRole("button", { name: "Delete Laptop" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete passkey" }));

    expect(await screen.findByText("Passkey “Laptop” deleted.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "No passkeys yet" })).toBeInTheDocument();
  });

  it("adds a passkey with the name given", async () => {
    const user = userEvent.setup();
    const attestation = { id: "new" } as unknown as RegistrationResponseJSON;
    vi.spyOn(webauthn, "isSupported").mockReturnValue(true);
    const create = vi.spyOn(webauthn, "create").mockResolvedValue(attestation);
    const server = onPasskeysPage({
      "POST /auth/webauthn/register/start": json(200, { options: { challenge: "c" } }),
      "POST /auth/webauthn/register/finish": json(201, { ...laptop, id: "p2", name: "Phone" }),
    });

    await user.type(await screen.findByLabelText("Name (optional)"), "Phone");
    await user.click(screen.getByRole("button", { name: "Add a passkey" }));

    expect(await screen.findByText("Passkey “Phone” added.")).toBeInTheDocument();
    expect(create).toHaveBeenCalledWith({ challenge: "c" });
    expect(server.callsTo("POST /auth/webauthn/register/finish")[0]!.body).toEqual({ credential: attestation, name: "Phone" });
    expect(within(screen.getByRole("list", { name: "Your passkeys" })).getAllByRole("listitem")).toHaveLength(2);
  });

  it("offers to sign out the other sessions once a passkey is added", async () => {
    const user = userEvent.setup();
    const { server } = onPasskeysPageAdding({
      "GET /auth/sessions": json(200, { items: [aSession("s1", true), aSession("s2", false), aSession("s3", false)] }),
      "POST /auth/sessions/revoke-all-others": json(200, { revoked: 2 }),
    });
    await screen.findByRole("heading", { name: "Laptop" });
    expect(screen.queryByRole("region", { name: "Sign out your other sessions?" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Add a passkey" }));

    const offer = await screen.findByRole("region", { name: "Sign out your other sessions?" });
    expect(offer).toHaveTextContent("You added a passkey. You have 2 other sessions open.");
    await user.click(within(offer).getByRole("button", { name: "Sign out 2 other sessions" }));
    expect(await screen.findByText("Signed out 2 other sessions.")).toBeInTheDocument();
    expect(server.callsTo("POST /auth/sessions/revoke-all-others")).toHaveLength(1);
  });

  it("says nothing about other sessions when there are none", async () => {
    const user = userEvent.setup();
    const { server } = onPasskeysPageAdding({ "GET /auth/sessions": json(200, { items: [aSession("s1", true)] }) });

    await user.click(await screen.findByRole("button", { name: "Add a passkey" }));

    expect(await screen.findByText("Passkey “Phone” added.")).toBeInTheDocument();
    await waitFor(() => expect(server.callsTo("GET /auth/sessions")).toHaveLength(1));
    expect(screen.queryByRole("region", { name: "Sign out your other sessions?" })).not.toBeInTheDocument();
  });

  it("asks to confirm with a passkey when the sign-in is no longer recent, then adds the new one", async () => {
    const user = userEvent.setup();
    const get = vi.spyOn(webauthn, "get").mockResolvedValue({ id: "p1" } as unknown as AuthenticationResponseJSON);
    const { server, create } = onPasskeysPageAdding({
      "POST /auth/webauthn/register/start": apiError(403, "reauthentication_required", "Confirm it is you."),
      "POST /auth/reauthenticate/start": json(200, { ceremonyId: "cer", options: { challenge: "r" } }),
      "POST /auth/reauthenticate/finish": noContent(),
      "GET /auth/sessions": json(200, { items: [aSession("s1", true)] }),
    });
    server.on("POST /auth/webauthn/register/start", json(200, { options: { challenge: "c" } }));

    await user.click(await screen.findByRole("button", { name: "Add a passkey" }));
    const dialog = await screen.findByRole("dialog", { name: "Confirm it’s you" });
    await user.click(within(dialog).getByRole("button", { name: "Confirm with a passkey" }));

    expect(await screen.findByText("Passkey “Phone” added.")).toBeInTheDocument();
    expect(get).toHaveBeenCalledWith({ challenge: "r" });
    expect(server.callsTo("POST /auth/reauthenticate/finish")[0]!.body).toEqual({ ceremonyId: "cer", credential: { id: "p1" } });
    expect(server.callsTo("POST /auth/webauthn/register/start")).toHaveLength(2);
    expect(create).toHaveBeenCalledTimes(1);
  });
});

function aSession(id: string, current: boolean): Session {
  return { id, createdAt: "2026-11-01T08:00:00Z", lastSeenAt: "2026-11-02T08:00:00Z", ip: "127.0.0.1", device: `Browser ${id}`, current };
}
