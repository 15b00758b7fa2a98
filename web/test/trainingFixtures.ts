import type { SetView, Workout, WorkoutExercise } from "../src/api/trainingTypes";

export function aWorkoutExercise(overrides: Partial<WorkoutExercise> = {}): WorkoutExercise {
  return {
    id: "we1",
    position: 1,
    exerciseId: "ex-bench",
    exerciseName: "Bench press",
    kind: "weight_reps",
    supersetGroup: null,
    skipped: false,
    notes: null,
    target: null,
    sets: [],
    previous: null,
    ...overrides,
  };
}

export function aWorkout(overrides: Partial<Workout> = {}): Workout {
  return {
    id: "w1",
    name: "Push",
    notes: null,
    status: "in_progress",
    programId: null,
    programDayId: null,
    startedAt: "2026-11-23T18:00:00Z",
    endedAt: null,
    source: "app",
    version: 1,
    exercises: [aWorkoutExercise()],
    ...overrides,
  };
}

export function aSet(overrides: Partial<SetView> = {}): SetView {
  return {
    id: "s1",
    workoutExerciseId: "we1",
    exerciseId: "ex-bench",
    position: 1,
    type: "working",
    reps: 5,
    weight: 100,
    weightUnit: "kg",
    weightKg: 100,
    durationSeconds: null,
    distanceMeters: null,
    rpe: null,
    rir: null,
    notes: null,
    completedAt: "2026-11-23T18:05:00Z",
    e1rmKg: 116.67,
    volumeKg: 500,
    records: [],
    ...overrides,
  };
}
