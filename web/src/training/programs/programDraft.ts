import type { Program, ProgramExerciseInput, ProgramInput, Target, WeightUnit } from "../../api/trainingTypes";
import { formatWeight, parseDecimal, toKg } from "../shared/units";

export type TargetEffort = "none" | "rpe" | "rir";

/** One exercise of a day as the editor holds it: text, as typed. */
export interface DraftExercise {
  key: string;
  exerciseId: string;
  exerciseName: string;
  /** Joined to the exercise above as a superset. */
  supersetWithPrevious: boolean;
  targetSets: string;
  /** "5" or a range "8-12". */
  reps: string;
  targetWeight: string;
  weightUnit: WeightUnit;
  effortScale: TargetEffort;
  effort: string;
  restSeconds: string;
  notes: string;
}

export interface DraftDay {
  key: string;
  name: string;
  exercises: DraftExercise[];
}

export interface DraftProgram {
  name: string;
  notes: string;
  days: DraftDay[];
}

let counter = 0;
export const newKey = () => `k${++counter}`;

export function emptyDay(index: number): DraftDay {
  return { key: newKey(), name: `Day ${index + 1}`, exercises: [] };
}

export function newDraftExercise(exerciseId: string, exerciseName: string, unit: WeightUnit): DraftExercise {
  return {
    key: newKey(),
    exerciseId,
    exerciseName,
    supersetWithPrevious: false,
    targetSets: "3",
    reps: "8-12",
    targetWeight: "",
    weightUnit: unit,
    effortScale: "none",
    effort: "",
    restSeconds: "90",
    notes: "",
  };
}

const text = (value: number | null) => (value === null ? "" : String(value));

export function programToDraft(program: Program, unit: WeightUnit): DraftProgram {
  return {
    name: program.name,
    notes: program.notes ?? "",
    days: program.days.map((day) => ({
      key: newKey(),
      name: day.name,
      exercises: day.exercises.map((exercise, index) => ({
        key: newKey(),
        exerciseId: exercise.exerciseId,
        exerciseName: exercise.exerciseName,
        supersetWithPrevious: index > 0 && exercise.supersetGroup !== null && day.exercises[index - 1]!.supersetGroup === exercise.supersetGroup,
        targetSets: text(exercise.targetSets),
        reps: formatRepRange(exercise.repsMin, exercise.repsMax),
        targetWeight: text(exercise.targetWeight),
        weightUnit: exercise.weightUnit ?? unit,
        effortScale: exercise.targetRpe !== null ? "rpe" : exercise.targetRir !== null ? "rir" : "none",
        effort: text(exercise.targetRpe ?? exercise.targetRir),
        restSeconds: text(exercise.restSeconds),
        notes: exercise.notes ?? "",
      })),
    })),
  };
}

export function formatRepRange(min: number | null, max: number | null): string {
  if (min === null && max === null) return "";
  if (min === null || max === null || min === max) return String(min ?? max);
  return `${min}-${max}`;
}

/** "5" → 5..5, "8-12" / "8–12" → 8..12, "" → none; null when it is not a count or range. */
export function parseRepRange(value: string): { min: number | null; max: number | null } | null {
  const trimmed = value.trim();
  if (trimmed === "") return { min: null, max: null };
  const match = /^(\d{1,4})(?:\s*[-–]\s*(\d{1,4}))?$/.exec(trimmed);
  if (!match) return null;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  if (min < 1 || max > 1000 || min > max) return null;
  return { min, max };
}

export type DraftProblems = Record<string, string>;

/** Where a problem is shown: "days.0.exercises.2.reps" for a box, "name" for the program's name. */
export const problemKey = (dayIndex: number, exerciseIndex: number, field: string) => `days.${dayIndex}.exercises.${exerciseIndex}.${field}`;

/**
 * Builds the request body, checking the contract's limits first. Supersets: each run of exercises
 * joined to the one above shares a group number, counted up from 1 within the day.
 */
