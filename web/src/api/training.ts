import { download, id, request, type Signal } from "./client";
import { ApiError } from "./errors";
import type { ItemList } from "./types";
import type {
  BodyWeightEntry,
  Exercise,
  ExerciseFilters,
  ExerciseHistoryEntry,
  ExerciseProgressPoint,
  ImportProgress,
  MuscleVolume,
  NewExercise,
  NewWorkout,
  PersonalRecord,
  PreviousPerformance,
  Program,
  ProgramInput,
  ProgramSummary,
  SetInput,
  SetResult,
  TrainingMeta,
  WeightUnit,
  Workout,
  WorkoutExercise,
  WorkoutStatus,
  WorkoutSummary,
} from "./trainingTypes";
import { uploadFile, type UploadProgress } from "./upload";

const T = "/training";

/** The person's IANA time zone, so the server buckets days and weeks the way they live them. */
export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

export function trainingPath(path: string): string {
  return `${T}${path}`;
}

/** Every training endpoint the app uses (docs/training-api.md), typed, in one place. */
export const trainingApi = {
  meta: (options: Signal = {}) => request<TrainingMeta>("GET", `${T}/meta`, options),

  exercises: {
    list: (filters: ExerciseFilters = {}, options: Signal = {}) => request<ItemList<Exercise>>("GET", `${T}/exercises`, { ...options, query: { ...filters } }),
    get: (exerciseId: string, options: Signal = {}) => request<Exercise>("GET", `${T}/exercises/${id(exerciseId)}`, options),
    create: (exercise: NewExercise) => request<Exercise>("POST", `${T}/exercises`, { body: exercise }),
    update: (exerciseId: string, exercise: NewExercise) => request<Exercise>("PUT", `${T}/exercises/${id(exerciseId)}`, { body: exercise }),
    remove: (exerciseId: string) => request<void>("DELETE", `${T}/exercises/${id(exerciseId)}`),
    last: (exerciseId: string, options: Signal = {}) => request<PreviousPerformance>("GET", `${T}/exercises/${id(exerciseId)}/last`, options),
    history: (exerciseId: string, limit = 20, options: Signal = {}) =>
      request<ItemList<ExerciseHistoryEntry>>("GET", `${T}/exercises/${id(exerciseId)}/history`, { ...options, query: { limit } }),
    records: (exerciseId: string, options: Signal = {}) => request<ItemList<PersonalRecord>>("GET", `${T}/exercises/${id(exerciseId)}/records`, options),
    progress: (exerciseId: string, options: Signal & { from?: string; to?: string } = {}) =>
      request<ItemList<ExerciseProgressPoint>>("GET", `${T}/exercises/${id(exerciseId)}/progress`, {
        signal: options.signal,
        query: { from: options.from, to: options.to, tz: localTimeZone() },
      }),
  },

  programs: {
    list: (archived: "false" | "true" | "all" = "false", options: Signal = {}) =>
      request<ItemList<ProgramSummary>>("GET", `${T}/programs`, { ...options, query: { archived } }),
    get: (programId: string, options: Signal = {}) => request<Program>("GET", `${T}/programs/${id(programId)}`, options),
    create: (program: ProgramInput) => request<Program>("POST", `${T}/programs`, { body: program }),
    /** With `version`, only replaces the program if it is still at that version (412 `version_mismatch` otherwise). */
    replace: (programId: string, program: ProgramInput, version?: number) =>
      request<Program>("PUT", `${T}/programs/${id(programId)}`, { body: program, ifMatch: version }),
    copy: (programId: string, name?: string) => request<Program>("POST", `${T}/programs/${id(programId)}/copy`, { body: name ? { name } : {} }),
    archive: (programId: string) => request<Program>("POST", `${T}/programs/${id(programId)}/archive`),
    unarchive: (programId: string) => request<Program>("POST", `${T}/programs/${id(programId)}/unarchive`),
    remove: (programId: string) => request<void>("DELETE", `${T}/programs/${id(programId)}`),
  },

  workouts: {
    start: (workout: NewWorkout) => request<Workout>("POST", `${T}/workouts`, { body: workout }),
    /** The workout in progress, or null when there is none. */
    async active(options: Signal = {}): Promise<Workout | null> {
      try {
        return await request<Workout>("GET", `${T}/workouts/active`, options);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    list: (before: string | null, limit = 20, status: WorkoutStatus | "" = "", options: Signal = {}) =>
      request<ItemList<WorkoutSummary> & { nextCursor: string | null }>("GET", `${T}/workouts`, {
        ...options,
        // The contract document names the cursor `before`, the server reads `cursor`: send both.
        query: { cursor: before, before, limit, status },
      }),
    get: (workoutId: string, options: Signal = {}) => request<Workout>("GET", `${T}/workouts/${id(workoutId)}`, options),
    /** With `version`, only changes the workout if it is still at that version (412 `version_mismatch` otherwise). */
    update: (workoutId: string, changes: { name?: string; notes?: string | null; startedAt?: string; endedAt?: string }, version?: number) =>
      request<Workout>("PATCH", `${T}/workouts/${id(workoutId)}`, { body: changes, ifMatch: version }),
    finish: (workoutId: string, endedAt?: string) => request<Workout>("POST", `${T}/workouts/${id(workoutId)}/finish`, { body: endedAt ? { endedAt } : {} }),
    abandon: (workoutId: string) => request<Workout>("POST", `${T}/workouts/${id(workoutId)}/abandon`),
    remove: (workoutId: string) => request<void>("DELETE", `${T}/workouts/${id(workoutId)}`),
    /** The logger adds exercises through the offline queue, which builds the write with this path. */
    exercisesPath: (workoutId: string) => `${T}/workouts/${id(workoutId)}/exercises`,
    addExercise: (workoutId: string, body: { id?: string; exerciseId: string; position?: number; supersetGroup?: number; notes?: string }) =>
      request<WorkoutExercise>("POST", trainingApi.workouts.exercisesPath(workoutId), { body }),
    /** The logger moves, swaps and skips exercises through the offline queue, which builds those writes with these paths. */
    exercisePath: (workoutId: string, workoutExerciseId: string) => `${T}/workouts/${id(workoutId)}/exercises/${id(workoutExerciseId)}`,
    orderPath: (workoutId: string) => `${T}/workouts/${id(workoutId)}/exercises/order`,
    updateExercise: (workoutId: string, workoutExerciseId: string, changes: { skipped?: boolean; notes?: string | null; supersetGroup?: number }) =>
      request<WorkoutExercise>("PATCH", `${T}/workouts/${id(workoutId)}/exercises/${id(workoutExerciseId)}`, { body: changes }),
    swapExercise: (workoutId: string, workoutExerciseId: string, exerciseId: string) =>
      request<WorkoutExercise>("POST", `${T}/workouts/${id(workoutId)}/exercises/${id(workoutExerciseId)}/swap`, { body: { exerciseId } }),
    reorder: (workoutId: string, order: string[]) => request<Workout>("PUT", `${T}/workouts/${id(workoutId)}/exercises/order`, { body: { order } }),
    removeExercise: (workoutId: string, workoutExerciseId: string) =>
      request<void>("DELETE", `${T}/workouts/${id(workoutId)}/exercises/${id(workoutExerciseId)}`),
  },

  /** Set writes go through the offline queue, which builds them with these paths. */
  sets: {
    createPath: (workoutId: string, workoutExerciseId: string) => `${T}/workouts/${id(workoutId)}/exercises/${id(workoutExerciseId)}/sets`,
    setPath: (workoutId: string, setId: string) => `${T}/workouts/${id(workoutId)}/sets/${id(setId)}`,
    create: (workoutId: string, workoutExerciseId: string, set: SetInput) =>
      request<SetResult>("POST", trainingApi.sets.createPath(workoutId, workoutExerciseId), { body: set }),
    /** Replaces the set's content (the server has PUT here, where the contract document says PATCH). */
    replace: (workoutId: string, setId: string, content: Omit<SetInput, "id" | "completedAt">) =>
      request<SetResult>("PUT", trainingApi.sets.setPath(workoutId, setId), { body: content }),
    remove: (workoutId: string, setId: string) => request<void>("DELETE", trainingApi.sets.setPath(workoutId, setId)),
  },

  records: (exerciseId?: string, options: Signal = {}) => request<ItemList<PersonalRecord>>("GET", `${T}/records`, { ...options, query: { exerciseId } }),

  progress: {
    muscleVolume: (weeks = 12, options: Signal = {}) =>
      request<ItemList<MuscleVolume>>("GET", `${T}/progress/muscle-volume`, { ...options, query: { weeks, tz: localTimeZone() } }),
  },

  bodyWeight: {
    list: (range: { from?: string; to?: string } = {}, options: Signal = {}) =>
      request<ItemList<BodyWeightEntry>>("GET", `${T}/body-weight`, { ...options, query: range }),
    put: (date: string, entry: { weight: number; unit: WeightUnit; notes?: string | null }) =>
      request<BodyWeightEntry>("PUT", `${T}/body-weight/${id(date)}`, { body: entry }),
    remove: (date: string) => request<void>("DELETE", `${T}/body-weight/${id(date)}`),
  },

  /** Uploads an export; the server answers at once (202) with the import's first progress, then writes it as a job. */
  importCsv: (file: File, onProgress?: (progress: UploadProgress) => void, signal?: AbortSignal) =>
    uploadFile<ImportProgress>(`${T}/import`, file, { onProgress, signal, contentType: "text/csv", query: { tz: localTimeZone() } }),
  importProgress: (importId: string, options: Signal = {}) => request<ImportProgress>("GET", `${T}/imports/${id(importId)}`, options),
  exportCsv: () => download(`${T}/export.csv`),
};
