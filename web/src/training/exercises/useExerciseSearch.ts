import { useEffect, useState } from "react";
import { trainingApi } from "../../api/training";
import type { Exercise, ExerciseFilters } from "../../api/trainingTypes";
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

/** Exercises matching the filters, refetched as they change (the text search after a pause). */
export function useExerciseSearch(filters: ExerciseFilters) {
  const query = useDebounced(filters.query ?? "", DEBOUNCE_MS);
  const { category = "", muscle = "", equipment = "", kind = "", custom = "" } = filters;
  return useResource<Exercise[]>(
    (signal) => trainingApi.exercises.list({ query: query.trim(), category, muscle, equipment, kind, custom }, { signal }).then((list) => list.items),
    [query, category, muscle, equipment, kind, custom],
  );
}
