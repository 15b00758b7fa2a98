import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiError, fakeServer, json } from "../../test/fakeServer";
import { aUser } from "../../test/fixtures";
import { currentLocation, renderApp } from "../../test/renderApp";
import { codeProblem, normalizeCode } from "./code";
import { rememberPendingSignIn } from "./pendingSignIn";
import { ResendLink } from "./ResendLink";

function onCheckEmailPage(routes: Parameters<typeof fakeServer>[0] = {}, path = "/signin/check-email") {
  rememberPendingSignIn({ email: "ada@example.com", next: "/" });
  const server = fakeServer({ "GET /auth/me": apiError(401, "unauthenticated"), ...routes });
  renderApp(path);
  return server;
}

async function enterCode(code: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText("8-digit code"), code);
  await user.click(screen.getByRole("button", { name: "Sign in with code" }));
}

describe("code rules", () => {
  it("accepts eight digits, with spaces or a dash for readability", () => {
    expect(codeProblem("12345678")).toBeNull();
    expect(codeProblem("1234 5678")).toBeNull();
    expect(codeProblem("1234-5678")).toBeNull();
    expect(normalizeCode(" 1234-5678 ")).toBe("12345678");
  });

  it("names what is wrong with anything else", () => {
    expect(codeProblem("")).toBe("Enter the 8-digit code from the email.");
    expect(codeProblem("1234567")).toBe("The code has 8 digits; you entered 7.");
    expect(codeProblem("123456789")).toBe("The code has 8 digits; you entered 9.");
    expect(codeProblem("1234abcd")).toBe("The code is made of digits only.");
  });
});

describe("check-email page", () => {
  it("names the address the link went to", async () => {
    onCheckEmailPage();
    expect(await screen.findByText("ada@example.com")).toBeInTheDocument();
  });

  it("does not send a code that is too short", async () => {
    const server = onCheckEmailPage();

    await enterCode("1234567");

    expect(screen.getByLabelText("8-digit code")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText("The code has 8 digits; you entered 7.")).toBeInTheDocument();
    expect(server.callsTo("POST /auth/magic-link/verify")).toHaveLength(0);
  });

  it("sends the digits with the address and signs in", async () => {
    const server = onCheckEmailPage({ "POST /auth/magic-link/verify": json(200, { user: aUser({ passkeyCount: 3 }) }) });

    await enterCode("1234 5678");

    expect(await screen.findByRole("heading", { level: 1, name: "Your training log" })).toBeInTheDocument();
    expect(server.callsTo("POST /auth/magic-link/verify")[0]!.body).toEqual({ email: "ada@example.com", code: "12345678" });
  });

  it("offers a passkey after signing in to an account that has none", async () => {
    onCheckEmailPage({ "POST /auth/magic-link/verify": json(200, { user: aUser({ passkeyCount: 0 }) }) }, "/signin/check-email?next=%2Faccount%2Fdata");

    await enterCode("12345678");

    expect(await screen.findByRole("heading", { level: 1, name: "Sign in faster next time" })).toBeInTheDocument();
    expect(currentLocation()).toBe("/welcome/passkey?next=%2Faccount%2Fdata");
  });

  it("moves on by itself when the emailed link signs in from another tab", async () => {
    const server = onCheckEmailPage({}, "/signin/check-email?next=%2Faccount%2Fdata");
    expect(await screen.findByText("ada@example.com")).toBeInTheDocument();

    // What MagicLinkPage announces in the tab the link opened in (no passkey, yet no offer here: that tab makes it).
    // Announced again at each look until the page moves on: the page subscribes in an effect, and on a busy machine a
    // single message can be delivered before that effect has run (or while a re-render swaps the subscription).
    const otherTab = new BroadcastChannel("fitfolio.signIn");
    await waitFor(() => {
      otherTab.postMessage({ type: "signed_in", user: aUser({ passkeyCount: 0 }) });
      expect(currentLocation()).toBe("/account/data");
    });
    otherTab.close();
    expect(server.callsTo("POST /auth/magic-link/verify")).toHaveLength(0);
  });

  it("explains a wrong or expired code", async () => {
    onCheckEmailPage({ "POST /auth/magic-link/verify": apiError(400, "invalid_or_expired", "Invalid or expired.") });

    await enterCode("12345678");

    expect(await screen.findByRole("alert")).toHaveTextContent("That code is wrong, already used, or expired.");
  });

  it("says how long a lock lasts", async () => {
    onCheckEmailPage({ "POST /auth/magic-link/verify": apiError(423, "locked", "Locked.", { "Retry-After": "900" }) });

    await enterCode("12345678");

    expect(await screen.findByRole("alert")).toHaveTextContent("Try again in 15 minutes.");
  });

  it("asks to start over when it doesn't know the address", async () => {
    fakeServer({ "GET /auth/me": apiError(401, "unauthenticated") });
    renderApp("/signin/check-email");
    expect(await screen.findByRole("link", { name: "Start signing in" })).toHaveAttribute("href", "/signin");
  });
});

describe("resending the email", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function renderResend() {
    const server = fakeServer();
    render(<ResendLink email="ada@example.com" />);
    return server;
  }

  it("waits for the cooldown before allowing a resend", () => {
    vi.useFakeTimers();
    renderResend();

    expect(screen.getByRole("button", { name: "Resend email (in 30s)" })).toBeDisabled();
    act(() => vi.advanceTimersByTime(12_000));
    expect(screen.getByRole("button", { name: "Resend email (in 18s)" })).toBeDisabled();
    act(() => vi.advanceTimersByTime(18_000));
    expect(screen.getByRole("button", { name: "Resend email" })).toBeEnabled();
  });

  it("resends, confirms, and starts the cooldown again", async () => {
    vi.useFakeTimers();
    const server = renderResend();
    server.on("POST /auth/magic-link/start", json(202, { status: "sent" }));
    act(() => vi.advanceTimersByTime(30_000));

    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Resend email" }));
    });

    expect(server.callsTo("POST /auth/magic-link/start")[0]!.body).toEqual({ email: "ada@example.com" });
    expect(screen.getByText(/We sent a new link and code to ada@example.com/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Resend email (in 30s)" })).toBeDisabled();
  });

  it("follows the server's Retry-After when rate limited", async () => {
    vi.useFakeTimers();
    const server = renderResend();
    server.on("POST /auth/magic-link/start", apiError(429, "rate_limited", "Too many emails.", { "Retry-After": "120" }));
    act(() => vi.advanceTimersByTime(30_000));

    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Resend email" }));
    });

    expect(screen.getByRole("alert")).toHaveTextContent("Too many emails.");
    expect(screen.getByRole("button", { name: "Resend email (in 120s)" })).toBeDisabled();
  });
});
