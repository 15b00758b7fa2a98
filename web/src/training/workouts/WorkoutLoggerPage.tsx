import { useCallback, useEffect, useState } from "react";
import { Navigate, useNavigate, useParams } from "react-router";
import { UserFacingError } from "../../api/errors";
import { trainingApi } from "../../api/training";
import type { Exercise, Workout, WorkoutExercise } from "../../api/trainingTypes";
import { useUser } from "../../auth/session";
import { Button } from "../../ui/Button";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { EmptyState, PageHeader } from "../../ui/Page";
import { PageLoadError } from "../../ui/PageLoadError";
import { Loading } from "../../ui/Spinner";
import { DateTime } from "../../ui/Time";
import { warmCatalog } from "../../offline/exerciseCatalog";
import { keepFinishedWorkout, keepLastTimes } from "../../offline/lastTime";
import { keepWorkout, loadWorkout } from "../../offline/workoutCache";
import { useLatest } from "../../ui/useLatest";
import { useResource } from "../../ui/useResource";
import { moveItem } from "../programs/DayEditor";
import { ExercisePicker } from "../exercises/ExercisePicker";
import { trainingPaths } from "../paths";
import { SelectField } from "../shared/Select";
import { UnitSelect } from "../shared/UnitSelect";
import { useWeightUnit } from "../shared/useWeightUnit";
import { ExerciseCard, type ExerciseActions } from "./logger/ExerciseCard";
import { useLoggerSettings } from "./logger/loggerSettings";
import { RestTimer, type Rest } from "./logger/RestTimer";
import { SyncStatus } from "./logger/SyncStatus";
import { useWorkoutLog } from "./logger/useWorkoutLog";
import { pendingSetIds } from "./sync/pendingSets";
import { queueFor, useQueueState } from "./sync/queueRegistry";
import type { WriteQueue } from "./sync/writeQueue";

export function WorkoutLoggerPage() {
  const { workoutId = "" } = useParams();
  const user = useUser();
  const queue = queueFor(user.id);
  // The kept writes must be in the queue before the logger lays them over the workout.
  const loaded = useResource(
    (signal) => Promise.all([loadWorkout(user.id, workoutId, signal), queue.ready]).then(([workout]) => workout),
    [user.id, workoutId, queue],
  );

  if (loaded.loading && !loaded.data) return <Loading label="Loading your workout…" />;
  if (loaded.error || !loaded.data) return <PageLoadError title="Workout" resource={loaded} />;
  if (loaded.data.status !== "in_progress") return <Navigate to={trainingPaths.pastWorkout(loaded.data.id)} replace />;
  return <Logger key={loaded.data.id} initial={loaded.data} queue={queue} userId={user.id} />;
}

