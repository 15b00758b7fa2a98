import { describe, expect, it, vi } from "vitest";
import { apiError, fakeServer, json, noContent } from "../../test/fakeServer";
import { aUser } from "../../test/fixtures";
import { buildUrl, onUnauthenticated } from "./client";
import { ApiError, NETWORK_ERROR } from "./errors";
import { api } from "./fitfolio";

describe("CSRF double-submit", () => {
  it("sends the __Host- cookie's token on every unsafe method", async () => {
    document.cookie = "__Host-ff_csrf=tok%2Fen-1; Secure; Path=/";
    const server = fakeServer({
      "POST /auth/logout": noContent(),
      "PUT /auth/email-sign-in": json(200, aUser()),
      "PATCH /auth/webauthn/credentials/p1": json(200, { id: "p1", name: "Laptop" }),
      "DELETE /account/api-keys/k1": noContent(),
    });

    await api.auth.logout();
    await api.auth.setEmailSignIn(true);
    await api.passkeys.rename("p1", "Laptop");
    await api.account.deleteApiKey("k1");

    expect(server.calls.map((call) => [call.method, call.headers.get("X-CSRF-Token")])).toEqual([
      ["POST", "tok/en-1"],
      ["PUT", "tok/en-1"],
      ["PATCH", "tok/en-1"],
      ["DELETE", "tok/en-1"],
    ]);
  });

  it("never sends the token on GET", async () => {
    document.cookie = "__Host-ff_csrf=secret-token; Secure; Path=/";
    const server = fakeServer({ "GET /auth/sessions": json(200, { items: [] }) });

    await api.sessions.list();

    expect(server.calls[0]!.headers.has("X-CSRF-Token")).toBe(false);
  });

  it("falls back to the plain-http development cookie", async () => {
    document.cookie = "ff_csrf=dev-token; Path=/";
    const server = fakeServer({ "POST /auth/logout": noContent() });

    await api.auth.logout();

    expect(server.calls[0]!.headers.get("X-CSRF-Token")).toBe("dev-token");
  });

  it("collects the cookie with one safe request when it is missing", async () => {
    const server = fakeServer({
      "GET /auth/me": () => {
        document.cookie = "ff_csrf=fresh; Path=/";
        return apiError(401, "unauthenticated");
      },
      "POST /auth/magic-link/start": json(202, { status: "sent" }),
    });
    const lostSession = vi.fn();
    onUnauthenticated(lostSession);

    await api.auth.startMagicLink("ada@example.com");

    expect(server.calls.map((call) => `${call.method} ${call.path}`)).toEqual(["GET /auth/me", "POST /auth/magic-link/start"]);
    expect(server.calls[1]!.headers.get("X-CSRF-Token")).toBe("fresh");
    expect(lostSession).not.toHaveBeenCalled();
  });
});

describe("requests", () => {
  it("sends JSON with same-origin credentials to /api/v1", async () => {
    document.cookie = "ff_csrf=t; Path=/";
    const server = fakeServer({ "POST /account/api-keys": json(201, { key: {}, secret: "s" }) });

    await api.account.createApiKey({ name: "Tablet", scopes: ["read"], expiresInDays: 30 });

    const [call] = server.calls;
    expect(server.fetchMock.mock.calls[0]![0]).toBe("/api/v1/account/api-keys");
    expect(call!.credentials).toBe("same-origin");
    expect(call!.headers.get("Content-Type")).toBe("application/json");
    expect(call!.body).toEqual({ name: "Tablet", scopes: ["read"], expiresInDays: 30 });
  });

  it("returns undefined for 204 No Content", async () => {
    fakeServer({ "DELETE /auth/sessions/s1": noContent() });
    await expect(api.sessions.revoke("s1")).resolves.toBeUndefined();
  });

  it("leaves empty query values out of the URL and encodes the rest", () => {
    expect(buildUrl("/admin/users", { query: "a b&c", cursor: null, limit: 50, type: "" })).toBe("/api/v1/admin/users?query=a+b%26c&limit=50");
  });

  it("encodes ids placed in paths", async () => {
    const server = fakeServer({ "GET /admin/users/a%2Fb": json(200, { user: {}, sessions: [], passkeys: [] }) });
    await api.admin.getUser("a/b");
    expect(server.calls).toHaveLength(1);
  });
});

