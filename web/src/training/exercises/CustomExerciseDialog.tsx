import { useState, type FormEvent } from "react";
import { isApiError } from "../../api/errors";
import { trainingApi } from "../../api/training";
import type { Category, Exercise, ExerciseKind, TrainingMeta } from "../../api/trainingTypes";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { TextField } from "../../ui/Field";
import { ErrorMessage } from "../../ui/Messages";
import { label } from "../shared/labels";
import { SelectField } from "../shared/Select";

interface CustomExerciseDialogProps {
  open: boolean;
  meta: TrainingMeta;
  onClose: () => void;
  onCreated: (exercise: Exercise) => void;
  initialName?: string;
}

/** Creates an exercise of the person's own. */
export function CustomExerciseDialog({ open, meta, onClose, onCreated, initialName = "" }: CustomExerciseDialogProps) {
  const [name, setName] = useState(initialName);
  const [category, setCategory] = useState<string>(meta.categories[0] ?? "");
  const [equipment, setEquipment] = useState<string>(meta.equipment[0] ?? "");
  const [kind, setKind] = useState<string>("weight_reps");
  const [primary, setPrimary] = useState<string[]>([]);
  const [problems, setProblems] = useState<{ name?: string; primary?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      name: name.trim() ? (name.trim().length > 100 ? "At most 100 characters." : undefined) : "Give the exercise a name.",
      primary: primary.length ? undefined : "Choose at least one muscle it works.",
    };
    setProblems(found);
    if (found.name || found.primary) return;
    setBusy(true);
    setError(null);
    try {
      const exercise = await trainingApi.exercises.create({
        name: name.trim(),
        category: category as Category,
        equipment,
        kind: kind as ExerciseKind,
        primaryMuscles: primary,
        secondaryMuscles: [],
      });
      setName("");
      setPrimary([]);
      onCreated(exercise);
    } catch (caught) {
      if (isApiError(caught, "duplicate_name")) setProblems({ name: caught.message });
      else setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} title="New exercise" onClose={() => !busy && onClose()}>
      <form className="stack" onSubmit={submit} noValidate aria-label="New exercise">
        <TextField label="Name" value={name} maxLength={100} onChange={(event) => setName(event.target.value)} error={problems.name ?? null} />
        <SelectField
          label="Category"
          value={category}
          onChange={(event) => setCategory(event.target.value)}
          options={meta.categories.map((value) => ({ value, label: label(value) }))}
        />
        <SelectField
          label="Equipment"
          value={equipment}
          onChange={(event) => setEquipment(event.target.value)}
          options={meta.equipment.map((value) => ({ value, label: label(value) }))}
        />
        <SelectField
          label="What a set records"
          value={kind}
          onChange={(event) => setKind(event.target.value)}
          options={meta.kinds.map((value) => ({ value, label: label(value) }))}
        />
        <fieldset className="fieldset muscle-grid" aria-describedby={problems.primary ? "primary-error" : undefined}>
          <legend>Muscles it mainly works</legend>
          {meta.muscles.map((muscle) => (
            <label key={muscle} className="check">
              <input
                type="checkbox"
                checked={primary.includes(muscle)}
                onChange={(event) => setPrimary((current) => (event.target.checked ? [...current, muscle] : current.filter((item) => item !== muscle)))}
              />
              <span>{label(muscle)}</span>
            </label>
          ))}
          {problems.primary && (
            <p className="field__error" id="primary-error">
              {problems.primary}
            </p>
          )}
        </fieldset>
        <ErrorMessage error={error} />
        <div className="dialog__actions">
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy} busyLabel="Creating…">
            Create exercise
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
