import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { apiError, fakeServer, json, noContent } from "../../../test/fakeServer";
import { aUser } from "../../../test/fixtures";
import { renderApp } from "../../../test/renderApp";
import type { ExternalIdentity } from "../../api/types";
import { leavePage } from "./leavePage";

const google: ExternalIdentity = {
  provider: "google",
  providerName: "Google",
  subject: "108",
  email: "me@gmail.example",
  linkedAt: "2026-10-01T08:00:00Z",
};

function onProvidersPage(path = "/account/providers", routes: Parameters<typeof fakeServer>[0] = {}) {
  const server = fakeServer({
    "GET /auth/me": json(200, aUser()),
    "GET /account/external-identities": json(200, { items: [google] }),
    "GET /auth/providers": json(200, { items: [{ id: "discord", name: "Discord", startUrl: "/api/v1/auth/external/discord/start" }] }),
    ...routes,
  });
  renderApp(path);
  return server;
}

describe("sign-in providers on the account page", () => {
  it("lists the linked identities and sends the browser to the provider to link another", async () => {
    const user = userEvent.setup();
    const assign = vi.spyOn(leavePage, "to").mockImplementation(() => undefined);
    const server = onProvidersPage("/account/providers", {
      "POST /account/external-identities/discord/link": json(200, { redirectUrl: "https://discord.example/oauth2/authorize?state=s" }),
    });

    expect(await screen.findByRole("heading", { name: "Google" })).toBeInTheDocument();
    expect(screen.getByText("me@gmail.example")).toBeInTheDocument();
    await user.click(await screen.findByRole("button", { name: "Link Discord" }));

    await waitFor(() => expect(assign).toHaveBeenCalledWith("https://discord.example/oauth2/authorize?state=s"));
    expect(server.callsTo("POST /account/external-identities/discord/link")).toHaveLength(1);
  });

  it("explains why the last way to sign in can't be unlinked, and unlinks otherwise", async () => {
    const user = userEvent.setup();
    let refuse = true;
    onProvidersPage("/account/providers", {
      "DELETE /account/external-identities/google/108": () => (refuse ? apiError(409, "last_sign_in_method", "Conflict.") : noContent()),
    });

    await user.click(await screen.findByRole("button", { name: "Unlink Google (me@gmail.example)" }));
    const dialog = screen.getByRole("dialog", { name: "Unlink Google?" });
    await user.click(within(dialog).getByRole("button", { name: "Unlink" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("This provider is your only way to sign in.");

    refuse = false;
    await user.click(within(dialog).getByRole("button", { name: "Unlink" }));
    expect(await screen.findByText("Google unlinked. We emailed you about it.")).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Google" })).not.toBeInTheDocument();
  });

  it("says why linking came back without a link", async () => {
    onProvidersPage("/account/providers?link_error=linked_elsewhere");

    expect(await screen.findByText(/already linked to another FitFolio account/)).toBeInTheDocument();
  });
});
