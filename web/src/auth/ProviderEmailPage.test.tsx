import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, fakeServer, json } from "../../test/fakeServer";
import { aUser } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

describe("proving an address for a provider sign-in", () => {
  it("asks for the address and says the link was sent, whatever the address", async () => {
    const server = fakeServer({
      "GET /auth/me": apiError(401, "unauthenticated"),
      "POST /auth/external/email/send": json(202, { status: "sent" }),
    });

    renderApp("/signin/provider-email?provider=discord");

    await userEvent.type(await screen.findByLabelText("Email address"), "me@example.com");
    await userEvent.click(screen.getByRole("button", { name: "Email me a link" }));

    expect(await screen.findByText("We sent a link to me@example.com. Open it in this browser to finish signing in.")).toBeInTheDocument();
    expect(server.callsTo("POST /auth/external/email/send").map((call) => call.body)).toEqual([{ email: "me@example.com" }]);
  });

  it("sends the person back to the provider when nothing waits any more", async () => {
    fakeServer({
      "GET /auth/me": apiError(401, "unauthenticated"),
      "POST /auth/external/email/send": apiError(400, "invalid_or_expired", "Expired."),
    });

    renderApp("/signin/provider-email?provider=oidc");
    await userEvent.type(await screen.findByLabelText("Email address"), "me@example.com");
    await userEvent.click(screen.getByRole("button", { name: "Email me a link" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("This sign-in has expired.");
  });

  it("spends the mailed link's token only on the button, then signs in", async () => {
    const server = fakeServer({
      "GET /auth/me": apiError(401, "unauthenticated"),
      "POST /auth/external/email/confirm": json(200, { user: aUser() }),
    });

    renderApp("/auth/provider-email#token=tok_proof", { strict: true });

    const button = await screen.findByRole("button", { name: "Finish signing in" });
    expect(server.callsTo("POST /auth/external/email/confirm")).toEqual([]);
    await userEvent.click(button);
    expect(await screen.findByRole("heading", { level: 1, name: "Your training log" })).toBeInTheDocument();
    expect(server.callsTo("POST /auth/external/email/confirm").map((call) => call.body)).toEqual([{ token: "tok_proof" }]);
  });

  it("explains a link opened in another browser", async () => {
    fakeServer({
      "GET /auth/me": apiError(401, "unauthenticated"),
      "POST /auth/external/email/confirm": apiError(400, "invalid_or_expired", "Invalid."),
    });

    renderApp("/auth/provider-email#token=old");
    await userEvent.click(await screen.findByRole("button", { name: "Finish signing in" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("opened in another browser");
  });
});