export function draftToProgramInput(draft: DraftProgram): { ok: true; input: ProgramInput } | { ok: false; problems: DraftProblems } {
  const problems: DraftProblems = {};
  if (!draft.name.trim()) problems.name = "Give the program a name.";
  else if (draft.name.trim().length > 100) problems.name = "At most 100 characters.";
  if (draft.notes.length > 2000) problems.notes = "At most 2000 characters.";
  if (draft.days.length === 0) problems.days = "Add at least one day.";
  if (draft.days.length > 14) problems.days = "A program has at most 14 days.";

  const days = draft.days.map((day, dayIndex) => {
    if (!day.name.trim()) problems[`days.${dayIndex}.name`] = "Give the day a name.";
    if (day.exercises.length > 30) problems[`days.${dayIndex}.exercises`] = "A day has at most 30 exercises.";
    let group = 0;
    const groups: (number | null)[] = [];
    day.exercises.forEach((exercise, index) => {
      const next = day.exercises[index + 1];
      if (exercise.supersetWithPrevious && index > 0) groups.push(groups[index - 1] ?? null);
      else if (next?.supersetWithPrevious) groups.push(++group);
      else groups.push(null);
    });
    const exercises = day.exercises.map((exercise, index): ProgramExerciseInput => {
      const at = (field: string, message: string) => (problems[problemKey(dayIndex, index, field)] = message);
      const sets = parseDecimal(exercise.targetSets);
      if (sets !== null && (!Number.isInteger(sets) || sets < 1 || sets > 20)) at("targetSets", "Sets are 1 to 20.");
      const reps = parseRepRange(exercise.reps);
      if (!reps) at("reps", "Reps are a number like 5 or a range like 8-12 (1 to 1000).");
      const weight = parseDecimal(exercise.targetWeight);
      if (weight !== null && (Number.isNaN(weight) || weight > (exercise.weightUnit === "kg" ? 2000 : 4409.24)))
        at("targetWeight", "Weight is a number up to 2000 kg.");
      const effort = exercise.effortScale === "none" ? null : parseDecimal(exercise.effort);
      if (exercise.effortScale === "rpe" && effort !== null && (Number.isNaN(effort) || effort < 1 || effort > 10 || !Number.isInteger(effort * 2)))
        at("effort", "RPE is 1 to 10 in half steps.");
      if (exercise.effortScale === "rir" && effort !== null && (Number.isNaN(effort) || !Number.isInteger(effort) || effort > 10))
        at("effort", "RIR is a whole number, 0 to 10.");
      const rest = parseDecimal(exercise.restSeconds);
      if (rest !== null && (!Number.isInteger(rest) || rest > 3600)) at("restSeconds", "Rest is 0 to 3600 seconds.");
      return {
        exerciseId: exercise.exerciseId,
        supersetGroup: groups[index] ?? null,
        targetSets: sets !== null && !Number.isNaN(sets) ? sets : null,
        repsMin: reps?.min ?? null,
        repsMax: reps?.max ?? null,
        targetWeight: weight !== null && !Number.isNaN(weight) ? weight : null,
        weightUnit: weight !== null && !Number.isNaN(weight) ? exercise.weightUnit : null,
        targetRpe: exercise.effortScale === "rpe" && effort !== null && !Number.isNaN(effort) ? effort : null,
        targetRir: exercise.effortScale === "rir" && effort !== null && !Number.isNaN(effort) ? effort : null,
        restSeconds: rest !== null && !Number.isNaN(rest) ? rest : null,
        notes: exercise.notes.trim() || null,
      };
    });
    return { name: day.name.trim(), exercises };
  });

  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, input: { name: draft.name.trim(), notes: draft.notes.trim() || null, days } };
}

/** The server names a field as a JSON path ("days[0].exercises[2].targetSets"); find our box for it. */
export function problemKeyForField(field: string): string {
  const key = field.replace(/\[(\d+)\]/g, ".$1");
  return key
    .replace(/\.(repsMin|repsMax)$/, ".reps")
    .replace(/\.(targetRpe|targetRir)$/, ".effort")
    .replace(/\.weightUnit$/, ".targetWeight");
}

/** "3 × 8–12 @ 60 kg, RIR 2, rest 2:00" for a target line. */
export function describeTarget(target: Target, unit: WeightUnit): string {
  const parts: string[] = [];
  const reps = formatRepRange(target.repsMin, target.repsMax).replace("-", "–");
  if (target.sets !== null && reps) parts.push(`${target.sets} × ${reps}`);
  else if (target.sets !== null) parts.push(`${target.sets} sets`);
  else if (reps) parts.push(`${reps} reps`);
  if (target.weight !== null) {
    parts.push(`@ ${formatWeight(toKg(target.weight, target.weightUnit ?? "kg"), unit)}`);
  }
  if (target.rpe !== null) parts.push(`RPE ${target.rpe}`);
  if (target.rir !== null) parts.push(`RIR ${target.rir}`);
  if (target.restSeconds !== null) parts.push(`rest ${Math.floor(target.restSeconds / 60)}:${String(target.restSeconds % 60).padStart(2, "0")}`);
  return parts.join(", ");
}
