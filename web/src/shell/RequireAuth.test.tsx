import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { apiError, fakeServer, json } from "../../test/fakeServer";
import { aUser } from "../../test/fixtures";
import { currentLocation, renderApp } from "../../test/renderApp";
import { emptyTrainingHome } from "../../test/trainingFakes";
import { resetQueues } from "../training/workouts/sync/queueRegistry";

const aSession = {
  id: "s1",
  createdAt: "2026-11-01T10:00:00Z",
  lastSeenAt: "2026-11-22T10:00:00Z",
  ip: "203.0.113.7",
  device: "Firefox on Linux",
  current: true,
};

describe("protected routes", () => {
  // Sign out reads the person's write queue, which lives for the page: each test starts without one.
  afterEach(() => {
    resetQueues();
    localStorage.clear();
  });

  it("sends a signed-out visitor to sign-in with the path as next", async () => {
    fakeServer({ "GET /auth/me": apiError(401, "unauthenticated") });

    renderApp("/account/sessions?tab=1");

    expect(await screen.findByRole("heading", { level: 1, name: "Sign in to FitFolio" })).toBeInTheDocument();
    expect(currentLocation()).toBe(`/signin?next=${encodeURIComponent("/account/sessions?tab=1")}`);
  });

  it("returns the visitor to next after signing in with a code", async () => {
    const user = userEvent.setup();
    const server = fakeServer({
      "GET /auth/me": apiError(401, "unauthenticated"),
      "POST /auth/magic-link/start": json(202, { status: "sent" }),
      "POST /auth/magic-link/verify": json(200, { user: aUser() }),
      "GET /auth/sessions": json(200, { items: [aSession] }),
    });
    renderApp("/account/sessions");

    await user.type(await screen.findByLabelText("Email address"), "ada@example.com");
    await user.click(screen.getByRole("button", { name: "Email me a sign-in link" }));
    await user.type(await screen.findByLabelText("8-digit code"), "12345678");
    await user.click(screen.getByRole("button", { name: "Sign in with code" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Sessions" })).toBeInTheDocument();
    expect(currentLocation()).toBe("/account/sessions");
    expect(server.callsTo("POST /auth/magic-link/verify")[0]!.body).toEqual({ email: "ada@example.com", code: "12345678" });
  });

  it("shows the page to a signed-in user", async () => {
    fakeServer({ "GET /auth/me": json(200, aUser()), "GET /auth/sessions": json(200, { items: [aSession] }) });

    renderApp("/account/sessions");

    expect(await screen.findByText("Firefox on Linux")).toBeInTheDocument();
    expect(screen.getByText("This device")).toBeInTheDocument();
  });

  it("sends the person to sign-in when a call answers 401 mid-session", async () => {
    fakeServer({
      "GET /auth/me": json(200, aUser()),
      "GET /auth/sessions": apiError(401, "unauthenticated", "Your session was revoked."),
    });

    renderApp("/account/sessions");

    expect(await screen.findByRole("heading", { level: 1, name: "Sign in to FitFolio" })).toBeInTheDocument();
    expect(currentLocation()).toBe(`/signin?next=${encodeURIComponent("/account/sessions")}`);
    expect(screen.getByRole("status", { name: "" })).toHaveTextContent("Your session has ended");
  });

  it("ignores a next that points off-site", async () => {
    const user = userEvent.setup();
    fakeServer({
      "GET /auth/me": apiError(401, "unauthenticated"),
      "POST /auth/magic-link/start": json(202, { status: "sent" }),
      "POST /auth/magic-link/verify": json(200, { user: aUser() }),
    });
    renderApp("/signin?next=//evil.example/steal");

    await user.type(await screen.findByLabelText("Email address"), "ada@example.com");
    await user.click(screen.getByRole("button", { name: "Email me a sign-in link" }));
    await user.type(await screen.findByLabelText("8-digit code"), "12345678");
    await user.click(screen.getByRole("button", { name: "Sign in with code" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Your training log" })).toBeInTheDocument();
    expect(currentLocation()).toBe("/");
  });

  it("sends a signed-in user away from the sign-in page", async () => {
    fakeServer({ "GET /auth/me": json(200, aUser()) });

    renderApp("/signin?next=%2Faccount%2Femail");

    expect(await screen.findByRole("heading", { level: 1, name: "Email" })).toBeInTheDocument();
  });

  it("keeps admin screens from non-admins", async () => {
    const server = fakeServer({ "GET /auth/me": json(200, aUser({ isAdmin: false })) });

    renderApp("/admin/audit");

    expect(await screen.findByRole("heading", { level: 1, name: "Admins only" })).toBeInTheDocument();
    expect(server.callsTo("GET /admin/audit/events")).toHaveLength(0);
    expect(screen.queryByRole("link", { name: "Admin" })).not.toBeInTheDocument();
  });

  it("shows unknown deep links as not found, inside the app shell", async () => {
    fakeServer({ "GET /auth/me": json(200, aUser()) });

    renderApp("/workouts/2026/nope");

    expect(await screen.findByRole("heading", { level: 1, name: "Page not found" })).toBeInTheDocument();
    expect(await screen.findByRole("navigation", { name: "Main" })).toBeInTheDocument();
  });

  it("moves focus to the new page's heading after navigating", async () => {
    const user = userEvent.setup();
    fakeServer({ "GET /auth/me": json(200, aUser()), "GET /auth/webauthn/credentials": json(200, { items: [] }) });
    renderApp("/");
    await screen.findByRole("heading", { level: 1, name: "Your training log" });

    await user.click(screen.getByRole("link", { name: "Account" }));

    const heading = await screen.findByRole("heading", { level: 1, name: "Passkeys" });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(document.title).toBe("Passkeys · FitFolio");
  });

  it("signs out from the header and says so on the sign-in page", async () => {
    const user = userEvent.setup();
    const server = fakeServer({ "GET /auth/me": json(200, aUser()), "POST /auth/logout": new Response(null, { status: 204 }) });
    renderApp("/");

    await user.click(await screen.findByRole("button", { name: "Sign out" }));

    expect(await screen.findByText("You’re signed out. See you next session.")).toBeInTheDocument();
    expect(currentLocation()).toBe("/signin");
    expect(server.callsTo("POST /auth/logout")).toHaveLength(1);
  });

  it("stays signed in and says so when the server could not sign out", async () => {
    const user = userEvent.setup();
    fakeServer({ "GET /auth/me": json(200, aUser()), "POST /auth/logout": apiError(503, "unavailable"), ...emptyTrainingHome() });
    renderApp("/");

    await user.click(await screen.findByRole("button", { name: "Sign out" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Couldn’t sign out. Try again.");
    expect(currentLocation()).toBe("/");
  });

  it("warns before signing out with writes still waiting, and keeps them for the next sign-in here", async () => {
    const waiting = [{ key: "set:a", workoutId: "w1", method: "POST", path: "/training/workouts/w1/exercises/we1/sets", body: { id: "a" }, attempts: 0 }];
    localStorage.setItem("fitfolio.pendingWrites.u-1", JSON.stringify(waiting));
    const user = userEvent.setup();
    const server = fakeServer({ "GET /auth/me": json(200, aUser()), "POST /auth/logout": new Response(null, { status: 204 }), ...emptyTrainingHome() });
    renderApp("/");

    await user.click(await screen.findByRole("button", { name: "Sign out" }));

    const dialog = await screen.findByRole("dialog", { name: "Sign out with changes not yet saved?" });
    expect(dialog).toHaveTextContent("1 change hasn’t reached FitFolio yet. It stays on this device");
    expect(server.callsTo("POST /auth/logout")).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Sign out anyway" }));

    expect(await screen.findByText("You’re signed out. See you next session.")).toBeInTheDocument();
    expect(JSON.parse(localStorage.getItem("fitfolio.pendingWrites.u-1")!)).toHaveLength(1);
  });
});
