import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { fakeServer, json, type Call } from "../../../test/fakeServer";
import { aUser } from "../../../test/fixtures";
import { renderApp } from "../../../test/renderApp";
import { aSet, aWorkout, aWorkoutExercise } from "../../../test/trainingFixtures";
import type { Exercise, RecordType, SetInput } from "../../api/trainingTypes";
import { resetQueues } from "./sync/queueRegistry";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SETS = "POST /training/workouts/w1/exercises/we1/sets";
const ADD = "POST /training/workouts/w1/exercises";

const squat: Exercise = {
  id: "ex-squat",
  slug: "squat-barbell",
  name: "Squat",
  category: "legs",
  primaryMuscles: ["quads"],
  secondaryMuscles: [],
  equipment: "barbell",
  kind: "weight_reps",
  custom: false,
  version: 1,
} as Exercise;

const lastTime = aWorkoutExercise({
  previous: {
    workoutId: "w0",
    performedAt: "2026-11-20T18:00:00Z",
    sets: [{ position: 1, type: "working", reps: 5, weight: 100, weightUnit: "kg", durationSeconds: null, distanceMeters: null, rpe: 8, rir: null }],
  },
});

/** The set as the server would store it from the request. */
function stored(call: Call, records: RecordType[] = []) {
  const body = call.body as SetInput;
  return aSet({
    id: body.id,
    reps: body.reps,
    weight: body.weight,
    weightUnit: body.weightUnit,
    weightKg: body.weight,
    rpe: body.rpe,
    rir: body.rir,
    e1rmKg: 120,
    records,
  });
}

const record = {
  exerciseId: "ex-bench",
  exerciseName: "Bench press",
  type: "best_e1rm",
  value: 120,
  unit: "kg",
  atWeightKg: null,
  setId: "x",
  workoutId: "w1",
  achievedAt: "2026-11-23T18:05:00Z",
  previous: 116.67,
};

function onLogger(routes: Parameters<typeof fakeServer>[0] = {}) {
  document.cookie = "ff_csrf=t; Path=/";
  const server = fakeServer({ "GET /auth/me": json(200, aUser()), "GET /training/workouts/w1": json(200, aWorkout({ exercises: [lastTime] })), ...routes });
  renderApp("/training/workouts/w1");
  return server;
}

afterEach(() => resetQueues());

