import type { ExerciseKind, PreviousSet, SetInput, SetType, SetView, WorkoutExercise } from "../../../api/trainingTypes";
import { formatDuration, kindUsesReps, kindUsesWeight, parseDuration } from "../../shared/labels";
import { fromKg, parseDecimal, roundForDisplay, toKg, type WeightUnit } from "../../shared/units";

export type EffortScale = "rpe" | "rir";

/** What the set form holds: text, as typed. */
export interface SetDraft {
  type: SetType;
  weight: string;
  reps: string;
  duration: string;
  distance: string;
  /** An RPE or RIR value, depending on the scale in use; "" for none. */
  effort: string;
  notes: string;
}

export type PrefillSource = "last_time" | "this_session" | "target" | "empty";

export const EMPTY_DRAFT: SetDraft = { type: "working", weight: "", reps: "", duration: "", distance: "", effort: "", notes: "" };

type SetLike = Pick<PreviousSet, "type" | "reps" | "weight" | "weightUnit" | "durationSeconds" | "distanceMeters" | "rpe" | "rir">;

function weightText(weight: number | null, from: WeightUnit | null, to: WeightUnit): string {
  if (weight === null) return "";
  const kg = toKg(weight, from ?? "kg");
  return String(roundForDisplay(fromKg(kg, to)));
}

function effortText(set: { rpe: number | null; rir: number | null }, scale: EffortScale): string {
  const value = scale === "rpe" ? set.rpe : set.rir;
  return value === null ? "" : String(value);
}

function fromSet(set: SetLike, unit: WeightUnit, scale: EffortScale): SetDraft {
  return {
    type: set.type,
    weight: weightText(set.weight, set.weightUnit, unit),
    reps: set.reps === null ? "" : String(set.reps),
    duration: set.durationSeconds === null ? "" : formatDuration(set.durationSeconds),
    distance: set.distanceMeters === null ? "" : String(set.distanceMeters),
    effort: effortText(set, scale),
    notes: "",
  };
}

/**
 * The next set's form, filled in so most sets take one tap: the same set from last time (set 3
 * now ← set 3 then), else a copy of the set just logged, else the program's target, else empty.
 * Notes never carry over; they belong to the set they were written for.
 */
export function prefillDraft(exercise: WorkoutExercise, unit: WeightUnit, scale: EffortScale): { draft: SetDraft; source: PrefillSource } {
  const position = exercise.sets.length + 1;
  const before = exercise.previous?.sets.find((set) => set.position === position);
  if (before) return { draft: fromSet(before, unit, scale), source: "last_time" };

  const last = exercise.sets.at(-1);
  if (last) return { draft: fromSet(last, unit, scale), source: "this_session" };

  const target = exercise.target;
  if (target && (target.repsMin !== null || target.repsMax !== null || target.weight !== null || target.rpe !== null || target.rir !== null)) {
    const reps = target.repsMax ?? target.repsMin;
    return {
      draft: {
        ...EMPTY_DRAFT,
        weight: weightText(target.weight, target.weightUnit, unit),
        reps: reps === null ? "" : String(reps),
        effort: effortText(target, scale),
      },
      source: "target",
    };
  }
  return { draft: { ...EMPTY_DRAFT }, source: "empty" };
}

/** The form for editing a set already logged. */
export function draftFromSet(set: SetView, unit: WeightUnit, scale: EffortScale): SetDraft {
  return { ...fromSet(set, unit, scale), notes: set.notes ?? "" };
}

export type DraftErrors = Partial<Record<"weight" | "reps" | "duration" | "distance" | "effort" | "notes", string>>;

/**
 * Checks a draft against the contract's set rules and builds the body to send; the server
 * checks again, this only saves a round trip and says what is wrong next to the box.
 */
export function draftToInput(
  draft: SetDraft,
  kind: ExerciseKind,
  unit: WeightUnit,
  scale: EffortScale,
  id: string,
  completedAt: string | null = null,
): { ok: true; input: SetInput } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};
  let reps: number | null = null;
  let weight: number | null = null;
  let durationSeconds: number | null = null;
  let distanceMeters: number | null = null;

  if (kindUsesReps(kind)) {
    const value = parseDecimal(draft.reps);
    if (value === null) errors.reps = "Enter the reps.";
    else if (!Number.isInteger(value) || value > 1000) errors.reps = "Reps are a whole number up to 1000.";
    else if (value === 0 && draft.type !== "failure") errors.reps = "Zero reps is only for a failed attempt (set type Failure).";
    else reps = value;
  }
  if (kindUsesWeight(kind)) {
    const value = parseDecimal(draft.weight);
    const required = kind !== "bodyweight";
    if (value === null) {
      if (required) errors.weight = "Enter the weight.";
    } else if (Number.isNaN(value)) errors.weight = "Weight is a number, like 82.5.";
    else if (toKg(value, unit) > 2000) errors.weight = "That’s more than 2000 kg.";
    else weight = Math.round(value * 100) / 100;
  }
  if (kind === "time" || kind === "distance") {
    const value = parseDuration(draft.duration);
    if (value === null) {
      if (kind === "time") errors.duration = "Enter how long, like 1:30.";
    } else if (Number.isNaN(value) || value < 1 || value > 86400) errors.duration = "Time is minutes:seconds, like 1:30 (up to 24 hours).";
    else durationSeconds = value;
  }
  if (kind === "distance") {
    const value = parseDecimal(draft.distance);
    if (value === null) errors.distance = "Enter the distance in metres.";
    else if (Number.isNaN(value) || value <= 0 || value > 1_000_000) errors.distance = "Distance is metres, more than 0.";
    else distanceMeters = value;
  }

  let rpe: number | null = null;
  let rir: number | null = null;
  const effort = parseDecimal(draft.effort);
  if (effort !== null) {
    if (scale === "rpe") {
      if (Number.isNaN(effort) || effort < 1 || effort > 10 || !Number.isInteger(effort * 2)) errors.effort = "RPE is 1 to 10 in half steps.";
      else rpe = effort;
    } else if (Number.isNaN(effort) || !Number.isInteger(effort) || effort > 10) errors.effort = "RIR is a whole number from 0 to 10.";
    else rir = effort;
  }
  if (draft.notes.length > 2000) errors.notes = "Notes are at most 2000 characters.";

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      id,
      type: draft.type,
      reps,
      weight,
      weightUnit: weight === null ? null : unit,
      durationSeconds,
      distanceMeters,
      rpe,
      rir,
      notes: draft.notes.trim() === "" ? null : draft.notes.trim(),
      completedAt,
    },
  };
}
