import type { SetInput, SetView, Workout, WorkoutExercise } from "../../../api/trainingTypes";
import { epley } from "../../shared/e1rm";
import { toKg } from "../../shared/units";
import type { AddExerciseMeta, ExerciseWriteMeta, PendingWrite, SetWriteMeta } from "./writeQueue";

/** The set as the logger shows it before the server has answered. */
export function optimisticSet(input: SetInput, workoutExerciseId: string, exerciseId: string, position: number, isWeightReps: boolean): SetView {
  const weightKg = input.weight === null ? null : toKg(input.weight, input.weightUnit ?? "kg");
  return {
    id: input.id,
    workoutExerciseId,
    exerciseId,
    position,
    type: input.type,
    reps: input.reps,
    weight: input.weight,
    weightUnit: input.weightUnit,
    weightKg,
    durationSeconds: input.durationSeconds,
    distanceMeters: input.distanceMeters,
    rpe: input.rpe,
    rir: input.rir,
    notes: input.notes,
    completedAt: input.completedAt ?? new Date().toISOString(),
    e1rmKg: isWeightReps && weightKg !== null && input.reps !== null && input.type !== "warmup" ? epley(weightKg, input.reps) : null,
    volumeKg: isWeightReps && weightKg !== null && input.reps !== null ? weightKg * input.reps : null,
    records: [],
  };
}

/** An exercise as the logger shows it before the server has answered (no prefill until then). */
export function optimisticExercise(meta: Omit<AddExerciseMeta, "action">, position: number): WorkoutExercise {
  return {
    id: meta.workoutExerciseId,
    position,
    exerciseId: meta.exerciseId,
    exerciseName: meta.exerciseName,
    kind: meta.kind,
    supersetGroup: null,
    skipped: false,
    notes: null,
    target: null,
    sets: [],
    previous: null,
  };
}

const SET_ACTIONS = new Set(["create_set", "update_set", "delete_set"]);
const isSetWrite = (write: PendingWrite): write is PendingWrite & { meta: SetWriteMeta } => !!write.meta && SET_ACTIONS.has(write.meta.action);

/** Exercises whose add is still waiting in the queue. */
export function pendingExerciseAdds(pending: PendingWrite[], workoutId: string): AddExerciseMeta[] {
  return pending.flatMap((write) => (write.workoutId === workoutId && write.meta?.action === "add_exercise" ? [write.meta] : []));
}

/** Puts the exercises in `order`; any it does not name (added after it was made) keep their place after those it does. */
export function inOrder(exercises: WorkoutExercise[], order: string[]): WorkoutExercise[] {
  const rank = (id: string) => {
    const at = order.indexOf(id);
    return at < 0 ? order.length : at;
  };
  return exercises
    .map((exercise, index) => ({ exercise, index }))
    .sort((a, b) => rank(a.exercise.id) - rank(b.exercise.id) || a.index - b.index)
    .map(({ exercise }, index) => ({ ...exercise, position: index + 1 }));
}

/** One exercise-level write laid over the exercises as the logger shows them. */
export function applyExerciseWrite(exercises: WorkoutExercise[], meta: ExerciseWriteMeta): WorkoutExercise[] {
  switch (meta.action) {
    case "add_exercise":
      return exercises.some((exercise) => exercise.id === meta.workoutExerciseId) ? exercises : [...exercises, optimisticExercise(meta, exercises.length + 1)];
    case "skip_exercise":
      return exercises.map((exercise) => (exercise.id === meta.workoutExerciseId ? { ...exercise, skipped: meta.skipped } : exercise));
    case "swap_exercise":
      return exercises.map((exercise) =>
        exercise.id === meta.workoutExerciseId && exercise.exerciseId !== meta.exerciseId
          ? { ...exercise, exerciseId: meta.exerciseId, exerciseName: meta.exerciseName, kind: meta.kind, previous: null }
          : exercise,
      );
    case "reorder":
      return inOrder(exercises, meta.order);
  }
}

/**
 * Lays the writes still waiting in the queue over a workout just loaded from the server, so a
 * reload while offline shows every exercise added, moved, swapped or skipped and every set logged,
 * in the state they were left: the exercise-level writes in the order they were made, then the sets.
 */
export function withPendingSets(workout: Workout, pending: PendingWrite[]): Workout {
  let shown = workout.exercises;
  for (const write of pending) {
    if (write.workoutId === workout.id && write.meta && !SET_ACTIONS.has(write.meta.action)) shown = applyExerciseWrite(shown, write.meta as ExerciseWriteMeta);
  }
  const withAdded = shown === workout.exercises ? workout : { ...workout, exercises: shown };
  const mine = pending.filter((write) => write.workoutId === workout.id).filter(isSetWrite);
  if (mine.length === 0) return withAdded;
  const exercises = withAdded.exercises.map((exercise) => {
    let sets = [...exercise.sets];
    for (const write of mine) {
      const meta = write.meta;
      if (meta.workoutExerciseId !== exercise.id) continue;
      const index = sets.findIndex((set) => set.id === meta.setId);
      if (meta.action === "delete_set") {
        if (index >= 0) sets.splice(index, 1);
      } else if (meta.action === "create_set") {
        const input = write.body as SetInput;
        const shown = optimisticSet(
          input,
          exercise.id,
          exercise.exerciseId,
          index >= 0 ? sets[index]!.position : sets.length + 1,
          exercise.kind === "weight_reps",
        );
        if (index >= 0) sets[index] = { ...shown, records: sets[index]!.records };
        else sets.push(shown);
      } else if (index >= 0) {
        const changes = write.body as Partial<SetInput>;
        const current = sets[index]!;
        const merged = { ...current, ...changes, id: current.id, completedAt: current.completedAt } as SetInput;
        sets[index] = {
          ...optimisticSet(merged, exercise.id, exercise.exerciseId, current.position, exercise.kind === "weight_reps"),
          records: current.records,
        };
      }
    }
    sets = sets.map((set, position) => ({ ...set, position: position + 1 }));
    return { ...exercise, sets };
  });
  return { ...withAdded, exercises };
}

export function pendingSetIds(pending: PendingWrite[], workoutId: string): Set<string> {
  return new Set(
    pending
      .filter((write) => write.workoutId === workoutId)
      .filter(isSetWrite)
      .map((write) => write.meta.setId),
  );
}
