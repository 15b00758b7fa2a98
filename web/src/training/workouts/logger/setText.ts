import type { ExerciseKind, PreviousSet, SetView } from "../../../api/trainingTypes";
import { formatDistance, formatDuration } from "../../shared/labels";
import { formatWeight, toKg, type WeightUnit } from "../../shared/units";

type Shown = Pick<SetView, "reps" | "weight" | "weightUnit" | "durationSeconds" | "distanceMeters" | "rpe" | "rir">;

/** "100 kg × 5", "BW + 10 kg × 8", "−20 kg × 6" (assisted), "1:30", "2 km in 7:45"; effort appended. */
export function describeSet(set: Shown, kind: ExerciseKind, unit: WeightUnit): string {
  const kg = set.weight === null ? null : toKg(set.weight, set.weightUnit ?? "kg");
  let main: string;
  if (kind === "time") main = set.durationSeconds === null ? "—" : formatDuration(set.durationSeconds);
  else if (kind === "distance") {
    const distance = set.distanceMeters === null ? "—" : formatDistance(set.distanceMeters);
    main = set.durationSeconds === null ? distance : `${distance} in ${formatDuration(set.durationSeconds)}`;
  } else {
    const reps = set.reps === null ? "—" : String(set.reps);
    if (kind === "bodyweight") main = kg ? `BW + ${formatWeight(kg, unit)} × ${reps}` : `${reps} reps`;
    else if (kind === "assisted") main = `${formatWeight(kg, unit)} assist × ${reps}`;
    else main = `${formatWeight(kg, unit)} × ${reps}`;
  }
  const effort = set.rpe !== null ? ` @ RPE ${set.rpe}` : set.rir !== null ? ` @ ${set.rir} RIR` : "";
  return `${main}${effort}`;
}

export function describePrevious(sets: PreviousSet[], kind: ExerciseKind, unit: WeightUnit): string {
  return sets.map((set) => describeSet(set, kind, unit)).join(", ");
}
