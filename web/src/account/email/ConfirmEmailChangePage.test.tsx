import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, fakeServer, json } from "../../../test/fakeServer";
import { aUser } from "../../../test/fixtures";
import { currentLocation, renderApp } from "../../../test/renderApp";

/** The app's own header (page headers are <header> elements too). */
function appHeader(): HTMLElement {
  return document.querySelector<HTMLElement>("header.header")!;
}

/** The page asks before it spends the token: whether to end the other sessions, then "Confirm new address". */
async function confirmOnPage(endOtherSessions = true) {
  const user = userEvent.setup();
  const ask = await screen.findByRole("checkbox", { name: /^Also sign out every/ });
  expect(ask).toBeChecked();
  if (!endOtherSessions) await user.click(ask);
  await user.click(screen.getByRole("button", { name: "Confirm new address" }));
}

describe("email change confirmation", () => {
  it("asks first, spends the token once, wipes it from the URL and shows the new address, signed out", async () => {
    const server = fakeServer({
      "GET /auth/me": apiError(401, "unauthenticated"),
      "POST /account/email-change/confirm": json(200, aUser({ email: "new@example.com" })),
    });

    renderApp("/account/email/confirm#token=tok_1", { strict: true });
    expect(await screen.findByRole("checkbox", { name: "Also sign out every session of this account" })).toBeInTheDocument();
    expect(server.callsTo("POST /account/email-change/confirm")).toHaveLength(0);
    await confirmOnPage();

    expect(await screen.findByRole("heading", { level: 1, name: "Address changed" })).toBeInTheDocument();
    expect(screen.getByText("new@example.com")).toBeInTheDocument();
    expect(screen.getByText(/Every session of the account was signed out\./)).toBeInTheDocument();
    expect(server.callsTo("POST /account/email-change/confirm").map((call) => call.body)).toEqual([{ token: "tok_1", endOtherSessions: true }]);
    expect(currentLocation()).toBe("/account/email/confirm");
    expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/signin");
  });

  it("says when another account took the address meanwhile", async () => {
    fakeServer({
      "GET /auth/me": json(200, aUser()),
      "POST /account/email-change/confirm": apiError(409, "email_taken", "Taken."),
    });

    renderApp("/account/email/confirm#token=tok_2");
    await confirmOnPage();

    expect(await screen.findByRole("heading", { level: 1, name: "That link didn’t work" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("Another account uses that address now");
    expect(screen.getByRole("link", { name: "Back to your account" })).toHaveAttribute("href", "/account/email");
  });

  it("shows the new address in the header when who-am-I answered with the old one before the change went through", async () => {
    let confirm!: () => void;
    const confirmed = new Promise<void>((resolve) => (confirm = resolve));
    fakeServer({
      "GET /auth/me": json(200, aUser({ id: "u1", email: "old@example.com" })),
      "POST /account/email-change/confirm": async () => {
        await confirmed;
        return json(200, aUser({ id: "u1", email: "new@example.com" }));
      },
    });

    renderApp("/account/email/confirm#token=tok_3");
    const header = appHeader();
    expect(await within(header).findByText("old@example.com")).toBeInTheDocument();
    await confirmOnPage();
    confirm();

    expect(await screen.findByRole("heading", { level: 1, name: "Address changed" })).toBeInTheDocument();
    expect(await within(header).findByText("new@example.com")).toBeInTheDocument();
    expect(within(header).queryByText("old@example.com")).not.toBeInTheDocument();
  });

  it("shows the new address in the header when who-am-I answers with the old one after the change", async () => {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    fakeServer({
      // Asked as the page loaded, before the change; the answer only arrives afterwards.
      "GET /auth/me": async () => {
        await answered;
        return json(200, aUser({ id: "u1", email: "old@example.com" }));
      },
      "POST /account/email-change/confirm": json(200, aUser({ id: "u1", email: "new@example.com" })),
    });

    // A signed-in browser already holds the CSRF cookie, so the confirmation need not wait for "who am I?".
    document.cookie = "ff_csrf=t; Path=/";
    renderApp("/account/email/confirm#token=tok_4", { strict: true });
    await confirmOnPage();
    expect(await screen.findByRole("heading", { level: 1, name: "Address changed" })).toBeInTheDocument();
    answer();

    const header = appHeader();
    expect(await within(header).findByText("new@example.com")).toBeInTheDocument();
    expect(within(header).queryByText("old@example.com")).not.toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "Back to your account" })).toHaveAttribute("href", "/account/email");
  });

  it("keeps the other sessions when asked to, then offers to sign them out after all", async () => {
    const server = fakeServer({
      "GET /auth/me": json(200, aUser({ id: "u1", email: "old@example.com" })),
      "POST /account/email-change/confirm": json(200, aUser({ id: "u1", email: "new@example.com" })),
      "GET /auth/sessions": json(200, {
        items: [
          { id: "s1", createdAt: "2026-11-01T08:00:00Z", lastSeenAt: "2026-11-02T08:00:00Z", ip: "127.0.0.1", device: "Chrome on Linux", current: true },
          { id: "s2", createdAt: "2026-11-01T09:00:00Z", lastSeenAt: "2026-11-02T09:00:00Z", ip: "198.51.100.7", device: "Firefox on Windows", current: false },
        ],
      }),
      "POST /auth/sessions/revoke-all-others": json(200, { revoked: 1 }),
    });
    renderApp("/account/email/confirm#token=tok_5");
    await within(appHeader()).findByText("old@example.com");

    await confirmOnPage(false);

    expect(await screen.findByRole("heading", { level: 1, name: "Address changed" })).toBeInTheDocument();
    expect(server.callsTo("POST /account/email-change/confirm")[0]!.body).toEqual({ token: "tok_5", endOtherSessions: false });
    const offer = await screen.findByRole("region", { name: "Sign out your other sessions?" });
    expect(offer).toHaveTextContent("You changed your address. You have 1 other session open.");
    await userEvent.setup().click(within(offer).getByRole("button", { name: "Sign out 1 other session" }));
    expect(await screen.findByText("Signed out 1 other session.")).toBeInTheDocument();
    expect(server.callsTo("POST /auth/sessions/revoke-all-others")).toHaveLength(1);
    expect(screen.queryByRole("region", { name: "Sign out your other sessions?" })).not.toBeInTheDocument();
  });
});