describe("the workout logger", () => {
  it("fills the next set in from last time and logs it with a client-made UUID", async () => {
    const user = userEvent.setup();
    const server = onLogger({ [SETS]: (call) => json(201, { set: stored(call), records: [] }) });

    const card = await screen.findByRole("region", { name: "Bench press" });
    expect(within(card).getByLabelText("Weight (kg)")).toHaveValue("100");
    expect(within(card).getByLabelText("Reps")).toHaveValue("5");
    expect(within(card).getByLabelText("RPE")).toHaveValue("8");
    expect(within(card).getByText("Filled in from this set last time.")).toBeInTheDocument();
    expect(within(card).getByText(/Last time .*100 kg × 5 @ RPE 8/)).toBeInTheDocument();

    await user.click(within(card).getByRole("button", { name: "One rep more" }));
    await user.click(within(card).getByRole("button", { name: "Log set 1" }));

    const sets = await within(card).findByRole("list", { name: "Sets of Bench press" });
    expect(within(sets).getByText("100 kg × 6 @ RPE 8")).toBeInTheDocument();
    const body = server.callsTo(SETS)[0]!.body as SetInput;
    expect(body).toMatchObject({ type: "working", reps: 6, weight: 100, weightUnit: "kg", rpe: 8, rir: null });
    expect(body.id).toMatch(UUID);
    expect(await within(card).findByLabelText("Weight (kg)")).toHaveValue("100");
    expect(screen.getByRole("region", { name: "Rest timer" })).toBeInTheDocument();
  });

  it("shows the weights in pounds when asked, and sends what was typed with its unit", async () => {
    const user = userEvent.setup();
    const server = onLogger({ [SETS]: (call) => json(201, { set: stored(call), records: [] }) });

    await screen.findByRole("region", { name: "Bench press" });
    await user.click(screen.getByText("Logger settings"));
    await user.selectOptions(screen.getByLabelText("Weight unit"), "lb");

    const card = screen.getByRole("region", { name: "Bench press" });
    expect(within(card).getByLabelText("Weight (lb)")).toHaveValue("220.5");
    expect(within(card).getByText(/Last time .*220\.5 lb × 5/)).toBeInTheDocument();
    await user.clear(within(card).getByLabelText("Weight (lb)"));
    await user.type(within(card).getByLabelText("Weight (lb)"), "225");
    await user.click(within(card).getByRole("button", { name: "Log set 1" }));

    expect(await within(card).findByText("225 lb × 5 @ RPE 8")).toBeInTheDocument();
    expect(server.callsTo(SETS)[0]!.body).toMatchObject({ weight: 225, weightUnit: "lb" });
  });

  it("keeps a set logged while offline, says so, and retries it with the same id until it lands", async () => {
    const user = userEvent.setup();
    const server = onLogger();
    server.on(
      SETS,
      () => {
        throw new TypeError("Failed to fetch");
      },
      (call) => json(201, { set: stored(call, ["best_e1rm"]), records: [record] }),
    );

    const card = await screen.findByRole("region", { name: "Bench press" });
    await user.click(within(card).getByRole("button", { name: "Log set 1" }));

    expect(await screen.findByText(/1 change waiting to be saved\. You seem to be offline/)).toBeInTheDocument();
    expect(within(card).getByText("Saving…")).toBeInTheDocument();
    expect(JSON.parse(localStorage.getItem("fitfolio.pendingWrites.u-1")!)).toHaveLength(1);

    await user.click(screen.getByRole("button", { name: "Try now" }));

    const banner = (await screen.findByText("New record on Bench press:")).closest("[role=status]");
    expect(banner).toHaveTextContent("best estimated 1RM 120 kg (was 116.7 kg)");
    expect(banner).toHaveTextContent("e1RM) uses the Epley formula, weight × (1 + reps ÷ 30), for sets of 12 reps or fewer.");
    expect(within(card).getByRole("button", { name: "Close the record message" })).toBeInTheDocument();
    const [first, second] = server.callsTo(SETS);
    expect((first!.body as SetInput).id).toMatch(UUID);
    expect(second!.body).toEqual(first!.body);
    expect(within(card).queryByText("Saving…")).not.toBeInTheDocument();
    expect(within(card).getByText(/PR/)).toBeInTheDocument();
    expect(localStorage.getItem("fitfolio.pendingWrites.u-1")).toBeNull();
  });

  it("celebrates from the stored set when a retry's answer no longer carries the records", async () => {
    const user = userEvent.setup();
    onLogger({ [SETS]: (call) => json(200, { set: stored(call, ["best_e1rm", "heaviest_weight"]), records: [] }) });

    const card = await screen.findByRole("region", { name: "Bench press" });
    await user.click(within(card).getByRole("button", { name: "Log set 1" }));

    const banner = (await screen.findByText("New records on Bench press:")).closest("[role=status]");
    expect(
      within(banner as HTMLElement)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(["best estimated 1RM", "heaviest weight"]);
  });

  it("shows sets still waiting from an earlier visit, and sends them", async () => {
    const waiting: SetInput = {
      id: "7c1d2e3f-0a1b-4c2d-8e3f-123456789abc",
      type: "working",
      reps: 3,
      weight: 110,
      weightUnit: "kg",
      durationSeconds: null,
      distanceMeters: null,
      rpe: null,
      rir: null,
      notes: null,
      completedAt: "2026-11-23T18:10:00Z",
    };
    localStorage.setItem(
      "fitfolio.pendingWrites.u-1",
      JSON.stringify([
        {
          key: `set:${waiting.id}`,
          workoutId: "w1",
          method: "POST",
          path: "/training/workouts/w1/exercises/we1/sets",
          body: waiting,
          meta: { action: "create_set", setId: waiting.id, workoutExerciseId: "we1" },
          attempts: 2,
        },
      ]),
    );
    const server = onLogger({ [SETS]: (call) => json(201, { set: stored(call), records: [] }) });

    const card = await screen.findByRole("region", { name: "Bench press" });
    expect(await within(card).findByText("110 kg × 3")).toBeInTheDocument();
    await screen.findByText("Filled in from your last set.");
    expect(server.callsTo(SETS)[0]!.body).toEqual(waiting);
  });

  it("will not finish while a set is still on its way", async () => {
    const user = userEvent.setup();
    const server = onLogger({
      [SETS]: () => {
        throw new TypeError("Failed to fetch");
      },
    });
    const card = await screen.findByRole("region", { name: "Bench press" });
    await user.click(within(card).getByRole("button", { name: "Log set 1" }));
    await screen.findByText(/waiting to be saved/);

    await user.click(screen.getByRole("button", { name: "Finish workout" }));

    expect(await screen.findByText("1 change is still on the way to FitFolio. Finish once they’re saved.")).toBeInTheDocument();
    expect(server.callsTo("POST /training/workouts/w1/finish")).toHaveLength(0);
  });

  it("shows an exercise added while offline at once, retries its add with the same id and body, and sends its sets after it", async () => {
    const user = userEvent.setup();
    const server = onLogger({ "GET /training/exercises": json(200, { items: [squat] }) });
    // Offline until the test says so: the queue's own retry (after 1 s) may come first on a loaded machine.
    let online = false;
    server.on(ADD, (call) => {
      if (!online) throw new TypeError("Failed to fetch");
      const body = call.body as { id: string };
      return json(201, aWorkoutExercise({ id: body.id, position: 2, exerciseId: squat.id, exerciseName: "Squat", previous: lastTime.previous }));
    });

    await screen.findByRole("region", { name: "Bench press" });
    await user.click(screen.getByRole("button", { name: "Add exercise" }));
    await user.click(await screen.findByRole("button", { name: /Squat/ }));

    const card = await screen.findByRole("region", { name: "Squat" });
    expect(await screen.findByText(/1 change waiting to be saved\. You seem to be offline/)).toBeInTheDocument();
    const added = server.callsTo(ADD)[0]!.body as { id: string; exerciseId: string };
    expect(added).toEqual({ id: expect.stringMatching(UUID), exerciseId: squat.id });
    const squatSets = `POST /training/workouts/w1/exercises/${added.id}/sets`;
    server.on(squatSets, (call) => json(201, { set: { ...stored(call), workoutExerciseId: added.id, exerciseId: squat.id }, records: [] }));

    await user.type(within(card).getByLabelText("Weight (kg)"), "140");
    await user.type(within(card).getByLabelText("Reps"), "3");
    await user.click(within(card).getByRole("button", { name: "Log set 1" }));
    expect(await within(card).findByText("140 kg × 3")).toBeInTheDocument();
    expect(server.callsTo(squatSets)).toHaveLength(0);
    expect(JSON.parse(localStorage.getItem("fitfolio.pendingWrites.u-1")!).map((write: { key: string }) => write.key)).toEqual([
      `exercise:${added.id}`,
      expect.stringMatching(/^set:/),
    ]);

    online = true;
    await user.click(screen.getByRole("button", { name: "Try now" }));

    await within(card).findByText(/Last time .*100 kg × 5/);
    const adds = server.callsTo(ADD);
    expect(adds.length).toBeGreaterThanOrEqual(2);
    for (const retry of adds) {
      expect(retry.body).toEqual(adds[0]!.body);
      expect(retry.headers.get("Idempotency-Key")).toBe(adds[0]!.headers.get("Idempotency-Key"));
    }
    const routes = server.calls.filter((call) => call.method === "POST").map((call) => call.path);
    expect(routes).toEqual([...adds.map(() => `/training/workouts/w1/exercises`), `/training/workouts/w1/exercises/${added.id}/sets`]);
    expect(server.callsTo(squatSets)[0]!.body as SetInput).toMatchObject({ weight: 140, reps: 3, weightUnit: "kg" });
    expect(within(card).getByText("140 kg × 3")).toBeInTheDocument();
    expect(localStorage.getItem("fitfolio.pendingWrites.u-1")).toBeNull();
  });

  it("moves, skips and swaps an exercise added offline before its add lands, then sends each once, in order, with its client id", async () => {
    const user = userEvent.setup();
    const deadlift = { ...squat, id: "ex-deadlift", slug: "deadlift", name: "Deadlift" } as Exercise;
    const server = onLogger({ "GET /training/exercises": json(200, { items: [squat, deadlift] }) });
    let online = false;
    const offlineOr = (answer: (call: Call) => Response) => (call: Call) => {
      if (!online) throw new TypeError("Failed to fetch");
      return answer(call);
    };
    server.on(
      ADD,
      offlineOr((call) => json(201, aWorkoutExercise({ id: (call.body as { id: string }).id, position: 2, exerciseId: squat.id, exerciseName: "Squat" }))),
    );

    await screen.findByRole("region", { name: "Bench press" });
    await user.click(screen.getByRole("button", { name: "Add exercise" }));
    await user.click(await screen.findByRole("button", { name: /^Squat/ }));
    let card = await screen.findByRole("region", { name: "Squat" });
    const id = (server.callsTo(ADD)[0]!.body as { id: string }).id;
    const exercisePath = `/training/workouts/w1/exercises/${id}`;
    server.on(
      `PUT /training/workouts/w1/exercises/order`,
      offlineOr(() => json(200, aWorkout())),
    );
    server.on(
      `PATCH ${exercisePath}`,
      offlineOr(() => json(200, aWorkoutExercise({ id, exerciseId: squat.id, exerciseName: "Squat", skipped: true }))),
    );
    server.on(
      `POST ${exercisePath}/swap`,
      offlineOr(() => json(200, aWorkoutExercise({ id, exerciseId: deadlift.id, exerciseName: "Deadlift", skipped: true }))),
    );

    await user.click(within(card).getByText("More for Squat"));
    await user.click(within(card).getByRole("button", { name: "Move up" }));
    expect(screen.getAllByRole("heading", { level: 2 }).map((heading) => heading.textContent)).toEqual(["Squat", "Bench press"]);
    await user.click(within(card).getByRole("button", { name: "Skip" }));
    expect(within(card).getByText("Skipped")).toBeInTheDocument();
    await user.click(within(card).getByRole("button", { name: "Swap exercise" }));
    await user.click(await within(screen.getByRole("dialog", { name: "Swap Squat for…" })).findByRole("button", { name: /^Deadlift/ }));
    card = await screen.findByRole("region", { name: "Deadlift" });
    expect(within(card).getByText("Skipped")).toBeInTheDocument();
    expect(await screen.findByText(/4 changes waiting to be saved/)).toBeInTheDocument();
    const stillOffline = server.calls.filter((call) => call.method !== "GET").map((call) => `${call.method} ${call.path}`);
    expect(new Set(stillOffline)).toEqual(new Set([ADD]));

    online = true;
    await user.click(screen.getByRole("button", { name: "Try now" }));
    await expectEventually(() => expect(server.callsTo(`POST ${exercisePath}/swap`)).toHaveLength(1));

    // The add (tried while offline, then once more) first, with one key; then each later write once, in order.
    const writes = server.calls.filter((call) => call.method !== "GET").map((call) => ({ route: `${call.method} ${call.path}`, call }));
    const adds = writes.filter((write) => write.route === ADD);
    expect(writes.slice(0, adds.length)).toEqual(adds);
    expect(new Set(adds.map((write) => write.call.headers.get("Idempotency-Key"))).size).toBe(1);
    const after = writes.slice(adds.length);
    expect(after.map((write) => write.route)).toEqual(["PUT /training/workouts/w1/exercises/order", `PATCH ${exercisePath}`, `POST ${exercisePath}/swap`]);
    expect(after.map((write) => write.call.body)).toEqual([{ order: [id, "we1"] }, { skipped: true }, { exerciseId: deadlift.id }]);
    const keys = [adds[0]!, ...after].map((write) => write.call.headers.get("Idempotency-Key"));
    expect(new Set(keys).size).toBe(4);
    // What the answers bring never undoes what is shown.
    expect(screen.getAllByRole("heading", { level: 2 }).map((heading) => heading.textContent)).toEqual(["Deadlift", "Bench press"]);
    expect(within(card).getByText("Skipped")).toBeInTheDocument();
  });
});

async function expectEventually(check: () => void, ms = 5_000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
