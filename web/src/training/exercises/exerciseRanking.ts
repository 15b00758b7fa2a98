import type { Exercise } from "../../api/trainingTypes";

/** How many exercises a person picked lately are remembered to rank first. */
const RECENT_KEPT = 30;

const recentKey = (userId: string) => `fitfolio.recentExercises.${userId}`;

/** Ids of the exercises this person picked lately on this device, newest first. */
export function readRecentExercises(userId: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(recentKey(userId)) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

export function rememberRecentExercise(userId: string, exerciseId: string): void {
  const ids = [exerciseId, ...readRecentExercises(userId).filter((id) => id !== exerciseId)].slice(0, RECENT_KEPT);
  try {
    localStorage.setItem(recentKey(userId), JSON.stringify(ids));
  } catch {
    /* storage unavailable: the ranking simply has no recent exercises */
  }
}

/** 0 exact name, 1 name starts with the query, 2 a word starts with it, 3 anywhere else. */
function matchRank(name: string, query: string): number {
  const lower = name.toLowerCase();
  if (lower === query) return 0;
  // "squat" is the whole name of "Squat (Barbell)" but for its equipment in brackets.
  if (lower.replace(/\s*\(.*\)\s*$/, "") === query) return 0;
  if (lower.startsWith(query)) return 1;
  if (lower.split(/[\s(/-]+/).some((word) => word.startsWith(query))) return 2;
  return 3;
}

/**
 * Orders search results the way a person typing expects: exact names, then names starting with
 * the query, then names with a word starting with it; within each, the exercises they used
 * lately first, then alphabetical (the server's order). With no query, recent ones lead.
 */
export function rankExercises(exercises: Exercise[], query: string, recentIds: string[]): Exercise[] {
  const wanted = query.trim().toLowerCase();
  const recency = new Map(recentIds.map((id, index) => [id, index]));
  const keyed = exercises.map((exercise, order) => ({
    exercise,
    order,
    match: wanted ? matchRank(exercise.name, wanted) : 0,
    recent: recency.get(exercise.id) ?? Number.MAX_SAFE_INTEGER,
  }));
  keyed.sort((a, b) => a.match - b.match || a.recent - b.recent || a.order - b.order);
  return keyed.map((item) => item.exercise);
}
