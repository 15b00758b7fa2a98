import { useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { trainingApi } from "../../api/training";
import { Button } from "../../ui/Button";
import { ConfirmDeleteDialog } from "../../ui/ConfirmDeleteDialog";
import { StatusMessage } from "../../ui/Messages";
import { PageLoadError } from "../../ui/PageLoadError";
import { PageHeader } from "../../ui/Page";
import { Loading } from "../../ui/Spinner";
import { DateTime } from "../../ui/Time";
import { useResource } from "../../ui/useResource";
import { trainingPaths } from "../paths";
import { E1RM_EXPLANATION } from "../shared/e1rm";
import { label } from "../shared/labels";
import { recordSetsSummary } from "../shared/records";
import { UnitSelect } from "../shared/UnitSelect";
import { useWeightUnit } from "../shared/useWeightUnit";
import { formatWeight } from "../shared/units";
import { SetRow } from "../workouts/logger/SetRow";
import { WorkoutDetailsForm } from "./WorkoutDetailsForm";

/** One past workout: its exercises, sets and the records they set. */
export function PastWorkoutPage() {
  const { workoutId = "" } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const [unit, setUnit] = useWeightUnit();
  const workout = useResource((signal) => trainingApi.workouts.get(workoutId, { signal }), [workoutId]);
  const [deleting, setDeleting] = useState(false);
  const status = (location.state as { status?: string } | null)?.status ?? null;

  if (workout.loading && !workout.data) return <Loading label="Loading the workout…" />;
  if (workout.error || !workout.data) return <PageLoadError title="Workout" resource={workout} />;
  const data = workout.data;
  const volume = data.exercises.flatMap((exercise) => exercise.sets).reduce((sum, set) => sum + (set.volumeKg ?? 0), 0);
  const records = recordSetsSummary(data.exercises.flatMap((exercise) => exercise.sets));

  return (
    <div className="stack-lg">
      <PageHeader
        title={data.name}
        description={
          <>
            <DateTime value={data.startedAt} />
            {data.status === "abandoned" ? " · Abandoned" : data.status === "in_progress" ? " · In progress" : ""}
            {data.source !== "app" ? ` · Imported from ${label(data.source)}` : ""}
          </>
        }
        actions={
          <div className="button-row">
            {data.status === "in_progress" && (
              <Link className="button button--primary" to={trainingPaths.workout(data.id)}>
                Resume
              </Link>
            )}
            <Button variant="quiet" className="danger-text" onClick={() => setDeleting(true)}>
              Delete workout
            </Button>
          </div>
        }
      />
      <StatusMessage tone="success">{status}</StatusMessage>
      <div className="inline-form">
        <p className="muted">
          Volume {formatWeight(volume, unit)} · {records}
        </p>
        <UnitSelect unit={unit} onChange={setUnit} />
      </div>
      {data.notes && <p>{data.notes}</p>}
      <WorkoutDetailsForm workout={data} onSaved={(saved) => workout.setData(() => saved)} />
      {data.exercises.map((exercise) => (
        <section key={exercise.id} className="card" aria-label={exercise.exerciseName}>
          <h2 className="card__title">
            {exercise.exerciseName} {exercise.skipped && <span className="badge">Skipped</span>}
          </h2>
          {exercise.sets.length === 0 ? (
            <p className="muted">No sets.</p>
          ) : (
            <ol className="set-list" aria-label={`Sets of ${exercise.exerciseName}`}>
              {exercise.sets.map((set) => (
                <SetRow key={set.id} set={set} kind={exercise.kind} unit={unit} scale="rpe" pending={false} editing={false} readOnly />
              ))}
            </ol>
          )}
        </section>
      ))}
      <p className="muted small">{E1RM_EXPLANATION}</p>
      <ConfirmDeleteDialog
        open={deleting}
        name={data.name}
        confirmLabel="Delete workout"
        onClose={() => setDeleting(false)}
        onConfirm={async () => {
          await trainingApi.workouts.remove(data.id);
          navigate(trainingPaths.history, { replace: true });
        }}
      >
        <p>Its sets and the records they set are removed for good.</p>
      </ConfirmDeleteDialog>
    </div>
  );
}
