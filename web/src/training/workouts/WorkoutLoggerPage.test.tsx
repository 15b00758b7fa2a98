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
    server.on(
      ADD,
      () => {
        throw new TypeError("Failed to fetch");
      },
      (call) => {
        const body = call.body as { id: string };
        return json(201, aWorkoutExercise({ id: body.id, position: 2, exerciseId: squat.id, exerciseName: "Squat", previous: lastTime.previous }));
      },
    );

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

    await user.click(screen.getByRole("button", { name: "Try now" }));

    await within(card).findByText(/Last time .*100 kg × 5/);
    const [first, retry] = server.callsTo(ADD);
    expect(retry!.body).toEqual(first!.body);
    const routes = server.calls.filter((call) => call.method === "POST").map((call) => call.path);
    expect(routes).toEqual([`/training/workouts/w1/exercises`, `/training/workouts/w1/exercises`, `/training/workouts/w1/exercises/${added.id}/sets`]);
    expect(server.callsTo(squatSets)[0]!.body as SetInput).toMatchObject({ weight: 140, reps: 3, weightUnit: "kg" });
    expect(within(card).getByText("140 kg × 3")).toBeInTheDocument();
    expect(localStorage.getItem("fitfolio.pendingWrites.u-1")).toBeNull();
  });
});
