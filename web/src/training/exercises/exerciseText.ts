import type { Exercise } from "../../api/trainingTypes";
import { label } from "../shared/labels";

/** "Chest · Barbell · Chest, Triceps" — category, equipment and primary muscles. */
export function exerciseFacts(exercise: Exercise): string {
  return [label(exercise.category), label(exercise.equipment), exercise.primaryMuscles.map(label).join(", ")].filter(Boolean).join(" · ");
}
