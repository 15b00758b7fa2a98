import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { fakeServer, json } from "../../../test/fakeServer";
import { aUser } from "../../../test/fixtures";
import { renderApp } from "../../../test/renderApp";
import type { ImportProgress, ImportSummary } from "../../api/trainingTypes";

const STRONG =
  "Date;Workout Name;Duration;Exercise Name;Set Order;Weight;Reps;Distance;Seconds;Notes;Workout Notes;RPE\n" +
  "2026-01-01 10:00:00;Push;1h;Bench Press (Barbell);1;100;5;0;0;;;\n";

/** Just enough XMLHttpRequest to drive an upload: the test decides when progress and the answer arrive. */
class FakeXhr {
  static last: FakeXhr | null = null;
  method = "";
  url = "";
  headers: Record<string, string> = {};
  body: File | null = null;
  status = 0;
  responseText = "";
  upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getAllResponseHeaders() {
    return "content-type: application/json\r\n";
  }
  send(body: File) {
    this.body = body;
    FakeXhr.last = this;
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

const summary: ImportSummary = {
  format: "strong",
  workoutsImported: 12,
  workoutsAlreadyPresent: 1,
  setsImported: 240,
  exercisesCreated: [{ id: "c1", name: "Cable Y Raise" }],
  skipped: [
    { row: 17, reason: "reps 'abc' is not a whole number" },
    { row: 40, reason: "a rest timer row" },
  ],
};

const started: ImportProgress = {
  id: "0193a000-0000-7000-8000-000000000001",
  status: "running",
  format: "strong",
  rowsRead: 242,
  workoutsTotal: 13,
  workoutsDone: 0,
  setsWritten: 0,
  percent: 0,
  summary: null,
  failure: null,
};
const halfway: ImportProgress = { ...started, workoutsDone: 7, setsWritten: 130, percent: 53 };
const finished: ImportProgress = { ...started, status: "finished", workoutsDone: 13, setsWritten: 240, percent: 100, summary };

async function onImportPage(...progress: ImportProgress[]) {
  document.cookie = "ff_csrf=tok; Path=/";
  const server = fakeServer({ "GET /auth/me": json(200, aUser()) });
  server.on(`GET /training/imports/${started.id}`, ...progress.map((p) => json(200, p)));
  vi.stubGlobal("XMLHttpRequest", FakeXhr);
  FakeXhr.last = null;
  renderApp("/training/import");
  return screen.findByLabelText("CSV file");
}

describe("importing a CSV", () => {
  it("uploads a Strong export with progress and shows the server's summary, skipped rows included", async () => {
    const user = userEvent.setup();
    const input = await onImportPage(halfway, finished);

    await user.upload(input, new File([STRONG], "strong.csv", { type: "text/csv" }));
    expect(await screen.findByText("strong.csv looks like a Strong export.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Import" }));

    const xhr = FakeXhr.last!;
    expect(xhr.method).toBe("POST");
    expect(xhr.url).toMatch(/^\/api\/v1\/training\/import\?tz=[\w%/+-]+$/);
    expect(xhr.headers["X-CSRF-Token"]).toBe("tok");
    expect(xhr.headers["Content-Type"]).toBe("text/csv");
    expect(xhr.body!.name).toBe("strong.csv");

    xhr.progress(512, 2048);
    expect(await screen.findByText("Uploading… 25%")).toBeInTheDocument();
    expect(screen.getByRole("progressbar", { name: "Upload progress" })).toHaveAttribute("value", "25");
    xhr.progress(2048, 2048);
    expect(await screen.findByText("Uploaded. FitFolio is reading your workouts…")).toBeInTheDocument();
    xhr.respond(202, started);

    const bar = await screen.findByRole("progressbar", { name: "Import progress" });
    expect(bar).toHaveAttribute("aria-valuenow", "0");
    expect(screen.getByText("0%: 242 rows read, 0 of 13 workouts, 0 sets written.")).toHaveAttribute("aria-live", "polite");
    expect(await screen.findByText("53%: 242 rows read, 7 of 13 workouts, 130 sets written.")).toBeInTheDocument();
    expect(screen.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "53");

    const result = await screen.findByRole("region", { name: "Import finished" });
    expect(within(result).getByText("Workouts imported").nextElementSibling).toHaveTextContent("12");
    expect(within(result).getByText("Sets imported").nextElementSibling).toHaveTextContent("240");
    expect(within(result).getByText("Cable Y Raise")).toBeInTheDocument();
    const rows = within(within(result).getByRole("table")).getAllByRole("row");
    expect(rows.map((row) => row.textContent)).toEqual(["RowWhy it was skipped", "17reps 'abc' is not a whole number", "40a rest timer row"]);
    expect(screen.getByText("Imported 12 workouts with 240 sets.")).toBeInTheDocument();
    expect(screen.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "100");
    expect(screen.getByText("Import finished: 13 of 13 workouts, 240 sets written.")).toBeInTheDocument();
  });

  it("says so when the import fails on the server, and lets the same file be imported again", async () => {
    const user = userEvent.setup();
    const failed: ImportProgress = { ...started, status: "failed", failure: "The import stopped before it finished and nothing of it was stored." };
    const input = await onImportPage(failed);
    await user.upload(input, new File([STRONG], "strong.csv", { type: "text/csv" }));
    await screen.findByText("strong.csv looks like a Strong export.");
    await user.click(screen.getByRole("button", { name: "Import" }));

    FakeXhr.last!.respond(202, started);

    expect(await screen.findByRole("alert")).toHaveTextContent("The import stopped before it finished and nothing of it was stored.");
    expect(screen.getByRole("button", { name: "Import" })).toBeEnabled();
  });

  it("refuses a file that is not a Strong or Hevy export before uploading anything", async () => {
    const user = userEvent.setup({ applyAccept: false });
    const input = await onImportPage();

    await user.upload(input, new File(["name,age\n"], "people.csv", { type: "text/csv" }));

    expect(await screen.findByText(/doesn’t look like a Strong or Hevy export/)).toBeInTheDocument();
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("button", { name: "Import" })).toBeDisabled();
    expect(FakeXhr.last).toBeNull();
  });

  it("shows the server's reason when it refuses the file", async () => {
    const user = userEvent.setup();
    const input = await onImportPage();
    await user.upload(input, new File([STRONG], "strong.csv", { type: "text/csv" }));
    await screen.findByText("strong.csv looks like a Strong export.");
    await user.click(screen.getByRole("button", { name: "Import" }));

    FakeXhr.last!.respond(400, { error: { code: "malformed_csv", message: "Row 9 has an unterminated quote.", request_id: "r1" } });

    expect(await screen.findByRole("alert")).toHaveTextContent("Row 9 has an unterminated quote.");
    expect(screen.getByRole("button", { name: "Import" })).toBeEnabled();
  });
});
