import { useId } from "react";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import type { DraftDay, DraftExercise } from "./programDraft";
import { problemKey } from "./programDraft";
import { ProgramExerciseEditor } from "./ProgramExerciseEditor";

interface DayEditorProps {
  day: DraftDay;
  index: number;
  count: number;
  problems: Record<string, string>;
  onChange: (day: DraftDay) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  onAddExercise: () => void;
}

export function moveItem<T>(items: T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (target < 0 || target >= items.length) return items;
  const copy = [...items];
  [copy[index], copy[target]] = [copy[target]!, copy[index]!];
  return copy;
}

/** One training day: its name and its ordered exercises. */
export function DayEditor({ day, index, count, problems, onChange, onMove, onRemove, onAddExercise }: DayEditorProps) {
  const headingId = useId();
  const label = day.name.trim() || `Day ${index + 1}`;
  const changeExercise = (at: number, exercise: DraftExercise) => onChange({ ...day, exercises: day.exercises.map((item, i) => (i === at ? exercise : item)) });
  const moveExercise = (at: number, by: -1 | 1) => {
    const moved = moveItem(day.exercises, at, by);
    // A superset link means "with the one above": an exercise moved to the top cannot keep it.
    onChange({ ...day, exercises: moved.map((item, i) => (i === 0 ? { ...item, supersetWithPrevious: false } : item)) });
  };
  const removeExercise = (at: number) =>
    onChange({ ...day, exercises: day.exercises.filter((_, i) => i !== at).map((item, i) => (i === 0 ? { ...item, supersetWithPrevious: false } : item)) });

  return (
    <section className="card day-editor" aria-labelledby={headingId}>
      <div className="program-exercise__head">
        <h3 id={headingId}>
          Day {index + 1}: {label}
        </h3>
        <div className="list__actions">
          <Button variant="quiet" onClick={() => onMove(-1)} disabled={index === 0} aria-label={`Move ${label} up`}>
            ↑
          </Button>
          <Button variant="quiet" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={`Move ${label} down`}>
            ↓
          </Button>
          <Button variant="quiet" className="danger-text" onClick={onRemove} aria-label={`Remove day ${label}`}>
            Remove day
          </Button>
        </div>
      </div>
      <TextField
        label="Day name"
        value={day.name}
        maxLength={100}
        onChange={(event) => onChange({ ...day, name: event.target.value })}
        error={problems[`days.${index}.name`] ?? null}
      />
      {day.exercises.length > 0 ? (
        <ol className="program-exercises" aria-label={`Exercises of ${label}`}>
          {day.exercises.map((exercise, at) => (
            <ProgramExerciseEditor
              key={exercise.key}
              exercise={exercise}
              index={at}
              count={day.exercises.length}
              problems={(field) => problems[problemKey(index, at, field)] ?? null}
              onChange={(changed) => changeExercise(at, changed)}
              onMove={(by) => moveExercise(at, by)}
              onRemove={() => removeExercise(at)}
            />
          ))}
        </ol>
      ) : (
        <p className="muted">No exercises on this day yet.</p>
      )}
      {problems[`days.${index}.exercises`] && <p className="field__error">{problems[`days.${index}.exercises`]}</p>}
      <div>
        <Button onClick={onAddExercise}>Add exercise to {label}</Button>
      </div>
    </section>
  );
}
