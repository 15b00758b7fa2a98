import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, fakeServer, json } from "../../test/fakeServer";
import { aUser } from "../../test/fixtures";
import { currentLocation, renderApp } from "../../test/renderApp";

describe("provider link confirmation", () => {
  it("spends the token only when the owner confirms, then signs in", async () => {
    const server = fakeServer({
      "GET /auth/me": apiError(401, "unauthenticated"),
      "POST /auth/external/link/confirm": json(200, { user: aUser() }),
    });

    renderApp("/auth/provider-link#token=tok_link", { strict: true });

    const button = await screen.findByRole("button", { name: "Link it and sign in" });
    expect(server.callsTo("POST /auth/external/link/confirm")).toEqual([]);
    expect(currentLocation()).toBe("/auth/provider-link");
    await userEvent.click(button);
    expect(await screen.findByRole("heading", { level: 1, name: "Your training log" })).toBeInTheDocument();
    expect(server.callsTo("POST /auth/external/link/confirm").map((call) => call.body)).toEqual([{ token: "tok_link" }]);
  });

  it("explains a used or expired link", async () => {
    fakeServer({
      "GET /auth/me": apiError(401, "unauthenticated"),
      "POST /auth/external/link/confirm": apiError(400, "invalid_or_expired", "Invalid or expired."),
    });

    renderApp("/auth/provider-link#token=old");
    await userEvent.click(await screen.findByRole("button", { name: "Link it and sign in" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("This link has expired or has already been used.");
  });
});
