import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { apiError, fakeServer, json } from "../../test/fakeServer";
import { aUser } from "../../test/fixtures";
import { currentLocation, renderApp } from "../../test/renderApp";
import type { AuthenticationResponseJSON } from "../api/types";
import { webauthn } from "./webauthn";

const assertion = { id: "cred-1", rawId: "cred-1", type: "public-key", response: {}, clientExtensionResults: {} } as unknown as AuthenticationResponseJSON;
const requestOptions = { challenge: "Y2hhbGxlbmdl", rpId: "localhost", allowCredentials: [] };

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function signedOut(routes: Parameters<typeof fakeServer>[0] = {}) {
  return fakeServer({ "GET /auth/me": apiError(401, "unauthenticated"), ...routes });
}

describe("sign-in with an email link", () => {
  it("asks for an address before sending anything", async () => {
    const user = userEvent.setup();
    const server = signedOut();
    renderApp("/signin");

    await user.click(await screen.findByRole("button", { name: "Email me a sign-in link" }));

    expect(screen.getByLabelText("Email address")).toHaveAccessibleDescription("Enter your email address.");
    expect(screen.getByLabelText("Email address")).toHaveAttribute("aria-invalid", "true");
    expect(server.callsTo("POST /auth/magic-link/start")).toHaveLength(0);
  });

  it("rejects an address that can't be one", async () => {
    const user = userEvent.setup();
    const server = signedOut();
    renderApp("/signin");

    await user.type(await screen.findByLabelText("Email address"), "ada@example");
    await user.click(screen.getByRole("button", { name: "Email me a sign-in link" }));

    expect(screen.getByText("Enter an email address like name@example.com.")).toBeInTheDocument();
    expect(server.callsTo("POST /auth/magic-link/start")).toHaveLength(0);
  });

  it("shows progress while sending, then the check-email page", async () => {
    const user = userEvent.setup();
    const reply = deferred<Response>();
    const server = signedOut({ "POST /auth/magic-link/start": () => reply.promise });
    renderApp("/signin?next=%2Faccount%2Fdata");

    await user.type(await screen.findByLabelText("Email address"), "  ada@example.com ");
    await user.click(screen.getByRole("button", { name: "Email me a sign-in link" }));

    const sending = await screen.findByRole("button", { name: "Sending link…" });
    expect(sending).toBeDisabled();
    expect(server.callsTo("POST /auth/magic-link/start")[0]!.body).toEqual({ email: "ada@example.com" });

    reply.resolve(json(202, { status: "sent" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Check your email" })).toBeInTheDocument();
    expect(screen.getByText("ada@example.com")).toBeInTheDocument();
    expect(currentLocation()).toBe("/signin/check-email?next=%2Faccount%2Fdata");
  });

  it("explains a rate limit and lets the person try again", async () => {
    const user = userEvent.setup();
    signedOut({ "POST /auth/magic-link/start": new Response("", { status: 429, headers: { "Retry-After": "30" } }) });
    renderApp("/signin");

    await user.type(await screen.findByLabelText("Email address"), "ada@example.com");
    await user.click(screen.getByRole("button", { name: "Email me a sign-in link" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Too many attempts. Try again in 30 seconds.");
    expect(screen.getByRole("button", { name: "Email me a sign-in link" })).toBeEnabled();
  });

  it("marks the email field for passkey autofill", async () => {
    signedOut();
    renderApp("/signin");
    expect(await screen.findByLabelText("Email address")).toHaveAttribute("autocomplete", "username webauthn");
  });
});

describe("sign-in with a passkey", () => {
  it("runs a usernameless ceremony and continues to next", async () => {
    const user = userEvent.setup();
    vi.spyOn(webauthn, "isSupported").mockReturnValue(true);
    const get = vi.spyOn(webauthn, "get").mockResolvedValue(assertion);
    const server = signedOut({
      "POST /auth/webauthn/authenticate/start": json(200, { ceremonyId: "c-1", options: requestOptions }),
      "POST /auth/webauthn/authenticate/finish": json(200, { user: aUser({ passkeyCount: 2 }) }),
      "GET /auth/webauthn/credentials": json(200, { items: [] }),
    });
    renderApp("/signin?next=%2Faccount%2Fpasskeys");

    await user.click(await screen.findByRole("button", { name: "Sign in with a passkey" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Passkeys" })).toBeInTheDocument();
    expect(get).toHaveBeenCalledWith(requestOptions);
    expect(server.callsTo("POST /auth/webauthn/authenticate/start")[0]!.body).toEqual({});
    expect(server.callsTo("POST /auth/webauthn/authenticate/finish")[0]!.body).toEqual({ ceremonyId: "c-1", credential: assertion });
  });

  it("says so quietly when the person cancels the prompt", async () => {
    const user = userEvent.setup();
    vi.spyOn(webauthn, "isSupported").mockReturnValue(true);
    vi.spyOn(webauthn, "get").mockRejectedValue(new DOMException("The operation either timed out or was not allowed.", "NotAllowedError"));
    signedOut({ "POST /auth/webauthn/authenticate/start": json(200, { ceremonyId: "c-1", options: requestOptions }) });
    renderApp("/signin");

    await user.click(await screen.findByRole("button", { name: "Sign in with a passkey" }));

    expect(await screen.findByText("Passkey sign-in was cancelled.")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Sign in with a passkey" })).toBeEnabled();
  });

  it("reports a passkey the server refused", async () => {
    const user = userEvent.setup();
    vi.spyOn(webauthn, "isSupported").mockReturnValue(true);
    vi.spyOn(webauthn, "get").mockResolvedValue(assertion);
    signedOut({
      "POST /auth/webauthn/authenticate/start": json(200, { ceremonyId: "c-1", options: requestOptions }),
      "POST /auth/webauthn/authenticate/finish": apiError(400, "passkey_not_recognised", "We don’t recognise that passkey."),
    });
    renderApp("/signin");

    await user.click(await screen.findByRole("button", { name: "Sign in with a passkey" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("We don’t recognise that passkey.");
  });
});

describe("passkey autofill", () => {
  it("starts a conditional ceremony and signs in when a passkey is picked", async () => {
    vi.spyOn(webauthn, "isAutofillAvailable").mockResolvedValue(true);
    const fromAutofill = vi.spyOn(webauthn, "getFromAutofill").mockResolvedValue(assertion);
    const server = signedOut({
      "POST /auth/webauthn/authenticate/start": json(200, { ceremonyId: "c-auto", options: requestOptions }),
      "POST /auth/webauthn/authenticate/finish": json(200, { user: aUser() }),
    });

    renderApp("/signin");

    expect(await screen.findByRole("heading", { level: 1, name: "Your training log" })).toBeInTheDocument();
    expect(fromAutofill).toHaveBeenCalledWith(requestOptions);
    expect(server.callsTo("POST /auth/webauthn/authenticate/finish")[0]!.body).toMatchObject({ ceremonyId: "c-auto" });
  });

  it("aborts the pending autofill request when the email form is submitted", async () => {
    const user = userEvent.setup();
    vi.spyOn(webauthn, "isAutofillAvailable").mockResolvedValue(true);
    const fromAutofill = vi.spyOn(webauthn, "getFromAutofill").mockReturnValue(new Promise(() => undefined));
    const cancel = vi.spyOn(webauthn, "cancel").mockImplementation(() => undefined);
    let cancelledBeforeSending = false;
    signedOut({
      "POST /auth/webauthn/authenticate/start": json(200, { ceremonyId: "c-auto", options: requestOptions }),
      "POST /auth/magic-link/start": () => {
        cancelledBeforeSending = cancel.mock.calls.length > 0;
        return json(202, { status: "sent" });
      },
    });
    renderApp("/signin");
    await waitFor(() => expect(fromAutofill).toHaveBeenCalled());

    await user.type(screen.getByLabelText("Email address"), "ada@example.com");
    await user.click(screen.getByRole("button", { name: "Email me a sign-in link" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Check your email" })).toBeInTheDocument();
    expect(cancelledBeforeSending).toBe(true);
  });

  it("stays out of the way when the browser can't autofill passkeys", async () => {
    vi.spyOn(webauthn, "isAutofillAvailable").mockResolvedValue(false);
    const server = signedOut();
    renderApp("/signin");

    await screen.findByLabelText("Email address");
    await waitFor(() => expect(webauthn.isAutofillAvailable).toHaveBeenCalled());
    expect(server.callsTo("POST /auth/webauthn/authenticate/start")).toHaveLength(0);
  });
});
