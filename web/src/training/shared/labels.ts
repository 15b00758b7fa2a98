import type { ExerciseKind, SetType } from "../../api/trainingTypes";

const SPECIAL: Record<string, string> = {
  full_body: "Full body",
  ez_bar: "EZ bar",
  front_delts: "Front delts",
  side_delts: "Side delts",
  rear_delts: "Rear delts",
  weight_reps: "Weight and reps",
  bodyweight: "Bodyweight",
  assisted: "Assisted",
  time: "Time",
  distance: "Distance",
  warmup: "Warm-up",
  working: "Working",
  drop: "Drop set",
  failure: "Failure",
};

/** "upper_back" → "Upper back": enumeration values shown to people. */
export function label(value: string): string {
  const special = SPECIAL[value];
  if (special) return special;
  const words = value.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const SET_TYPES: SetType[] = ["warmup", "working", "drop", "failure"];

/** Short markers for a set list: W, D, F; working sets go unmarked. */
export function setTypeMarker(type: SetType): string {
  return type === "warmup" ? "W" : type === "drop" ? "D" : type === "failure" ? "F" : "";
}

export function kindUsesWeight(kind: ExerciseKind): boolean {
  return kind === "weight_reps" || kind === "bodyweight" || kind === "assisted";
}

export function kindUsesReps(kind: ExerciseKind): boolean {
  return kind === "weight_reps" || kind === "bodyweight" || kind === "assisted";
}

/** What the weight box means for this kind. */
export function weightLabel(kind: ExerciseKind): string {
  return kind === "bodyweight" ? "Added weight" : kind === "assisted" ? "Assistance" : "Weight";
}

/** 90 → "1:30", 3605 → "1:00:05". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = h > 0 ? String(m).padStart(2, "0") : String(m);
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}

/** "1:30" or "90" → 90; null for empty, NaN for nonsense. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const match = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(trimmed);
  if (!match) return Number.NaN;
  return Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

const distanceFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export function formatDistance(meters: number): string {
  return meters >= 1000 ? `${distanceFormat.format(meters / 1000)} km` : `${distanceFormat.format(meters)} m`;
}
