import { useCallback, useEffect, useRef, useState } from "react";
import { trainingApi } from "../../../api/training";
import type { Exercise, SetInput, SetResult, SetView, Workout, WorkoutExercise } from "../../../api/trainingTypes";
import { useLatest } from "../../../ui/useLatest";
import { byImportance, celebrationLines, recordName } from "../../shared/records";
import type { WeightUnit } from "../../shared/units";
import { keptLastTime } from "../../../offline/lastTime";
import { applyExerciseWrite, optimisticExercise, optimisticSet, withPendingSets } from "../sync/pendingSets";
import type { ExerciseWriteMeta, NewWrite, WriteOutcome, WriteQueue } from "../sync/writeQueue";

export interface Celebration {
  id: number;
  /** The workout exercise whose set broke the records: the banner shows in its card. */
  workoutExerciseId: string;
  /** "New records on Bench press". */
  title: string;
  /** Each record with its value and the one it beat; only names when the values are not known. */
  lines: string[];
}

const setKey = (setId: string) => `set:${setId}`;
const exerciseKey = (workoutExerciseId: string) => `exercise:${workoutExerciseId}`;

/** Puts the set in its exercise, replacing the copy with its id or, when there is none, adding it. */
function replaceSet(workout: Workout, set: SetView): Workout {
  return {
    ...workout,
    exercises: workout.exercises.map((exercise) => {
      if (exercise.id !== set.workoutExerciseId) return exercise;
      const known = exercise.sets.some((item) => item.id === set.id);
      return { ...exercise, sets: known ? exercise.sets.map((item) => (item.id === set.id ? set : item)) : renumber([...exercise.sets, set]) };
    }),
  };
}

function mapExercise(workout: Workout, id: string, change: (exercise: WorkoutExercise) => WorkoutExercise): Workout {
  return { ...workout, exercises: workout.exercises.map((exercise) => (exercise.id === id ? change(exercise) : exercise)) };
}

/**
 * What the server's answer to an exercise-level write brings (the "last time" prefill, the target) laid under what the
 * logger shows: the exercise, its skip and its sets as the person left them win, since later writes may still be waiting.
 */
function fromServer(shown: WorkoutExercise, answer: WorkoutExercise): WorkoutExercise {
  if (answer.exerciseId !== shown.exerciseId) return shown;
  return { ...shown, previous: answer.previous ?? shown.previous, target: answer.target ?? shown.target, supersetGroup: answer.supersetGroup };
}

function renumber(sets: SetView[]): SetView[] {
  return sets.map((set, index) => ({ ...set, position: index + 1 }));
}

/**
 * The workout in progress as the logger shows it: the server's copy with every exercise added and
 * set logged laid over it at once. Those writes go through the queue (client ids, retried until
 * they land); their answers replace the optimistic copies and bring the prefill and the records.
 */
