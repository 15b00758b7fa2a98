import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeServer, json, type Call } from "../../../test/fakeServer";
import { aUser } from "../../../test/fixtures";
import { currentLocation, renderApp } from "../../../test/renderApp";
import type { AuditEvent } from "../../api/types";

function anEvent(id: string, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id,
    occurredAt: "2026-11-22T10:00:00Z",
    type: "sign_in.succeeded",
    userId: "u-9",
    email: "bo@example.com",
    ip: "198.51.100.4",
    userAgent: "Firefox",
    requestId: `req-${id}`,
    details: { method: "passkey" },
    ...overrides,
  };
}

/** Pages keyed by cursor: no cursor is the newest page. */
function auditServer(pages: Record<string, { items: AuditEvent[]; nextCursor: string | null }>) {
  return fakeServer({
    "GET /auth/me": json(200, aUser({ isAdmin: true })),
    "GET /admin/audit/events": (call: Call) => json(200, pages[call.query.get("cursor") ?? ""] ?? { items: [], nextCursor: null }),
    "GET /admin/audit/event-types": json(200, { items: ["api_key_created", "session_created"] }),
  });
}

const queryOf = (call: Call | undefined) => Object.fromEntries(call?.query ?? []);

describe("audit log", () => {
  it("suggests the server's event types in the type filter", async () => {
    auditServer({ "": { items: [], nextCursor: null } });

    renderApp("/admin/audit");

    const field = await screen.findByLabelText("Event type");
    await waitFor(() => expect(document.querySelectorAll(`#${CSS.escape(field.getAttribute("list")!)} option`)).toHaveLength(2));
    expect(document.querySelector(`#${CSS.escape(field.getAttribute("list")!)} option`)).toHaveAttribute("value", "api_key_created");
  });

  it("asks for the filters in the URL, newest page first", async () => {
    const server = auditServer({ "": { items: [anEvent("e1")], nextCursor: null } });

    renderApp("/admin/audit?type=sign_in.succeeded&userId=u-9");

    expect(await screen.findByRole("cell", { name: "sign_in.succeeded" })).toBeInTheDocument();
    expect(queryOf(server.callsTo("GET /admin/audit/events")[0])).toEqual({ type: "sign_in.succeeded", userId: "u-9", limit: "50" });
    expect(screen.getByLabelText("Event type")).toHaveValue("sign_in.succeeded");
    expect(screen.getByLabelText("User ID")).toHaveValue("u-9");
  });

  it("builds the query from the filter form, converting times to UTC", async () => {
    const user = userEvent.setup();
    const server = auditServer({ "": { items: [anEvent("e1")], nextCursor: null } });
    renderApp("/admin/audit");
    await screen.findByRole("cell", { name: "sign_in.succeeded" });

    await user.type(screen.getByLabelText("IP address"), "203.0.113.9");
    await user.type(screen.getByLabelText("Event type"), "passkey.deleted");
    await user.type(screen.getByLabelText("From"), "2026-11-20T08:00");
    await user.click(screen.getByRole("button", { name: "Apply filters" }));

    const from = new Date(2026, 10, 20, 8, 0).toISOString();
    await screen.findByRole("cell", { name: "sign_in.succeeded" });
    expect(queryOf(server.callsTo("GET /admin/audit/events").at(-1))).toEqual({ type: "passkey.deleted", ip: "203.0.113.9", from, limit: "50" });
    expect(currentLocation()).toBe(`/admin/audit?type=passkey.deleted&ip=203.0.113.9&from=${encodeURIComponent(from)}`);
  });

  it("pages to older events with the server's cursor and back to the newest", async () => {
    const user = userEvent.setup();
    const server = auditServer({
      "": { items: [anEvent("e1", { type: "newest.event" })], nextCursor: "c-2" },
      "c-2": { items: [anEvent("e2", { type: "older.event" })], nextCursor: null },
    });
    renderApp("/admin/audit?ip=198.51.100.4");
    await screen.findByRole("cell", { name: "newest.event" });

    await user.click(screen.getByRole("button", { name: "Older" }));

    expect(await screen.findByRole("cell", { name: "older.event" })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("region", { name: "Audit events" })).toHaveFocus());
    expect(queryOf(server.callsTo("GET /admin/audit/events").at(-1))).toEqual({ ip: "198.51.100.4", cursor: "c-2", limit: "50" });
    expect(screen.queryByRole("button", { name: "Older" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("link", { name: "Newest" }));

    expect(await screen.findByRole("cell", { name: "newest.event" })).toBeInTheDocument();
    expect(currentLocation()).toBe("/admin/audit?ip=198.51.100.4");
  });

  it("drops the cursor when the filters change", async () => {
    const user = userEvent.setup();
    const server = auditServer({ "c-7": { items: [anEvent("e7")], nextCursor: null } });
    renderApp("/admin/audit?cursor=c-7");
    await screen.findByRole("cell", { name: "sign_in.succeeded" });

    await user.type(screen.getByLabelText("User ID"), "u-1");
    await user.click(screen.getByRole("button", { name: "Apply filters" }));

    await screen.findByRole("heading", { name: "No events match" });
    expect(queryOf(server.callsTo("GET /admin/audit/events").at(-1))).toEqual({ userId: "u-1", limit: "50" });
  });

  it("refuses a backwards time range without asking the server", async () => {
    const user = userEvent.setup();
    const server = auditServer({ "": { items: [], nextCursor: null } });
    renderApp("/admin/audit");
    await screen.findByRole("heading", { name: "No events match" });

    await user.type(screen.getByLabelText("From"), "2026-11-22T10:00");
    await user.type(screen.getByLabelText("To"), "2026-11-21T10:00");
    await user.click(screen.getByRole("button", { name: "Apply filters" }));

    expect(within(screen.getByRole("form", { name: "Filter audit events" })).getByRole("alert")).toHaveTextContent("“From” must be earlier than “To”.");
    expect(server.callsTo("GET /admin/audit/events")).toHaveLength(1);
  });

  it("links each event to its user and shows its details on demand", async () => {
    auditServer({ "": { items: [anEvent("e1")], nextCursor: null } });
    renderApp("/admin/audit");

    expect(await screen.findByRole("link", { name: "bo@example.com" })).toHaveAttribute("href", "/admin/users/u-9");
    expect(screen.getByText(/"method": "passkey"/)).toBeInTheDocument();
  });
});
