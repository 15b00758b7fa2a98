import { ApiError } from "../api/errors";
import { trainingApi } from "../api/training";
import type { Workout } from "../api/trainingTypes";
import { offlineDbAvailable, readOffline, writeOffline } from "./offlineDb";

const key = (userId: string, workoutId: string) => `${userId}/${workoutId}`;

/** No answer at all (offline, the server unreachable): the only failure a kept copy may stand in for. */
export function isNetworkFailure(error: unknown): boolean {
  return error instanceof ApiError && error.status === 0;
}

/**
 * Keeps the workout as the logger last showed it, for this person, so a reload or a restarted
 * browser with no network opens it again (the writes still waiting are laid over it again).
 */
export function keepWorkout(userId: string, workout: Workout): void {
  if (offlineDbAvailable()) writeOffline("workouts", key(userId, workout.id), workout).catch(() => undefined);
}

/** The workout from the server, or with no network the copy kept on this device for this person. */
export async function loadWorkout(userId: string, workoutId: string, signal?: AbortSignal): Promise<Workout> {
  try {
    const workout = await trainingApi.workouts.get(workoutId, { signal });
    keepWorkout(userId, workout);
    return workout;
  } catch (error) {
    if (!isNetworkFailure(error) || !offlineDbAvailable()) throw error;
    const kept = await readOffline<Workout>("workouts", key(userId, workoutId)).catch(() => undefined);
    if (!kept) throw error;
    return kept;
  }
}
