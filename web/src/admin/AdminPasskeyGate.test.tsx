import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { apiError, fakeServer, json, noContent } from "../../test/fakeServer";
import { aUser } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "../api/types";
import { webauthn } from "../auth/webauthn";

const users = {
  items: [{ id: "u1", email: "ann@example.com", emailVerified: true, createdAt: "2026-05-01T00:00:00Z", lockedUntil: null, sessionCount: 1, passkeyCount: 0 }],
  nextCursor: null,
};
const needsPasskey = () => apiError(403, "admin_passkey_required", "Administrators confirm with a passkey.");

describe("admin passkey gate", () => {
  it("has an admin without a passkey add one, then confirm with it, before the admin pages show", async () => {
    const user = userEvent.setup();
    vi.spyOn(webauthn, "isSupported").mockReturnValue(true);
    const create = vi.spyOn(webauthn, "create").mockResolvedValue({ id: "new" } as unknown as RegistrationResponseJSON);
    const get = vi.spyOn(webauthn, "get").mockResolvedValue({ id: "new" } as unknown as AuthenticationResponseJSON);
    const admin = aUser({ id: "admin", email: "root@example.com", isAdmin: true, passkeyCount: 0 });
    const server = fakeServer({
      "POST /auth/webauthn/register/start": json(200, { options: { challenge: "c" } }),
      "POST /auth/webauthn/register/finish": json(201, {
        id: "p1",
        name: "Laptop",
        createdAt: "2026-11-01T00:00:00Z",
        lastUsedAt: null,
        transports: [],
        backedUp: false,
      }),
      "POST /auth/reauthenticate/start": json(200, { ceremonyId: "cer", options: { challenge: "r" } }),
      "POST /auth/reauthenticate/finish": noContent(),
      "GET /admin/users": json(200, users),
    });
    server.on("GET /auth/me", json(200, admin), json(200, { ...admin, passkeyCount: 1 }));
    server.on("GET /admin/audit/event-types", needsPasskey(), json(200, { items: [] }));
    renderApp("/admin");

    expect(await screen.findByRole("heading", { level: 1, name: "Confirm with a passkey" })).toBeInTheDocument();
    expect(server.callsTo("GET /admin/users")).toHaveLength(0);
    expect(screen.queryByRole("button", { name: "Confirm with a passkey" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Add a passkey" }));
    expect(await screen.findByText("Passkey added. Now confirm it’s you with it.")).toBeInTheDocument();
    await user.click(await screen.findByRole("button", { name: "Confirm with a passkey" }));

    expect(await screen.findByRole("link", { name: "ann@example.com" })).toBeInTheDocument();
    expect(create).toHaveBeenCalledWith({ challenge: "c" });
    expect(get).toHaveBeenCalledWith({ challenge: "r" });
    expect(server.callsTo("POST /auth/reauthenticate/finish")).toHaveLength(1);
  });

  it("lets an admin whose session a passkey proved straight through", async () => {
    const server = fakeServer({
      "GET /auth/me": json(200, aUser({ isAdmin: true })),
      "GET /admin/audit/event-types": json(200, { items: [] }),
      "GET /admin/users": json(200, users),
    });

    renderApp("/admin");

    expect(await screen.findByRole("link", { name: "ann@example.com" })).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Confirm with a passkey" })).not.toBeInTheDocument();
    expect(within(document.body).queryByRole("alert")).not.toBeInTheDocument();
    expect(server.callsTo("GET /admin/audit/event-types")).toHaveLength(1);
  });
});
