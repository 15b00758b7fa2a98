import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeServer, json } from "../../../test/fakeServer";
import { aUser } from "../../../test/fixtures";
import { renderApp } from "../../../test/renderApp";
import type { Program } from "../../api/trainingTypes";

const REPLACE = "PUT /training/programs/p1";

function aProgram(overrides: Partial<Program> = {}): Program {
  return {
    id: "p1",
    name: "Strength A",
    notes: null,
    archived: false,
    createdAt: "2026-11-20T10:00:00Z",
    updatedAt: "2026-11-20T10:00:00Z",
    days: [{ id: "d1", position: 1, name: "Push", exercises: [] }],
    version: 3,
    ...overrides,
  };
}

const stale = json(412, { error: { code: "version_mismatch", message: "This program was changed.", request_id: "r", current_version: 4 } }, { ETag: '"4"' });

function onEditor(routes: Parameters<typeof fakeServer>[0]) {
  document.cookie = "ff_csrf=t; Path=/";
  const server = fakeServer({ "GET /auth/me": json(200, aUser()), ...routes });
  renderApp("/training/programs/p1");
  return server;
}

describe("editing a program changed elsewhere", () => {
  it("sends the loaded version, shows the conflict instead of overwriting, and keeps mine on the reported version", async () => {
    const user = userEvent.setup();
    const server = onEditor({ "GET /training/programs/p1": json(200, aProgram()) });
    server.on(REPLACE, stale, (call) => json(200, aProgram({ name: (call.body as { name: string }).name, version: 5 })));

    const name = await screen.findByLabelText("Program name");
    await user.clear(name);
    await user.type(name, "Strength B");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    const conflict = await screen.findByRole("alert");
    expect(conflict).toHaveTextContent("This program was changed somewhere else");
    expect(server.callsTo(REPLACE)[0]!.headers.get("If-Match")).toBe('"3"');
    expect(screen.getByLabelText("Program name")).toHaveValue("Strength B");

    await user.click(within(conflict).getByRole("button", { name: "Keep mine" }));
    expect(await screen.findByText("Saved “Strength B”.")).toBeInTheDocument();
    expect(server.callsTo(REPLACE)[1]!.headers.get("If-Match")).toBe('"4"');
    expect(server.callsTo(REPLACE)[1]!.body).toMatchObject({ name: "Strength B" });
    expect(screen.queryByText(/changed somewhere else/)).not.toBeInTheDocument();
  });

  it("reloads the version saved elsewhere and drops the edits here", async () => {
    const user = userEvent.setup();
    const server = onEditor({ [REPLACE]: stale });
    server.on("GET /training/programs/p1", json(200, aProgram()), json(200, aProgram({ name: "Renamed on the phone", version: 4 })));

    const name = await screen.findByLabelText("Program name");
    await user.clear(name);
    await user.type(name, "Mine");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await user.click(within(await screen.findByRole("alert")).getByRole("button", { name: "Reload" }));

    expect(await screen.findByText("Showing the latest version.")).toBeInTheDocument();
    expect(screen.getByLabelText("Program name")).toHaveValue("Renamed on the phone");
    expect(screen.queryByText(/changed somewhere else/)).not.toBeInTheDocument();
    expect(server.callsTo(REPLACE)).toHaveLength(1);
  });
});