describe("errors", () => {
  it("exposes the server's code, message and request id", async () => {
    fakeServer({
      "POST /auth/magic-link/verify": apiError(400, "invalid_or_expired", "The link is invalid or has expired."),
    });

    const error = await api.auth.verifyMagicLink("t").catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: "invalid_or_expired",
      message: "The link is invalid or has expired.",
      requestId: "req-test",
    });
  });

  it("turns a non-JSON error page into a readable message", async () => {
    fakeServer({
      "GET /auth/sessions": new Response("<html><body>502 Bad Gateway</body></html>", {
        status: 502,
        headers: { "Content-Type": "text/html" },
      }),
    });

    const error = await api.sessions.list().catch((caught: unknown) => caught);

    expect(error).toMatchObject({ status: 502, code: "unknown_error" });
    expect((error as ApiError).message).toBe("Something went wrong on our side. Please try again in a moment.");
  });

  it("uses a per-status message when the envelope has no message", async () => {
    fakeServer({ "GET /admin/users": json(403, { error: { code: "forbidden" } }) });

    const error = await api.admin.searchUsers("", null).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ status: 403, code: "forbidden", message: "You don’t have permission to do that." });
  });

  it("reads Retry-After seconds on 429 and says how long to wait", async () => {
    fakeServer({ "POST /auth/magic-link/start": new Response("", { status: 429, headers: { "Retry-After": "90" } }) });

    const error = (await api.auth.startMagicLink("a@b.co").catch((caught: unknown) => caught)) as ApiError;

    expect(error.code).toBe("rate_limited");
    expect(error.retryAfterSeconds).toBe(90);
    expect(error.message).toBe("Too many attempts. Try again in 2 minutes.");
  });

  it("keeps the server's 429 message and still exposes Retry-After", async () => {
    fakeServer({
      "POST /auth/magic-link/start": apiError(429, "rate_limited", "Slow down a little.", { "Retry-After": "12" }),
    });

    const error = (await api.auth.startMagicLink("a@b.co").catch((caught: unknown) => caught)) as ApiError;

    expect(error.message).toBe("Slow down a little.");
    expect(error.retryAfterSeconds).toBe(12);
  });

  it("reports a network failure as a status-0 error", async () => {
    vi.stubGlobal("fetch", vi.fn().mockRejectedValue(new TypeError("Failed to fetch")));

    const error = await api.sessions.list().catch((caught: unknown) => caught);

    expect(error).toMatchObject({ status: 0, code: NETWORK_ERROR });
  });

  it("lets an aborted request reject as an abort, not as an API error", async () => {
    fakeServer({ "GET /auth/sessions": json(200, { items: [] }) });
    const controller = new AbortController();
    controller.abort();

    const error = await api.sessions.list({ signal: controller.signal }).catch((caught: unknown) => caught);

    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as Error).name).toBe("AbortError");
  });
});

describe("401 handling", () => {
  it("tells the session listener when any call answers 401", async () => {
    fakeServer({ "GET /account/api-keys": apiError(401, "unauthenticated", "Sign in again.") });
    const lostSession = vi.fn();
    const stop = onUnauthenticated(lostSession);

    await expect(api.account.listApiKeys()).rejects.toMatchObject({ status: 401, code: "unauthenticated" });

    expect(lostSession).toHaveBeenCalledTimes(1);
    stop();
  });

  it("treats 401 from /auth/me as 'nobody is signed in', quietly", async () => {
    fakeServer({ "GET /auth/me": apiError(401, "unauthenticated") });
    const lostSession = vi.fn();
    const stop = onUnauthenticated(lostSession);

    await expect(api.auth.me()).resolves.toBeNull();

    expect(lostSession).not.toHaveBeenCalled();
    stop();
  });

  it("stops notifying after unsubscribing", async () => {
    fakeServer({ "GET /auth/sessions": apiError(401, "unauthenticated") });
    const lostSession = vi.fn();
    onUnauthenticated(lostSession)();

    await api.sessions.list().catch(() => undefined);

    expect(lostSession).not.toHaveBeenCalled();
  });
});

describe("downloads", () => {
  it("returns the body and the server's file name; the account export is a POST with the CSRF token", async () => {
    document.cookie = "__Host-ff_csrf=export-token; Secure; Path=/";
    const server = fakeServer({
      "POST /account/export": new Response('{"user":{}}', {
        status: 200,
        headers: { "Content-Type": "application/json", "Content-Disposition": 'attachment; filename="ff-export.json"' },
      }),
    });

    const { blob, filename } = await api.account.exportData();

    expect(filename).toBe("ff-export.json");
    expect(await blob.text()).toBe('{"user":{}}');
    expect(server.calls.map((call) => [call.method, call.headers.get("X-CSRF-Token")])).toEqual([["POST", "export-token"]]);
  });
});
