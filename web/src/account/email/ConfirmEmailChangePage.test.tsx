import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeServer, json } from "../../../test/fakeServer";
import { aUser } from "../../../test/fixtures";
import { currentLocation, renderApp } from "../../../test/renderApp";

describe("email change confirmation", () => {
  it("spends the token once, wipes it from the URL and shows the new address, signed out", async () => {
    const server = fakeServer({
      "GET /auth/me": apiError(401, "unauthenticated"),
      "POST /account/email-change/confirm": json(200, aUser({ email: "new@example.com" })),
    });

    renderApp("/account/email/confirm#token=tok_1", { strict: true });

    expect(await screen.findByRole("heading", { level: 1, name: "Address changed" })).toBeInTheDocument();
    expect(screen.getByText("new@example.com")).toBeInTheDocument();
    expect(server.callsTo("POST /account/email-change/confirm").map((call) => call.body)).toEqual([{ token: "tok_1" }]);
    expect(currentLocation()).toBe("/account/email/confirm");
    expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/signin");
  });

  it("says when another account took the address meanwhile", async () => {
    fakeServer({
      "GET /auth/me": json(200, aUser()),
      "POST /account/email-change/confirm": apiError(409, "email_taken", "Taken."),
    });

    renderApp("/account/email/confirm#token=tok_2");

    expect(await screen.findByRole("heading", { level: 1, name: "That link didn’t work" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("Another account uses that address now");
    expect(screen.getByRole("link", { name: "Back to your account" })).toHaveAttribute("href", "/account/email");
  });
});
