import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import type { ExerciseKind, SetInput, SetType } from "../../../api/trainingTypes";
import { Button } from "../../../ui/Button";
import { TextField } from "../../../ui/Field";
import { kindUsesReps, kindUsesWeight, label, SET_TYPES, weightLabel } from "../../shared/labels";
import { SelectField } from "../../shared/Select";
import { parseDecimal, roundForDisplay, type WeightUnit } from "../../shared/units";
import { draftToInput, type DraftErrors, type EffortScale, type SetDraft } from "./setDraft";

interface SetFormProps {
  kind: ExerciseKind;
  unit: WeightUnit;
  scale: EffortScale;
  initial: SetDraft;
  /** Names the form for assistive technology and the submit button, e.g. "Log set 3". */
  submitLabel: string;
  hint?: string;
  onSubmit: (input: SetInput) => void;
  onCancel?: () => void;
  /** The id the set is written under: a new UUID per logged set, the set's own when editing. */
  setId: () => string;
  /** Scrolls the form into view when it appears (after a set was logged), clear of the fixed rest timer. */
  reveal?: boolean;
}

const RPE_VALUES = Array.from({ length: 19 }, (_, index) => String(1 + index * 0.5));
const RIR_VALUES = Array.from({ length: 11 }, (_, index) => String(index));

function step(value: string, by: number, min = 0): string {
  const current = parseDecimal(value);
  const base = current === null || Number.isNaN(current) ? 0 : current;
  return String(Math.max(min, roundForDisplay(base + by)));
}

type TextKey = "weight" | "reps" | "duration" | "distance" | "notes";

/** The − and + beside a box, for thumbs: `onStep` gets the signed step. */
function StepButtons({ by, onStep, lessLabel, moreLabel }: { by: number; onStep: (by: number) => void; lessLabel: string; moreLabel: string }) {
  return (
    <div className="stepper__buttons">
      <Button variant="quiet" onClick={() => onStep(-by)} aria-label={lessLabel}>
        −
      </Button>
      <Button variant="quiet" onClick={() => onStep(by)} aria-label={moreLabel}>
        +
      </Button>
    </div>
  );
}

/** Entering one set: big boxes, steppers for thumbs, the values already filled in. */
export function SetForm({ kind, unit, scale, initial, submitLabel, hint, onSubmit, onCancel, setId, reveal = false }: SetFormProps) {
  const [draft, setDraft] = useState<SetDraft>(initial);
  const formRef = useRef<HTMLFormElement>(null);
  // Only on mount: the logger remounts the form for each new set, and must not scroll while the person types.
  const revealOnMount = useRef(reveal);
  useEffect(() => {
    if (revealOnMount.current) formRef.current?.scrollIntoView?.({ block: "nearest" });
  }, []);
  const [errors, setErrors] = useState<DraftErrors>({});
  const id = useId();
  const set = <K extends keyof SetDraft>(key: K, value: SetDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  /** A text box's value, edits and error, all named by its key. */
  const box = (key: TextKey) => ({
    value: draft[key],
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(key, event.target.value),
    error: errors[key] ?? null,
  });
  const weightStep = unit === "kg" ? 2.5 : 5;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const built = draftToInput(draft, kind, unit, scale, setId(), new Date().toISOString());
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    onSubmit(built.input);
  };

  return (
    <form ref={formRef} className="set-form" onSubmit={submit} noValidate aria-label={submitLabel}>
      {hint && (
        <p className="muted small" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className="set-form__grid">
        {kindUsesWeight(kind) && (
          <div className="stepper">
            <TextField label={`${weightLabel(kind)} (${unit})`} inputMode="decimal" autoComplete="off" {...box("weight")} />
            <StepButtons
              by={weightStep}
              onStep={(by) => set("weight", step(draft.weight, by))}
              lessLabel={`${weightStep} ${unit} less`}
              moreLabel={`${weightStep} ${unit} more`}
            />
          </div>
        )}
        {kindUsesReps(kind) && (
          <div className="stepper">
            <TextField label="Reps" inputMode="numeric" autoComplete="off" {...box("reps")} />
            <StepButtons by={1} onStep={(by) => set("reps", step(draft.reps, by))} lessLabel="One rep less" moreLabel="One rep more" />
          </div>
        )}
        {(kind === "time" || kind === "distance") && <TextField label="Time (m:ss)" inputMode="numeric" autoComplete="off" {...box("duration")} />}
        {kind === "distance" && <TextField label="Distance (m)" inputMode="decimal" autoComplete="off" {...box("distance")} />}
        <SelectField
          label={scale === "rpe" ? "RPE" : "Reps in reserve"}
          value={draft.effort}
          emptyLabel="—"
          options={(scale === "rpe" ? RPE_VALUES : RIR_VALUES).map((value) => ({ value, label: value }))}
          onChange={(event) => set("effort", event.target.value)}
          error={errors.effort ?? null}
        />
        <SelectField
          label="Set type"
          value={draft.type}
          options={SET_TYPES.map((value) => ({ value, label: label(value) }))}
          onChange={(event) => set("type", event.target.value as SetType)}
        />
      </div>
      <TextField label="Note" placeholder="Optional" maxLength={2000} {...box("notes")} />
      <div className="button-row">
        <Button type="submit" variant="primary" className="set-form__submit">
          {submitLabel}
        </Button>
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
      </div>
    </form>
  );
}
