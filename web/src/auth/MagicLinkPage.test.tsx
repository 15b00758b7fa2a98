import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeServer, json } from "../../test/fakeServer";
import { aUser } from "../../test/fixtures";
import { currentLocation, renderApp } from "../../test/renderApp";
import { rememberPendingSignIn } from "./pendingSignIn";

describe("magic link landing", () => {
  it("spends the token from the fragment once, wipes it from the URL and signs in", async () => {
    const server = fakeServer({
      "GET /auth/me": apiError(401, "unauthenticated"),
      "POST /auth/magic-link/verify": json(200, { user: aUser() }),
    });

    // StrictMode runs effects twice in development; a single-use token must still be sent once.
    renderApp("/auth/link#token=tok_abc.123", { strict: true });

    expect(await screen.findByRole("heading", { level: 1, name: "Your training log" })).toBeInTheDocument();
    expect(server.callsTo("POST /auth/magic-link/verify").map((call) => call.body)).toEqual([{ token: "tok_abc.123" }]);
    expect(currentLocation()).toBe("/");
  });

  it("clears the fragment even while the check is under way", async () => {
    fakeServer({
      "GET /auth/me": apiError(401, "unauthenticated"),
      "POST /auth/magic-link/verify": () => new Promise<Response>(() => undefined),
    });

    renderApp("/auth/link#token=secret-token");

    expect(await screen.findByText("Checking your sign-in link…")).toBeInTheDocument();
    expect(currentLocation()).toBe("/auth/link");
  });

  it("continues to where the person was heading when they asked for the link", async () => {
    rememberPendingSignIn({ email: "ada@example.com", next: "/account/api-keys" });
    fakeServer({
      "GET /auth/me": apiError(401, "unauthenticated"),
      "POST /auth/magic-link/verify": json(200, { user: aUser() }),
      "GET /account/api-keys": json(200, { items: [] }),
    });

    renderApp("/auth/link#token=t");

    expect(await screen.findByRole("heading", { level: 1, name: "API keys" })).toBeInTheDocument();
  });

  it("explains an expired or used link and offers a new one", async () => {
    fakeServer({
      "GET /auth/me": apiError(401, "unauthenticated"),
      "POST /auth/magic-link/verify": apiError(400, "invalid_or_expired", "Invalid or expired."),
    });

    renderApp("/auth/link#token=old");

    expect(await screen.findByRole("heading", { level: 1, name: "That link didn’t work" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("This link has expired or has already been used.");
    expect(screen.getByRole("link", { name: "Get a new sign-in link" })).toHaveAttribute("href", "/signin");
  });

  it("does not call the server for a link without a token", async () => {
    const server = fakeServer({ "GET /auth/me": apiError(401, "unauthenticated") });

    renderApp("/auth/link");

    expect(await screen.findByRole("alert")).toHaveTextContent("This sign-in link is incomplete.");
    expect(server.callsTo("POST /auth/magic-link/verify")).toHaveLength(0);
  });
});