export function useWorkoutLog(initial: Workout, queue: WriteQueue, unitRef: { current: WeightUnit }, userId: string) {
  const [workout, setWorkout] = useState<Workout>(() => withPendingSets(initial, queue.getState().pending));
  const [celebration, setCelebration] = useState<Celebration | null>(null);
  const [syncError, setSyncError] = useState<string | null>(null);
  const workoutRef = useLatest(workout);
  const celebrationCount = useRef(0);

  useEffect(
    () =>
      queue.onOutcome((outcome: WriteOutcome) => {
        const { write } = outcome;
        if (write.workoutId !== workoutRef.current.id || !write.meta) return;
        const exercise = workoutRef.current.exercises.find((item) => item.id === write.meta!.workoutExerciseId);
        const name = exercise?.exerciseName ?? "this exercise";
        const adding = write.meta.action === "add_exercise";
        if (outcome.kind === "rejected") {
          const refused = write.meta.workoutExerciseId;
          // Writes waiting behind a refused add have no exercise to land on.
          if (adding)
            queue.discard(
              (waiting) => waiting.meta?.workoutExerciseId === refused || (waiting.meta?.action === "reorder" && waiting.meta.order.includes(refused)),
            );
          setSyncError(refusalMessage(write.meta.action, name, outcome.error.message));
          // What the server holds is now the truth for this workout.
          void trainingApi.workouts.get(write.workoutId).then(
            (fresh) => setWorkout(withPendingSets(fresh, queue.getState().pending)),
            () => undefined,
          );
          return;
        }
        if (write.meta.action === "add_exercise" || write.meta.action === "swap_exercise" || write.meta.action === "skip_exercise") {
          // The server's copy brings the prefill; what is shown (sets logged meanwhile, later swaps and skips) stays.
          const answer = outcome.response as WorkoutExercise | undefined;
          if (answer?.id) setWorkout((current) => mapExercise(current, answer.id, (item) => fromServer(item, answer)));
          return;
        }
        // A reorder's answer is the order already shown.
        if (write.meta.action === "reorder") return;
        if (write.meta.action === "delete_set") return;
        const result = outcome.response as SetResult | undefined;
        if (!result?.set) return;
        // Keep the place the person sees; the server numbers within the exercise the same way.
        setWorkout((current) => replaceSet(current, { ...result.set, workoutExerciseId: write.meta!.workoutExerciseId }));
        const lines =
          result.records.length > 0
            ? celebrationLines(result.records, unitRef.current)
            : write.meta.action === "create_set" && result.set.records.length > 0
              ? // A retry's answer carries no records; the stored set still names the ones it set.
                byImportance(result.set.records.map((type) => ({ type }))).map((record) => recordName(record.type))
              : [];
        if (lines.length > 0) {
          const title = `${lines.length === 1 ? "New record" : "New records"} on ${name}`;
          setCelebration({ id: ++celebrationCount.current, workoutExerciseId: write.meta.workoutExerciseId, title, lines });
        }
      }),
    [queue, unitRef, workoutRef],
  );

  // An exercise shown before the server has filled in its "last time" (added or swapped offline) gets the one kept
  // on this device, once per exercise it shows.
  const lookedUp = useRef(new Set<string>());
  useEffect(() => {
    for (const exercise of workout.exercises) {
      const wanted = `${exercise.id}:${exercise.exerciseId}`;
      if (exercise.previous || lookedUp.current.has(wanted)) continue;
      lookedUp.current.add(wanted);
      void keptLastTime(userId, exercise.exerciseId).then((kept) => {
        if (!kept || kept.sets.length === 0) return;
        setWorkout((current) =>
          mapExercise(current, exercise.id, (item) => (item.previous || item.exerciseId !== exercise.exerciseId ? item : { ...item, previous: kept })),
        );
      });
    }
  }, [userId, workout.exercises]);

  // Listening now: send whatever an earlier visit left waiting.
  useEffect(() => {
    if (queue.getState().pending.length > 0) queue.retryNow();
  }, [queue]);

  const logSet = useCallback(
    (exercise: WorkoutExercise, input: SetInput) => {
      const position = exercise.sets.length + 1;
      const shown = optimisticSet(input, exercise.id, exercise.exerciseId, position, exercise.kind === "weight_reps");
      setWorkout((current) => mapExercise(current, exercise.id, (item) => ({ ...item, sets: [...item.sets, shown] })));
      setSyncError(null);
      queue.enqueue({
        key: setKey(input.id),
        workoutId: workoutRef.current.id,
        method: "POST",
        path: trainingApi.sets.createPath(workoutRef.current.id, exercise.id),
        body: input,
        meta: { action: "create_set", setId: input.id, workoutExerciseId: exercise.id },
      });
    },
    [queue, workoutRef],
  );

  /**
   * Adds an exercise at once, under an id made here: the add goes through the queue like a set,
   * so sets logged on it (offline too) follow it to the server, in order, with this id.
   */
  const addExercise = useCallback(
    (exercise: Exercise) => {
      const meta = {
        action: "add_exercise" as const,
        workoutExerciseId: crypto.randomUUID(),
        exerciseId: exercise.id,
        exerciseName: exercise.name,
        kind: exercise.kind,
      };
      setWorkout((current) => ({ ...current, exercises: [...current.exercises, optimisticExercise(meta, current.exercises.length + 1)] }));
      setSyncError(null);
      const workoutId = workoutRef.current.id;
      queue.enqueue({
        key: exerciseKey(meta.workoutExerciseId),
        workoutId,
        method: "POST",
        path: trainingApi.workouts.exercisesPath(workoutId),
        body: { id: meta.workoutExerciseId, exerciseId: exercise.id },
        meta,
      });
      return meta.workoutExerciseId;
    },
    [queue, workoutRef],
  );

  const saveSet = useCallback(
    (exercise: WorkoutExercise, set: SetView, input: SetInput) => {
      const { id: _id, completedAt: _completedAt, ...changes } = input;
      const shown = {
        ...optimisticSet(
          { ...input, id: set.id, completedAt: set.completedAt },
          exercise.id,
          exercise.exerciseId,
          set.position,
          exercise.kind === "weight_reps",
        ),
        records: set.records,
      };
      setWorkout((current) => replaceSet(current, shown));
      setSyncError(null);
      const workoutId = workoutRef.current.id;
      const patch: NewWrite = {
        key: setKey(set.id),
        workoutId,
        method: "PUT",
        path: trainingApi.sets.setPath(workoutId, set.id),
        body: changes,
        meta: { action: "update_set", setId: set.id, workoutExerciseId: exercise.id },
      };
      // Not sent yet: it stays the same create (same id), carrying the new values.
      queue.enqueue(patch, (waiting) => (waiting.meta?.action === "create_set" ? { ...waiting, body: { ...(waiting.body as SetInput), ...changes } } : patch));
    },
    [queue, workoutRef],
  );

  const deleteSet = useCallback(
    (exercise: WorkoutExercise, set: SetView) => {
      setWorkout((current) => mapExercise(current, exercise.id, (item) => ({ ...item, sets: renumber(item.sets.filter((s) => s.id !== set.id)) })));
      const workoutId = workoutRef.current.id;
      queue.enqueue({
        key: setKey(set.id),
        workoutId,
        method: "DELETE",
        path: trainingApi.sets.setPath(workoutId, set.id),
        meta: { action: "delete_set", setId: set.id, workoutExerciseId: exercise.id },
      });
    },
    [queue, workoutRef],
  );

  /**
   * An exercise-level change shown at once and sent through the queue, in order behind the writes before it: so it
   * works with no network, and on an exercise whose add has not reached the server yet (same client id, sent after it).
   */
  const queueExerciseWrite = useCallback(
    (meta: ExerciseWriteMeta, key: string, method: NewWrite["method"], path: string, body: unknown) => {
      setWorkout((current) => ({ ...current, exercises: applyExerciseWrite(current.exercises, meta) }));
      setSyncError(null);
      queue.enqueue({ key, workoutId: workoutRef.current.id, method, path, body, meta });
    },
    [queue, workoutRef],
  );

  const moveExercise = useCallback(
    (order: string[], moved: WorkoutExercise) =>
      // Each move its own write: replacing a waiting one could send an order naming an exercise whose add is behind it.
      queueExerciseWrite(
        { action: "reorder", workoutExerciseId: moved.id, order },
        `reorder:${crypto.randomUUID()}`,
        "PUT",
        trainingApi.workouts.orderPath(workoutRef.current.id),
        { order },
      ),
    [queueExerciseWrite, workoutRef],
  );

  const toggleSkip = useCallback(
    (exercise: WorkoutExercise) =>
      queueExerciseWrite(
        { action: "skip_exercise", workoutExerciseId: exercise.id, skipped: !exercise.skipped },
        `skip:${exercise.id}`,
        "PATCH",
        trainingApi.workouts.exercisePath(workoutRef.current.id, exercise.id),
        { skipped: !exercise.skipped },
      ),
    [queueExerciseWrite, workoutRef],
  );

  const swapExercise = useCallback(
    (exercise: WorkoutExercise, replacement: Exercise) =>
      queueExerciseWrite(
        { action: "swap_exercise", workoutExerciseId: exercise.id, exerciseId: replacement.id, exerciseName: replacement.name, kind: replacement.kind },
        `swap:${exercise.id}`,
        "POST",
        `${trainingApi.workouts.exercisePath(workoutRef.current.id, exercise.id)}/swap`,
        { exerciseId: replacement.id },
      ),
    [queueExerciseWrite, workoutRef],
  );

  const dropExercise = useCallback(
    (exerciseId: string) => {
      queue.discard((write) => write.meta?.workoutExerciseId === exerciseId);
      setWorkout((current) => ({ ...current, exercises: current.exercises.filter((item) => item.id !== exerciseId) }));
    },
    [queue],
  );

  return {
    workout,
    setWorkout,
    celebration,
    dismissCelebration: () => setCelebration(null),
    syncError,
    addExercise,
    moveExercise,
    toggleSkip,
    swapExercise,
    logSet,
    saveSet,
    deleteSet,
    dropExercise,
  };
}

function refusalMessage(action: string, name: string, why: string): string {
  switch (action) {
    case "add_exercise":
      return `${name} couldn’t be added: ${why}`;
    case "swap_exercise":
      return `${name} couldn’t be swapped: ${why}`;
    case "skip_exercise":
      return `${name} couldn’t be skipped or put back: ${why}`;
    case "reorder":
      return `The new order couldn’t be saved: ${why}`;
    default:
      return `A set of ${name} couldn’t be saved: ${why}`;
  }
}
