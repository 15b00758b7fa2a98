import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, fakeServer, json } from "../../../test/fakeServer";
import { aUser } from "../../../test/fixtures";
import { currentLocation, renderApp } from "../../../test/renderApp";

const codes = ["7K3M-Q9TZ-0R4W-HX2B", "AAAA-BBBB-CCCC-DDDD", "1111-2222-3333-4444"];

describe("recovery codes in account settings", () => {
  it("shows the codes issued when email sign-in goes off once, with copy and download", async () => {
    const user = userEvent.setup();
    fakeServer({
      "GET /auth/me": json(200, aUser({ passkeyCount: 2 })),
      "PUT /auth/email-sign-in": json(200, { ...aUser({ passkeyCount: 2, emailSignInEnabled: false }), recoveryCodes: codes }),
      "GET /auth/recovery-codes": json(200, { remaining: 3, issuedAt: "2026-12-06T09:00:00Z" }),
    });
    renderApp("/account/email");

    await user.click(await screen.findByRole("switch", { name: "Allow signing in with email links" }));

    const list = await screen.findByRole("list", { name: "Recovery codes" });
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(codes);
    expect(screen.getByRole("button", { name: "Copy codes" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Download codes" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "I’ve saved my codes" }));
    expect(screen.queryByRole("list", { name: "Recovery codes" })).not.toBeInTheDocument();
    expect(screen.queryByText(codes[0]!)).not.toBeInTheDocument();
    expect(await screen.findByText(/You have 3 unused recovery codes/)).toBeInTheDocument();
  });

  it("issues a new set from the settings and shows it once", async () => {
    const user = userEvent.setup();
    const server = fakeServer({
      "GET /auth/me": json(200, aUser({ passkeyCount: 2, emailSignInEnabled: false })),
      "GET /auth/recovery-codes": json(200, { remaining: 1, issuedAt: "2026-12-06T09:00:00Z" }),
      "POST /auth/recovery-codes": json(201, { codes }),
    });
    renderApp("/account/email");

    expect(await screen.findByText(/You have 1 unused recovery code\./)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Get new recovery codes" }));

    const list = await screen.findByRole("list", { name: "Recovery codes" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(3);
    expect(server.callsTo("POST /auth/recovery-codes")).toHaveLength(1);
  });
});

describe("signing in with a recovery code", () => {
  it("is offered on the sign-in page", async () => {
    const user = userEvent.setup();
    fakeServer({ "GET /auth/me": apiError(401, "unauthenticated") });
    renderApp("/signin");

    await user.click(await screen.findByRole("link", { name: "Lost your passkeys? Use a recovery code" }));

    expect(currentLocation()).toBe("/signin/recovery");
  });

  it("signs in and asks for a new passkey", async () => {
    const user = userEvent.setup();
    const server = fakeServer({
      "GET /auth/me": apiError(401, "unauthenticated"),
      "POST /auth/recovery-codes/verify": json(200, {
        user: aUser({ passkeyCount: 0, emailSignInEnabled: false }),
        recoveryCodesRemaining: 9,
        passkeyRequested: true,
      }),
    });
    renderApp("/signin/recovery");

    await user.type(await screen.findByLabelText("Email address"), "ada@example.com");
    await user.type(screen.getByLabelText("Recovery code"), "7k3m q9tz 0r4w hx2b");
    await user.click(screen.getByRole("button", { name: "Sign in with recovery code" }));

    expect(await screen.findByRole("heading", { name: "Add a new passkey" })).toBeInTheDocument();
    expect(screen.getByText(/recovery code \(9 left\)/)).toBeInTheDocument();
    expect(currentLocation()).toBe("/welcome/passkey");
    expect(server.callsTo("POST /auth/recovery-codes/verify")[0]!.body).toEqual({ email: "ada@example.com", code: "7k3m q9tz 0r4w hx2b" });
  });

  it("checks the form before asking, and explains a refused code", async () => {
    const user = userEvent.setup();
    const server = fakeServer({
      "GET /auth/me": apiError(401, "unauthenticated"),
      "POST /auth/recovery-codes/verify": apiError(400, "invalid_recovery_code", "No."),
    });
    renderApp("/signin/recovery");

    await user.click(await screen.findByRole("button", { name: "Sign in with recovery code" }));
    expect(screen.getByText("Enter the email address of your account.")).toBeInTheDocument();
    expect(server.callsTo("POST /auth/recovery-codes/verify")).toHaveLength(0);

    await user.type(screen.getByLabelText("Email address"), "ada@example.com");
    await user.type(screen.getByLabelText("Recovery code"), "AAAA-AAAA-AAAA-AAAA");
    await user.click(screen.getByRole("button", { name: "Sign in with recovery code" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("don’t sign in");
    expect(currentLocation()).toBe("/signin/recovery");
  });
});
