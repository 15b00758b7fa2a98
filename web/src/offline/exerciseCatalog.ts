import type { Exercise, ExerciseFilters } from "../api/trainingTypes";
import { offlineDbAvailable, readOffline, writeOffline } from "./offlineDb";

/** True when the search asks for the whole library: that answer is the one worth keeping. */
export function isWholeLibrary(filters: ExerciseFilters): boolean {
  return Object.values(filters).every((value) => value === undefined || value === "");
}

/** Keeps this person's whole library (theirs and the built-in exercises), so the picker finds exercises with no network. */
export function keepCatalog(userId: string, exercises: Exercise[]): void {
  if (offlineDbAvailable()) writeOffline("exercises", userId, exercises).catch(() => undefined);
}

/** The kept library narrowed the way the server narrows it (name text, category, muscle, equipment, kind, custom). */
export function filterCatalog(exercises: Exercise[], filters: ExerciseFilters): Exercise[] {
  const query = (filters.query ?? "").trim().toLowerCase();
  return exercises.filter(
    (exercise) =>
      (!query || exercise.name.toLowerCase().includes(query)) &&
      (!filters.category || exercise.category === filters.category) &&
      (!filters.muscle || [...exercise.primaryMuscles, ...exercise.secondaryMuscles].some((muscle) => muscle === filters.muscle)) &&
      (!filters.equipment || exercise.equipment === filters.equipment) &&
      (!filters.kind || exercise.kind === filters.kind) &&
      (!filters.custom || String(exercise.custom) === filters.custom),
  );
}

/** The kept library for this person, narrowed by the filters; undefined when none was kept on this device. */
export async function searchKeptCatalog(userId: string, filters: ExerciseFilters): Promise<Exercise[] | undefined> {
  if (!offlineDbAvailable()) return undefined;
  const kept = await readOffline<Exercise[]>("exercises", userId).catch(() => undefined);
  return kept ? filterCatalog(kept, filters) : undefined;
}

const warmed = new Set<string>();

/**
 * Fetches and keeps the whole library once per page for this person (the logger calls it on opening), so the picker
 * works with no network even if it was never opened online, or its first whole-library answer was cut short by typing.
 */
export function warmCatalog(userId: string, list: () => Promise<Exercise[]>): void {
  if (!offlineDbAvailable() || warmed.has(userId)) return;
  warmed.add(userId);
  list().then(
    (exercises) => keepCatalog(userId, exercises),
    () => warmed.delete(userId),
  );
}
