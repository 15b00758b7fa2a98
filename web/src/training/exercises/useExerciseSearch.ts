import { useEffect, useState } from "react";
import { trainingApi } from "../../api/training";
import type { Exercise, ExerciseFilters } from "../../api/trainingTypes";
import { useUser } from "../../auth/session";
import { isWholeLibrary, keepCatalog, searchKeptCatalog } from "../../offline/exerciseCatalog";
import { isNetworkFailure } from "../../offline/workoutCache";
import { useResource } from "../../ui/useResource";

/** Typing waits this long for a pause before asking the server. */
const DEBOUNCE_MS = 250;

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * Exercises matching the filters, refetched as they change (the text search after a pause). The whole library, when
 * asked for, is kept on this device; with no network the kept copy answers, narrowed here, so exercises can be added
 * to a workout in a gym with no signal.
 */
export function useExerciseSearch(filters: ExerciseFilters) {
  const userId = useUser().id;
  const query = useDebounced(filters.query ?? "", DEBOUNCE_MS);
  const { category = "", muscle = "", equipment = "", kind = "", custom = "" } = filters;
  return useResource<Exercise[]>(
    async (signal) => {
      const wanted: ExerciseFilters = { query: query.trim(), category, muscle, equipment, kind, custom };
      try {
        const items = (await trainingApi.exercises.list(wanted, { signal })).items;
        if (isWholeLibrary(wanted)) keepCatalog(userId, items);
        return items;
      } catch (error) {
        const kept = isNetworkFailure(error) ? await searchKeptCatalog(userId, wanted) : undefined;
        if (!kept) throw error;
        return kept;
      }
    },
    [userId, query, category, muscle, equipment, kind, custom],
  );
}
