import { useMemo, useState } from "react";
import type { Exercise, ExerciseFilters } from "../../api/trainingTypes";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { TextField } from "../../ui/Field";
import { ErrorMessage } from "../../ui/Messages";
import { Loading } from "../../ui/Spinner";
import { label } from "../shared/labels";
import { SelectField } from "../shared/Select";
import { useTrainingMeta } from "../shared/useTrainingMeta";
import { useUser } from "../../auth/session";
import { rankExercises, readRecentExercises, rememberRecentExercise } from "./exerciseRanking";
import { exerciseFacts } from "./exerciseText";
import { useExerciseSearch } from "./useExerciseSearch";

interface ExercisePickerProps {
  open: boolean;
  title: string;
  onClose: () => void;
  onPick: (exercise: Exercise) => void | Promise<void>;
}

/** A dialog to find one exercise by name and category and pick it. */
export function ExercisePicker({ open, title, onClose, onPick }: ExercisePickerProps) {
  if (!open) return null;
  return <PickerBody title={title} onClose={onClose} onPick={onPick} />;
}

function PickerBody({ title, onClose, onPick }: Omit<ExercisePickerProps, "open">) {
  const meta = useTrainingMeta();
  const [filters, setFilters] = useState<ExerciseFilters>({});
  const exercises = useExerciseSearch(filters);
  const user = useUser();
  const ranked = useMemo(
    () => rankExercises(exercises.data ?? [], filters.query ?? "", readRecentExercises(user.id)),
    [exercises.data, filters.query, user.id],
  );
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const pick = async (exercise: Exercise) => {
    setBusyId(exercise.id);
    setError(null);
    try {
      await onPick(exercise);
      rememberRecentExercise(user.id, exercise.id);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusyId(null);
    }
  };

  return (
    <Dialog open title={title} onClose={() => busyId === null && onClose()}>
      <div className="picker" role="search" aria-label="Find an exercise">
        <TextField
          label="Search exercises"
          type="search"
          autoFocus
          value={filters.query ?? ""}
          onChange={(event) => setFilters({ ...filters, query: event.target.value })}
        />
        <SelectField
          label="Category"
          emptyLabel="Any category"
          value={filters.category ?? ""}
          options={(meta.data?.categories ?? []).map((value) => ({ value, label: label(value) }))}
          onChange={(event) => setFilters({ ...filters, category: event.target.value })}
        />
      </div>
      <ErrorMessage error={error} />
      {exercises.loading && !exercises.data ? (
        <Loading label="Loading exercises…" />
      ) : exercises.error ? (
        <ErrorMessage error={exercises.error} onRetry={exercises.reload} />
      ) : (
        <ul className="picker__list" aria-label="Matching exercises">
          {ranked.map((exercise) => (
            <li key={exercise.id}>
              <button
                type="button"
                className="picker__choice"
                onClick={() => void pick(exercise)}
                disabled={busyId !== null}
                aria-busy={busyId === exercise.id || undefined}
              >
                <span className="picker__name">{exercise.name}</span>
                <span className="muted small">{exerciseFacts(exercise)}</span>
              </button>
            </li>
          ))}
          {exercises.data?.length === 0 && <li className="muted">No exercise matches. Create it under Exercises.</li>}
        </ul>
      )}
      <div className="dialog__actions">
        <Button onClick={onClose} disabled={busyId !== null}>
          Cancel
        </Button>
      </div>
    </Dialog>
  );
}
