import { useState } from "react";
import { useNavigate } from "react-router";
import { isApiError } from "../../api/errors";
import { trainingApi } from "../../api/training";
import type { NewWorkout } from "../../api/trainingTypes";
import { trainingPaths } from "../paths";
import { defaultWorkoutName } from "./workoutName";

/**
 * Starts a workout and opens the logger. Only one workout can be in progress: when one is, the
 * person is told and offered that one instead of losing it.
 */
export function useStartWorkout() {
  const navigate = useNavigate();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [inProgressId, setInProgressId] = useState<string | null>(null);

  const start = async (workout: NewWorkout, busyKey = "empty") => {
    setBusy(busyKey);
    setError(null);
    setInProgressId(null);
    try {
      const named = workout.name || workout.programDayId ? workout : { ...workout, name: defaultWorkoutName(new Date()) };
      const started = await trainingApi.workouts.start(named);
      navigate(trainingPaths.workout(started.id));
    } catch (caught) {
      if (isApiError(caught, "workout_in_progress")) {
        const active = await trainingApi.workouts.active().catch(() => null);
        setInProgressId(active?.id ?? null);
        setError("You already have a workout in progress. Finish or abandon it before starting another.");
      } else {
        setError(caught);
      }
    } finally {
      setBusy(null);
    }
  };

  return { start, busy, error, inProgressId };
}
