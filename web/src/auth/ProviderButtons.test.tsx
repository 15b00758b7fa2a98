import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeServer, json } from "../../test/fakeServer";
import { renderApp } from "../../test/renderApp";

function signedOut(routes: Parameters<typeof fakeServer>[0] = {}) {
  return fakeServer({ "GET /auth/me": apiError(401, "unauthenticated"), ...routes });
}

describe("sign-in with a provider", () => {
  it("shows one button per configured provider, each starting its flow", async () => {
    signedOut({
      "GET /auth/providers": json(200, {
        items: [
          { id: "google", name: "Google", startUrl: "/api/v1/auth/external/google/start" },
          { id: "oidc", name: "Company SSO", startUrl: "/api/v1/auth/external/oidc/start" },
        ],
      }),
    });
    renderApp("/signin");

    expect(await screen.findByRole("link", { name: "Continue with Google" })).toHaveAttribute("href", "/api/v1/auth/external/google/start");
    expect(screen.getByRole("link", { name: "Continue with Company SSO" })).toHaveAttribute("href", "/api/v1/auth/external/oidc/start");
  });

  it("shows no button when no provider is on", async () => {
    signedOut({ "GET /auth/providers": json(200, { items: [] }) });
    renderApp("/signin");

    await screen.findByRole("button", { name: "Email me a sign-in link" });
    expect(screen.queryByRole("link", { name: /Continue with/ })).not.toBeInTheDocument();
  });

  it("says why a provider sign-in came back", async () => {
    signedOut({ "GET /auth/providers": json(200, { items: [] }) });
    renderApp("/signin?external_error=account_exists");

    expect(await screen.findByText("An account already uses this email address. Sign in with your email or passkey.")).toBeInTheDocument();
  });
});
