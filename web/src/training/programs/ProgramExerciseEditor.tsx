import type { ChangeEvent } from "react";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { SelectField } from "../shared/Select";
import type { DraftExercise, TargetEffort } from "./programDraft";

/** The target boxes: what is typed is kept as text, and checked when the program is saved. */
type TargetKey = "targetSets" | "reps" | "targetWeight" | "effort" | "restSeconds";

interface ProgramExerciseEditorProps {
  exercise: DraftExercise;
  index: number;
  count: number;
  problems: (field: string) => string | null;
  onChange: (exercise: DraftExercise) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** One exercise of a program day: its targets, its place, whether it is supersetted with the one above. */
export function ProgramExerciseEditor({ exercise, index, count, problems, onChange, onMove, onRemove }: ProgramExerciseEditorProps) {
  const set = <K extends keyof DraftExercise>(key: K, value: DraftExercise[K]) => onChange({ ...exercise, [key]: value });
  /** A target box's value, edits and problem, all named by its key. */
  const target = (key: TargetKey) => ({
    value: exercise[key],
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(key, event.target.value),
    error: problems(key),
  });
  const name = exercise.exerciseName;
  return (
    <li className={["program-exercise", exercise.supersetWithPrevious ? "program-exercise--superset" : ""].join(" ")} aria-label={`${index + 1}. ${name}`}>
      <div className="program-exercise__head">
        <h4>
          {index + 1}. {name}
          {exercise.supersetWithPrevious && <span className="badge">Superset</span>}
        </h4>
        <div className="list__actions">
          <Button variant="quiet" onClick={() => onMove(-1)} disabled={index === 0} aria-label={`Move ${name} up`}>
            ↑
          </Button>
          <Button variant="quiet" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={`Move ${name} down`}>
            ↓
          </Button>
          <Button variant="quiet" className="danger-text" onClick={onRemove} aria-label={`Remove ${name}`}>
            Remove
          </Button>
        </div>
      </div>
      {index > 0 && (
        <label className="check">
          <input type="checkbox" checked={exercise.supersetWithPrevious} onChange={(event) => set("supersetWithPrevious", event.target.checked)} />
          <span>Superset with the exercise above</span>
        </label>
      )}
      <div className="target-grid">
        <TextField label="Sets" inputMode="numeric" {...target("targetSets")} />
        <TextField label="Reps" hint="5, or a range 8-12" {...target("reps")} />
        <TextField label={`Weight (${exercise.weightUnit})`} inputMode="decimal" {...target("targetWeight")} />
        <SelectField
          label="Weight unit"
          value={exercise.weightUnit}
          onChange={(event) => set("weightUnit", event.target.value === "lb" ? "lb" : "kg")}
          options={[
            { value: "kg", label: "kg" },
            { value: "lb", label: "lb" },
          ]}
        />
        <SelectField
          label="Effort target"
          value={exercise.effortScale}
          onChange={(event) =>
            onChange({ ...exercise, effortScale: event.target.value as TargetEffort, effort: event.target.value === "none" ? "" : exercise.effort })
          }
          options={[
            { value: "none", label: "None" },
            { value: "rpe", label: "RPE" },
            { value: "rir", label: "Reps in reserve" },
          ]}
        />
        {exercise.effortScale !== "none" && (
          <TextField label={exercise.effortScale === "rpe" ? "Target RPE" : "Target RIR"} inputMode="decimal" {...target("effort")} />
        )}
        <TextField label="Rest (seconds)" inputMode="numeric" {...target("restSeconds")} />
      </div>
      <TextField label="Notes" value={exercise.notes} maxLength={2000} onChange={(event) => set("notes", event.target.value)} />
    </li>
  );
}
