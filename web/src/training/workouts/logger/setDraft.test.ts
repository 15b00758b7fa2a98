import { describe, expect, it } from "vitest";
import type { WorkoutExercise } from "../../../api/trainingTypes";
import { draftToInput, EMPTY_DRAFT, prefillDraft } from "./setDraft";

function anExercise(overrides: Partial<WorkoutExercise> = {}): WorkoutExercise {
  return {
    id: "we1",
    position: 1,
    exerciseId: "bench",
    exerciseName: "Bench press",
    kind: "weight_reps",
    supersetGroup: null,
    skipped: false,
    notes: null,
    target: null,
    sets: [],
    previous: null,
    ...overrides,
  };
}

const previousSet = (position: number, weight: number, reps: number, weightUnit: "kg" | "lb" = "kg") => ({
  position,
  type: "working" as const,
  reps,
  weight,
  weightUnit,
  durationSeconds: null,
  distanceMeters: null,
  rpe: 8,
  rir: null,
});

const loggedSet = (position: number, weight: number, reps: number) => ({
  id: `s${position}`,
  workoutExerciseId: "we1",
  exerciseId: "bench",
  position,
  type: "working" as const,
  reps,
  weight,
  weightUnit: "kg" as const,
  weightKg: weight,
  durationSeconds: null,
  distanceMeters: null,
  rpe: null,
  rir: 2,
  notes: "felt heavy",
  completedAt: "2026-11-23T18:00:00Z",
  e1rmKg: null,
  volumeKg: null,
  records: [],
});

describe("prefilling the next set", () => {
  it("takes the same set from last time", () => {
    const exercise = anExercise({
      sets: [loggedSet(1, 100, 5)],
      previous: { workoutId: "w0", performedAt: "2026-11-20T18:00:00Z", sets: [previousSet(1, 95, 5), previousSet(2, 97.5, 4)] },
    });
    const { draft, source } = prefillDraft(exercise, "kg", "rpe");
    expect(source).toBe("last_time");
    expect(draft).toEqual({ ...EMPTY_DRAFT, weight: "97.5", reps: "4", effort: "8" });
  });

  it("shows last time's pounds in the person's kilograms", () => {
    const exercise = anExercise({ previous: { workoutId: "w0", performedAt: null, sets: [previousSet(1, 225, 5, "lb")] } });
    expect(prefillDraft(exercise, "kg", "rpe").draft.weight).toBe("102.1");
    expect(prefillDraft(exercise, "lb", "rpe").draft.weight).toBe("225");
  });

  it("copies the set just logged when last time had fewer sets, but not its note", () => {
    const exercise = anExercise({
      sets: [loggedSet(1, 100, 5), loggedSet(2, 100, 5)],
      previous: { workoutId: "w0", performedAt: null, sets: [previousSet(1, 95, 5)] },
    });
    const { draft, source } = prefillDraft(exercise, "kg", "rir");
    expect(source).toBe("this_session");
    expect(draft).toEqual({ ...EMPTY_DRAFT, weight: "100", reps: "5", effort: "2", notes: "" });
  });

  it("falls back to the program's target, top of the rep range", () => {
    const exercise = anExercise({ target: { sets: 3, repsMin: 8, repsMax: 12, weight: 60, weightUnit: "kg", rpe: null, rir: 2, restSeconds: 120 } });
    const { draft, source } = prefillDraft(exercise, "kg", "rir");
    expect(source).toBe("target");
    expect(draft).toMatchObject({ weight: "60", reps: "12", effort: "2" });
  });

  it("starts empty for a new exercise", () => {
    expect(prefillDraft(anExercise(), "kg", "rpe")).toEqual({ draft: EMPTY_DRAFT, source: "empty" });
  });
});

describe("turning a draft into a set", () => {
  const id = "0b9f4a7e-8c1d-4a4e-9d8b-2f1c3e5a7b90";

  it("sends the weight as entered with its unit and the chosen effort scale", () => {
    const result = draftToInput(
      { ...EMPTY_DRAFT, weight: "225", reps: "5", effort: "8.5", notes: " paused " },
      "weight_reps",
      "lb",
      "rpe",
      id,
      "2026-11-23T18:04:00Z",
    );
    expect(result).toEqual({
      ok: true,
      input: {
        id,
        type: "working",
        reps: 5,
        weight: 225,
        weightUnit: "lb",
        durationSeconds: null,
        distanceMeters: null,
        rpe: 8.5,
        rir: null,
        notes: "paused",
        completedAt: "2026-11-23T18:04:00Z",
      },
    });
  });

  it("says what is wrong next to each box", () => {
    const result = draftToInput({ ...EMPTY_DRAFT, weight: "abc", reps: "0", effort: "8.3" }, "weight_reps", "kg", "rpe", id);
    expect(result).toEqual({
      ok: false,
      errors: {
        weight: "Weight is a number, like 82.5.",
        reps: "Zero reps is only for a failed attempt (set type Failure).",
        effort: "RPE is 1 to 10 in half steps.",
      },
    });
  });

  it("allows a failed attempt with zero reps and a bodyweight set without added weight", () => {
    expect(draftToInput({ ...EMPTY_DRAFT, type: "failure", weight: "100", reps: "0" }, "weight_reps", "kg", "rpe", id).ok).toBe(true);
    const pullUp = draftToInput({ ...EMPTY_DRAFT, reps: "10" }, "bodyweight", "kg", "rir", id);
    expect(pullUp).toMatchObject({ ok: true, input: { reps: 10, weight: null, weightUnit: null } });
  });

  it("reads times as minutes:seconds", () => {
    expect(draftToInput({ ...EMPTY_DRAFT, duration: "1:30" }, "time", "kg", "rpe", id)).toMatchObject({
      ok: true,
      input: { durationSeconds: 90, reps: null, weight: null },
    });
    expect(draftToInput({ ...EMPTY_DRAFT, duration: "", distance: "2000" }, "distance", "kg", "rpe", id)).toMatchObject({
      ok: true,
      input: { distanceMeters: 2000, durationSeconds: null },
    });
  });
});