function Logger({ initial, queue, userId }: { initial: Workout; queue: WriteQueue; userId: string }) {
  const navigate = useNavigate();
  const [unit, setUnit] = useWeightUnit();
  const unitRef = useLatest(unit);
  const [settings, updateSettings] = useLoggerSettings();
  const log = useWorkoutLog(initial, queue, unitRef, userId);
  const { workout } = log;
  // What is on screen is what a reload with no network opens again; each "last time" the server sent is kept for
  // an exercise added later with no network.
  useEffect(() => keepWorkout(userId, workout), [userId, workout]);
  useEffect(() => keepLastTimes(userId, workout.exercises), [userId, workout.exercises]);
  // The library for the picker with no network.
  useEffect(() => warmCatalog(userId, () => trainingApi.exercises.list().then((list) => list.items)), [userId]);
  const queueState = useQueueState(queue);
  const pendingIds = pendingSetIds(queueState.pending, workout.id);
  const [rest, setRest] = useState<Rest | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [picker, setPicker] = useState<{ mode: "add" } | { mode: "swap"; exercise: WorkoutExercise } | null>(null);
  const [confirming, setConfirming] = useState<"abandon" | null>(null);

  useEffect(() => {
    const online = () => queue.retryNow();
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [queue]);

  const run = async (key: string, action: () => Promise<void>) => {
    setBusy(key);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const startRest = (exercise: WorkoutExercise) => {
    const seconds = exercise.target?.restSeconds ?? settings.defaultRestSeconds;
    if (!seconds) return;
    setRest({ endsAt: Date.now() + seconds * 1000, total: seconds, label: `${exercise.exerciseName} set ${exercise.sets.length + 2}` });
  };

  const actions: ExerciseActions = {
    logSet: (exercise, input) => {
      log.logSet(exercise, input);
      setStatus(`Logged set ${exercise.sets.length + 1} of ${exercise.exerciseName}.`);
      startRest(exercise);
    },
    saveSet: (exercise, set, input) => {
      log.saveSet(exercise, set, input);
      setStatus(`Saved set ${set.position} of ${exercise.exerciseName}.`);
    },
    deleteSet: (exercise, set) => {
      log.deleteSet(exercise, set);
      setStatus(`Deleted set ${set.position} of ${exercise.exerciseName}.`);
    },
    // Moves, swaps and skips go through the queue like sets: shown at once, sent in order, kept with no network.
    move: (exercise, by) => {
      const index = workout.exercises.findIndex((item) => item.id === exercise.id);
      log.moveExercise(
        moveItem(workout.exercises, index, by).map((item) => item.id),
        exercise,
      );
      setStatus(`Moved ${exercise.exerciseName} ${by < 0 ? "up" : "down"}.`);
    },
    swap: (exercise) => setPicker({ mode: "swap", exercise }),
    toggleSkip: (exercise) => {
      log.toggleSkip(exercise);
      setStatus(exercise.skipped ? `${exercise.exerciseName} is back on.` : `Skipped ${exercise.exerciseName}.`);
    },
    remove: (exercise) =>
      void run("remove", async () => {
        if (queueState.pending.some((write) => write.meta?.action === "add_exercise" && write.meta.workoutExerciseId === exercise.id)) {
          // Its add has not landed: drop what waits for it, and queue the removal behind an add
          // already on the wire (a 404, when it never reached the server, counts as done).
          log.dropExercise(exercise.id);
          queue.enqueue({
            key: `exercise:${exercise.id}`,
            workoutId: workout.id,
            method: "DELETE",
            path: `${trainingApi.workouts.exercisesPath(workout.id)}/${exercise.id}`,
          });
          setStatus(`Removed ${exercise.exerciseName}.`);
          return;
        }
        await trainingApi.workouts.removeExercise(workout.id, exercise.id);
        log.dropExercise(exercise.id);
        setStatus(`Removed ${exercise.exerciseName}.`);
      }),
  };

  const picked = async (exercise: Exercise) => {
    if (picker?.mode === "swap") {
      log.swapExercise(picker.exercise, exercise);
      setStatus(`Swapped ${picker.exercise.exerciseName} for ${exercise.name}.`);
    } else {
      log.addExercise(exercise);
      setStatus(`Added ${exercise.name}.`);
    }
    setPicker(null);
  };

  const waiting = queueState.pending.filter((write) => write.workoutId === workout.id).length;
  const finish = () =>
    void run("finish", async () => {
      if (waiting > 0) {
        queue.retryNow();
        throw new UserFacingError(
          `${waiting} change${waiting === 1 ? " is" : "s are"} still on the way to FitFolio. Finish once they’re saved.`,
          "writes_pending",
        );
      }
      const finished = await trainingApi.workouts.finish(workout.id);
      // Its sets are the next workout's "last time", also when that one adds the exercise with no network.
      await keepFinishedWorkout(userId, finished);
      navigate(trainingPaths.pastWorkout(finished.id), { state: { status: `Workout finished. Well done!` } });
    });

  const restDone = useCallback((label: string) => setStatus(`Rest over: time for ${label}.`), []);
  const setCount = workout.exercises.reduce((sum, exercise) => sum + exercise.sets.length, 0);

  return (
    <div className="stack-lg logger">
      <PageHeader
        title={workout.name}
        description={
          <>
            Started <DateTime value={workout.startedAt} /> · {setCount} set{setCount === 1 ? "" : "s"} logged
          </>
        }
      />
      <SyncStatus state={queueState} workoutId={workout.id} onRetry={() => queue.retryNow()} />
      <ErrorMessage error={log.syncError} />
      <StatusMessage>{status}</StatusMessage>
      <details className="card logger-settings">
        <summary>Logger settings</summary>
        <div className="inline-form">
          <UnitSelect unit={unit} onChange={setUnit} />
          <SelectField
            label="Effort scale"
            value={settings.effortScale}
            onChange={(event) => updateSettings({ effortScale: event.target.value === "rir" ? "rir" : "rpe" })}
            options={[
              { value: "rpe", label: "RPE (1–10)" },
              { value: "rir", label: "Reps in reserve" },
            ]}
          />
          <SelectField
            label="Rest when the program sets none"
            value={String(settings.defaultRestSeconds)}
            onChange={(event) => updateSettings({ defaultRestSeconds: Number(event.target.value) })}
            options={[0, 60, 90, 120, 180, 240].map((seconds) => ({ value: String(seconds), label: seconds === 0 ? "No timer" : `${seconds / 60} min` }))}
          />
        </div>
      </details>

      {workout.exercises.length === 0 ? (
        <EmptyState title="No exercises yet">
          <p>Add the first exercise to start logging sets.</p>
        </EmptyState>
      ) : (
        workout.exercises.map((exercise, index) => (
          <ExerciseCard
            key={exercise.id}
            exercise={exercise}
            index={index}
            count={workout.exercises.length}
            unit={unit}
            scale={settings.effortScale}
            pendingSetIds={pendingIds}
            busy={busy !== null}
            actions={actions}
            celebration={log.celebration}
            onDismissCelebration={log.dismissCelebration}
          />
        ))
      )}
      <ErrorMessage error={error} />
      <div className="button-row logger__actions">
        <Button onClick={() => setPicker({ mode: "add" })} disabled={busy !== null}>
          Add exercise
        </Button>
        <Button variant="primary" onClick={finish} busy={busy === "finish"} busyLabel="Finishing…">
          Finish workout
        </Button>
        <Button variant="quiet" className="danger-text" onClick={() => setConfirming("abandon")}>
          Abandon
        </Button>
      </div>
      <RestTimer rest={rest} onChange={setRest} onDone={restDone} />
      <ExercisePicker
        open={picker !== null}
        title={picker?.mode === "swap" ? `Swap ${picker.exercise.exerciseName} for…` : "Add an exercise"}
        onClose={() => setPicker(null)}
        onPick={picked}
      />
      <ConfirmDialog
        open={confirming === "abandon"}
        title="Abandon this workout?"
        confirmLabel="Abandon workout"
        busyLabel="Abandoning…"
        danger
        onClose={() => setConfirming(null)}
        onConfirm={async () => {
          await trainingApi.workouts.abandon(workout.id);
          // An abandoned workout takes no more sets; what was still waiting would only be refused.
          queue.discard((write) => write.workoutId === workout.id);
          navigate(trainingPaths.home, { state: { status: "Workout abandoned. Its sets don’t count towards records or progress." } });
        }}
      >
        <p>It stays in your history as abandoned, and its sets stop counting towards records and progress.</p>
      </ConfirmDialog>
    </div>
  );
}
