import { useId, useState } from "react";
import type { SetInput, SetView, WorkoutExercise } from "../../../api/trainingTypes";
import { Button } from "../../../ui/Button";
import { formatDate } from "../../../ui/format";
import { describeTarget } from "../../programs/programDraft";
import type { WeightUnit } from "../../shared/units";
import type { Celebration } from "./useWorkoutLog";
import { RecordBanner } from "./RecordBanner";
import { prefillDraft, type EffortScale, type PrefillSource } from "./setDraft";
import { SetForm } from "./SetForm";
import { SetRow } from "./SetRow";
import { describePrevious } from "./setText";

export interface ExerciseActions {
  logSet: (exercise: WorkoutExercise, input: SetInput) => void;
  saveSet: (exercise: WorkoutExercise, set: SetView, input: SetInput) => void;
  deleteSet: (exercise: WorkoutExercise, set: SetView) => void;
  move: (exercise: WorkoutExercise, by: -1 | 1) => void;
  swap: (exercise: WorkoutExercise) => void;
  toggleSkip: (exercise: WorkoutExercise) => void;
  remove: (exercise: WorkoutExercise) => void;
}

interface ExerciseCardProps {
  exercise: WorkoutExercise;
  index: number;
  count: number;
  unit: WeightUnit;
  scale: EffortScale;
  pendingSetIds: Set<string>;
  busy: boolean;
  actions: ExerciseActions;
  celebration: Celebration | null;
  onDismissCelebration: () => void;
}

const HINTS: Record<PrefillSource, string> = {
  last_time: "Filled in from this set last time.",
  this_session: "Filled in from your last set.",
  target: "Filled in from the program’s target.",
  empty: "",
};

/** One exercise of the workout in progress: target, last time, the sets so far, and the next set. */
export function ExerciseCard({ exercise, index, count, unit, scale, pendingSetIds, busy, actions, celebration, onDismissCelebration }: ExerciseCardProps) {
  const headingId = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const [justLogged, setJustLogged] = useState(false);
  const { draft, source } = prefillDraft(exercise, unit, scale);
  const next = exercise.sets.length + 1;
  const target = exercise.target ? describeTarget(exercise.target, unit) : "";
  const previous = exercise.previous && exercise.previous.sets.length > 0 ? exercise.previous : null;
  const name = exercise.exerciseName;

  return (
    <section
      className={[
        "card",
        "exercise-card",
        exercise.supersetGroup !== null ? "exercise-card--superset" : "",
        exercise.skipped ? "exercise-card--skipped" : "",
      ].join(" ")}
      aria-labelledby={headingId}
    >
      <div className="exercise-card__head">
        <h2 id={headingId} className="card__title">
          {name}
        </h2>
        {exercise.supersetGroup !== null && <span className="badge">Superset {exercise.supersetGroup}</span>}
        {exercise.skipped && <span className="badge badge--warn">Skipped</span>}
      </div>
      {target && <p className="small">Target: {target}</p>}
      {previous && (
        <p className="muted small">
          Last time{previous.performedAt ? ` (${formatDate(previous.performedAt)})` : ""}: {describePrevious(previous.sets, exercise.kind, unit)}
        </p>
      )}
      {exercise.sets.length > 0 && (
        <ol className="set-list" aria-label={`Sets of ${name}`}>
          {exercise.sets.map((set) => (
            <SetRow
              key={set.id}
              set={set}
              kind={exercise.kind}
              unit={unit}
              scale={scale}
              pending={pendingSetIds.has(set.id)}
              editing={editing === set.id}
              onEdit={() => setEditing(set.id)}
              onCancelEdit={() => setEditing(null)}
              onSave={(input) => {
                setEditing(null);
                actions.saveSet(exercise, set, input);
              }}
              onDelete={() => actions.deleteSet(exercise, set)}
            />
          ))}
        </ol>
      )}
      {!exercise.skipped && (
        <SetForm
          // A new draft when what it is filled in from changes: a set logged, another unit or scale, a swap, or last time
          // arriving after the card (from the server's answer to an add, or from this device with no network).
          key={`${exercise.sets.length}:${unit}:${scale}:${exercise.exerciseId}:${exercise.previous?.performedAt ?? ""}`}
          kind={exercise.kind}
          unit={unit}
          scale={scale}
          initial={draft}
          hint={HINTS[source]}
          submitLabel={`Log set ${next}`}
          onSubmit={(input) => {
            setJustLogged(true);
            actions.logSet(exercise, input);
          }}
          reveal={justLogged}
          setId={() => crypto.randomUUID()}
        />
      )}
      {/* Under the form, so a celebration arriving with the server's answer never pushes the next set's inputs down. */}
      <RecordBanner celebration={celebration?.workoutExerciseId === exercise.id ? celebration : null} onDismiss={onDismissCelebration} />
      <details className="exercise-card__more">
        <summary>More for {name}</summary>
        <div className="button-row">
          <Button variant="quiet" onClick={() => actions.move(exercise, -1)} disabled={busy || index === 0}>
            Move up
          </Button>
          <Button variant="quiet" onClick={() => actions.move(exercise, 1)} disabled={busy || index === count - 1}>
            Move down
          </Button>
          <Button
            variant="quiet"
            onClick={() => actions.swap(exercise)}
            disabled={busy || exercise.sets.length > 0}
            title={exercise.sets.length > 0 ? "Only an exercise without sets can be swapped" : undefined}
          >
            Swap exercise
          </Button>
          <Button variant="quiet" onClick={() => actions.toggleSkip(exercise)} disabled={busy}>
            {exercise.skipped ? "Don’t skip" : "Skip"}
          </Button>
          <Button variant="quiet" className="danger-text" onClick={() => actions.remove(exercise)} disabled={busy}>
            Remove
          </Button>
        </div>
      </details>
    </section>
  );
}
