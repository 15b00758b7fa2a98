import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, fakeServer, json, noContent } from "../../test/fakeServer";
import { aUser } from "../../test/fixtures";
import { currentLocation, renderApp } from "../../test/renderApp";

describe("email sign-in switch", () => {
  it("can't be turned off with fewer than two passkeys", async () => {
    fakeServer({ "GET /auth/me": json(200, aUser({ passkeyCount: 1 })) });
    renderApp("/account/email");

    const toggle = await screen.findByRole("switch", { name: "Allow signing in with email links" });
    expect(toggle).toBeChecked();
    expect(toggle).toBeDisabled();
    expect(toggle).toHaveAccessibleDescription(/you need at least 2 passkeys; you have 1/);
  });

  it("turns off with two passkeys and shows the server's new state", async () => {
    const user = userEvent.setup();
    const server = fakeServer({
      "GET /auth/me": json(200, aUser({ passkeyCount: 2 })),
      "PUT /auth/email-sign-in": json(200, aUser({ passkeyCount: 2, emailSignInEnabled: false })),
    });
    renderApp("/account/email");

    await user.click(await screen.findByRole("switch", { name: "Allow signing in with email links" }));

    expect(await screen.findByText(/Email sign-in links are off/)).toBeInTheDocument();
    expect(screen.getByRole("switch")).not.toBeChecked();
    expect(server.callsTo("PUT /auth/email-sign-in")[0]!.body).toEqual({ enabled: false });
  });

  it("explains the server's needs_two_passkeys refusal", async () => {
    const user = userEvent.setup();
    fakeServer({
      "GET /auth/me": json(200, aUser({ passkeyCount: 2 })),
      "PUT /auth/email-sign-in": apiError(409, "needs_two_passkeys", "Conflict."),
    });
    renderApp("/account/email");

    await user.click(await screen.findByRole("switch", { name: "Allow signing in with email links" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Add a second passkey first");
    expect(screen.getByRole("switch")).toBeChecked();
  });
});

describe("change email", () => {
  it("explains that the change waits for the new address to confirm", async () => {
    const user = userEvent.setup();
    const server = fakeServer({ "GET /auth/me": json(200, aUser()), "POST /account/email-change": new Response(null, { status: 202 }) });
    renderApp("/account/email");

    await user.type(await screen.findByLabelText("New email address"), "ada@new.example");
    await user.click(screen.getByRole("button", { name: "Change email" }));

    expect(await screen.findByText(/We sent a confirmation link to/)).toHaveTextContent("until then, keep using ada@example.com");
    expect(server.callsTo("POST /account/email-change")[0]!.body).toEqual({ newEmail: "ada@new.example" });
  });
});

describe("delete account", () => {
  it("needs the email typed out, then deletes and returns to sign-in", async () => {
    const user = userEvent.setup();
    const server = fakeServer({ "GET /auth/me": json(200, aUser()), "DELETE /account": noContent() });
    renderApp("/account/data");

    const button = await screen.findByRole("button", { name: "Delete my account" });
    const field = screen.getByLabelText(/to confirm/);
    await user.type(field, "ada@example.co");
    expect(button).toBeDisabled();
    await user.type(field, "M");
    expect(button).toBeEnabled();
    await user.click(button);

    expect(await screen.findByRole("heading", { level: 1, name: "Sign in to FitFolio" })).toBeInTheDocument();
    expect(screen.getByText("Your account and its data have been deleted.")).toBeInTheDocument();
    expect(currentLocation()).toBe("/signin");
    expect(server.callsTo("DELETE /account")).toHaveLength(1);
  });
});

describe("sessions", () => {
  it("signs out all other sessions and says how many", async () => {
    const user = userEvent.setup();
    const session = (id: string, current: boolean, device: string) => ({
      id,
      current,
      device,
      createdAt: "2026-11-01T00:00:00Z",
      lastSeenAt: "2026-11-20T00:00:00Z",
      ip: null,
    });
    fakeServer({
      "GET /auth/me": json(200, aUser()),
      "GET /auth/sessions": json(200, {
        items: [session("a", true, "Chrome on Linux"), session("b", false, "Safari on iPhone"), session("c", false, "Edge on Windows")],
      }),
      "POST /auth/sessions/revoke-all-others": json(200, { revoked: 2 }),
    });
    renderApp("/account/sessions");

    await user.click(await screen.findByRole("button", { name: "Sign out all other sessions" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Sign out others" }));

    expect(await screen.findByText("Signed out 2 other sessions.")).toBeInTheDocument();
    expect(screen.queryByText("Safari on iPhone")).not.toBeInTheDocument();
    expect(screen.getByText("Chrome on Linux")).toBeInTheDocument();
  });
});
