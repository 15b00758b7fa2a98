import { useState } from "react";
import { trainingApi } from "../../api/training";
import type { Exercise, ExerciseFilters } from "../../api/trainingTypes";
import { Button } from "../../ui/Button";
import { ConfirmDeleteDialog } from "../../ui/ConfirmDeleteDialog";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { EmptyState, PageHeader } from "../../ui/Page";
import { Loading } from "../../ui/Spinner";
import { label } from "../shared/labels";
import { useTrainingMeta } from "../shared/useTrainingMeta";
import { CustomExerciseDialog } from "./CustomExerciseDialog";
import { ExerciseFiltersForm } from "./ExerciseFiltersForm";
import { exerciseFacts } from "./exerciseText";
import { useExerciseSearch } from "./useExerciseSearch";

export function ExerciseLibraryPage() {
  const meta = useTrainingMeta();
  const [filters, setFilters] = useState<ExerciseFilters>({});
  const exercises = useExerciseSearch(filters);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Exercise | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const created = (exercise: Exercise) => {
    setCreating(false);
    setStatus(`Created “${exercise.name}”. It’s in your library now.`);
    exercises.reload();
  };

  return (
    <div className="stack-lg">
      <PageHeader
        title="Exercises"
        description="The built-in catalog and your own exercises."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)} disabled={!meta.data}>
            New exercise
          </Button>
        }
      />
      <ErrorMessage error={meta.error} onRetry={meta.reload} />
      <ExerciseFiltersForm meta={meta.data} filters={filters} onChange={setFilters} />
      <StatusMessage tone="success">{status}</StatusMessage>
      {exercises.loading && !exercises.data ? (
        <Loading label="Loading exercises…" />
      ) : exercises.error ? (
        <ErrorMessage error={exercises.error} onRetry={exercises.reload} />
      ) : exercises.data && exercises.data.length > 0 ? (
        <>
          <p className="muted small" aria-live="polite">
            {exercises.data.length} exercise{exercises.data.length === 1 ? "" : "s"}
          </p>
          <ul className="list" aria-label="Exercises">
            {exercises.data.map((exercise) => (
              <li key={exercise.id} className="list__item">
                <div className="list__main">
                  <h3 className="list__title">
                    {exercise.name}
                    {exercise.custom && <span className="badge badge--good">Yours</span>}
                  </h3>
                  <p className="list__meta">
                    <span>{exerciseFacts(exercise)}</span>
                    <span>{label(exercise.kind)}</span>
                  </p>
                </div>
                {exercise.custom && (
                  <div className="list__actions">
                    <Button variant="quiet" className="danger-text" onClick={() => setDeleting(exercise)} aria-label={`Delete ${exercise.name}`}>
                      Delete
                    </Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <EmptyState title="No exercises match">
          <p>Try fewer filters, or create the exercise yourself.</p>
        </EmptyState>
      )}
      {meta.data && <CustomExerciseDialog open={creating} meta={meta.data} onClose={() => setCreating(false)} onCreated={created} />}
      <ConfirmDeleteDialog
        open={deleting !== null}
        name={deleting?.name ?? ""}
        confirmLabel="Delete exercise"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await trainingApi.exercises.remove(deleting.id);
          setStatus(`Deleted “${deleting.name}”.`);
          exercises.setData((list) => list?.filter((item) => item.id !== deleting.id));
        }}
      >
        <p>Only exercises that no workout or program uses can be deleted.</p>
      </ConfirmDeleteDialog>
    </div>
  );
}
