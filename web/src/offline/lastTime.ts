import type { PreviousPerformance, Workout, WorkoutExercise } from "../api/trainingTypes";
import { offlineDbAvailable, readOffline, writeOffline } from "./offlineDb";

const key = (userId: string, exerciseId: string) => `${userId}/${exerciseId}`;

const newer = (candidate: PreviousPerformance, kept: PreviousPerformance | undefined) =>
  !kept?.performedAt || (candidate.performedAt !== null && candidate.performedAt >= kept.performedAt);

async function keep(userId: string, exerciseId: string, performance: PreviousPerformance): Promise<void> {
  const kept = await readOffline<PreviousPerformance>("lastTime", key(userId, exerciseId));
  if (newer(performance, kept)) await writeOffline("lastTime", key(userId, exerciseId), performance);
}

/**
 * Keeps the "last time" the server sent with each exercise the logger shows, so an exercise added with no network
 * shows it too (the server fills it in only once the add arrives).
 */
export function keepLastTimes(userId: string, exercises: WorkoutExercise[]): void {
  if (!offlineDbAvailable()) return;
  for (const exercise of exercises) {
    if (exercise.previous && exercise.previous.sets.length > 0) void keep(userId, exercise.exerciseId, exercise.previous).catch(() => undefined);
  }
}

/**
 * A finished workout is the new "last time" of every exercise it has sets of, as the server picks it (WorkoutReader:
 * the latest workout not abandoned, its sets of that exercise in order, numbered from 1).
 */
export async function keepFinishedWorkout(userId: string, workout: Workout): Promise<void> {
  if (!offlineDbAvailable()) return;
  const byExercise = new Map<string, PreviousPerformance>();
  for (const exercise of [...workout.exercises].sort((a, b) => a.position - b.position)) {
    if (exercise.sets.length === 0) continue;
    const performance = byExercise.get(exercise.exerciseId) ?? { workoutId: workout.id, performedAt: workout.startedAt, sets: [] };
    for (const set of exercise.sets) {
      const { type, reps, weight, weightUnit, durationSeconds, distanceMeters, rpe, rir } = set;
      performance.sets.push({ position: performance.sets.length + 1, type, reps, weight, weightUnit, durationSeconds, distanceMeters, rpe, rir });
    }
    byExercise.set(exercise.exerciseId, performance);
  }
  // Awaited by the caller before it moves on: a page load that follows at once would abort writes still open.
  await Promise.all([...byExercise].map(([exerciseId, performance]) => keep(userId, exerciseId, performance).catch(() => undefined)));
}

/** This person's last time at the exercise, as kept on this device. */
export async function keptLastTime(userId: string, exerciseId: string): Promise<PreviousPerformance | undefined> {
  if (!offlineDbAvailable()) return undefined;
  return readOffline<PreviousPerformance>("lastTime", key(userId, exerciseId)).catch(() => undefined);
}
