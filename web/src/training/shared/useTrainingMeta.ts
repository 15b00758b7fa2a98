import { trainingApi } from "../../api/training";
import type { TrainingMeta } from "../../api/trainingTypes";
import { useResource, type Resource } from "../../ui/useResource";

let cached: TrainingMeta | null = null;

/** The enumerations (categories, muscles, …); they never change while the app runs, so one fetch serves all screens. */
export function useTrainingMeta(): Resource<TrainingMeta> {
  return useResource(async (signal) => {
    if (cached) return cached;
    const meta = await trainingApi.meta({ signal });
    cached = meta;
    return meta;
  }, []);
}

/** Test seam. */
export function forgetTrainingMeta(): void {
  cached = null;
}
