import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeServer, json, noContent, type Call } from "../../../test/fakeServer";
import { aUser } from "../../../test/fixtures";
import { currentLocation, renderApp } from "../../../test/renderApp";
import type { AdminUserSummary } from "../../api/types";

function aSummary(id: string, email: string, overrides: Partial<AdminUserSummary> = {}): AdminUserSummary {
  return { id, email, emailVerified: true, createdAt: "2026-05-01T00:00:00Z", lockedUntil: null, sessionCount: 1, passkeyCount: 1, ...overrides };
}

const admin = aUser({ id: "admin", email: "root@example.com", isAdmin: true });

describe("admin users", () => {
  it("searches by the query in the URL and appends the next page on demand", async () => {
    const user = userEvent.setup();
    const server = fakeServer({
      "GET /auth/me": json(200, admin),
      "GET /admin/users": (call: Call) =>
        call.query.get("cursor") === "n2"
          ? json(200, { items: [aSummary("u3", "cy@example.com")], nextCursor: null })
          : json(200, { items: [aSummary("u1", "ann@example.com"), aSummary("u2", "bob@example.com")], nextCursor: "n2" }),
    });
    renderApp("/admin");
    await screen.findByRole("link", { name: "ann@example.com" });

    await user.type(screen.getByLabelText("Search by email or user ID"), "example.com");
    await user.click(screen.getByRole("button", { name: "Search" }));
    await screen.findByRole("link", { name: "ann@example.com" });
    expect(currentLocation()).toBe("/admin?query=example.com");

    await user.click(screen.getByRole("button", { name: "Load more users" }));

    await waitFor(() => expect(screen.getByRole("link", { name: "cy@example.com" })).toHaveFocus());
    expect(within(screen.getByRole("region", { name: "Users" })).getAllByRole("row")).toHaveLength(4);
    expect(screen.queryByRole("button", { name: "Load more users" })).not.toBeInTheDocument();
    const last = server.callsTo("GET /admin/users").at(-1)!;
    expect(Object.fromEntries(last.query)).toEqual({ query: "example.com", cursor: "n2" });
  });

  it("locks a user for the chosen time and shows the new state", async () => {
    const user = userEvent.setup();
    const detail = (lockedUntil: string | null) => ({
      user: { id: "u2", email: "bob@example.com", emailVerified: true, createdAt: "2026-05-01T00:00:00Z", lockedUntil },
      sessions: [],
      passkeys: [],
      externalIdentities: [],
    });
    const server = fakeServer({ "GET /auth/me": json(200, admin), "POST /admin/users/u2/lock": noContent() });
    server.on("GET /admin/users/u2", json(200, detail(null)), json(200, detail("2099-01-01T00:00:00Z")));
    renderApp("/admin/users/u2");

    await user.selectOptions(await screen.findByLabelText("Lock for"), "1440");
    await user.click(screen.getByRole("button", { name: "Lock account" }));
    await user.click(within(screen.getByRole("dialog", { name: "Lock bob@example.com for 24 hours?" })).getByRole("button", { name: "Lock account" }));

    expect(await screen.findByText("bob@example.com is locked for 24 hours.")).toBeInTheDocument();
    expect(server.callsTo("POST /admin/users/u2/lock")[0]!.body).toEqual({ minutes: 1440 });
    expect(await screen.findByRole("button", { name: "Unlock account" })).toBeInTheDocument();
  });

  it("shows a locked user as locked and unlocks them", async () => {
    const user = userEvent.setup();
    const profile = {
      id: "u2",
      email: "bob@example.com",
      emailVerified: true,
      isAdmin: false,
      emailSignInEnabled: true,
      passkeyCount: 1,
      createdAt: "2026-05-01T00:00:00Z",
    };
    const server = fakeServer({ "GET /auth/me": json(200, admin), "POST /admin/users/u2/unlock": noContent() });
    server.on(
      "GET /admin/users/u2",
      json(200, { user: { ...profile, lockedUntil: "2099-01-01T00:00:00Z" }, sessions: [], passkeys: [], externalIdentities: [] }),
      json(200, { user: { ...profile, lockedUntil: null }, sessions: [], passkeys: [], externalIdentities: [] }),
    );
    renderApp("/admin/users/u2");

    expect(await screen.findByText(/Locked until/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Unlock account" }));

    expect(await screen.findByText("bob@example.com is unlocked.")).toBeInTheDocument();
    expect(server.callsTo("POST /admin/users/u2/unlock")).toHaveLength(1);
    expect(await screen.findByText("Active")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Lock account" })).toBeInTheDocument();
    expect(server.callsTo("GET /admin/users")).toHaveLength(0);
  });

  it("goes straight to the user when the search is a user ID (the server searches addresses only)", async () => {
    const user = userEvent.setup();
    const id = "01a2091e-25b9-70a7-ae7f-6552d5cabe39";
    const detail = {
      user: { id, email: "bob@example.com", emailVerified: true, createdAt: "2026-05-01T00:00:00Z", lockedUntil: null },
      sessions: [],
      passkeys: [],
      externalIdentities: [],
    };
    const server = fakeServer({
      "GET /auth/me": json(200, admin),
      "GET /admin/users": json(200, { items: [aSummary("u1", "ann@example.com")], nextCursor: null }),
      [`GET /admin/users/${id}`]: json(200, detail),
    });
    renderApp("/admin");
    await screen.findByRole("link", { name: "ann@example.com" });

    await user.type(screen.getByLabelText("Search by email or user ID"), ` ${id.toUpperCase()} `);
    await user.click(screen.getByRole("button", { name: "Search" }));

    expect(await screen.findByRole("heading", { level: 1, name: "bob@example.com" })).toBeInTheDocument();
    expect(currentLocation()).toBe(`/admin/users/${id}`);
    expect(server.callsTo("GET /admin/users")).toHaveLength(1);
  });
});
