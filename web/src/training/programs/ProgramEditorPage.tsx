import { useEffect, useState, type FormEvent } from "react";
import { useLocation, useNavigate, useParams } from "react-router";
import { ApiError } from "../../api/errors";
import { trainingApi } from "../../api/training";
import type { Exercise, Program } from "../../api/trainingTypes";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { PageLoadError } from "../../ui/PageLoadError";
import { PageHeader, Section } from "../../ui/Page";
import { Loading } from "../../ui/Spinner";
import { useResource } from "../../ui/useResource";
import { ExercisePicker } from "../exercises/ExercisePicker";
import { trainingPaths } from "../paths";
import { useWeightUnit } from "../shared/useWeightUnit";
import { ConflictNotice, isEditConflict } from "../shared/ConflictNotice";
import { StartProblem } from "../workouts/StartProblem";
import { useStartWorkout } from "../workouts/useStartWorkout";
import { DayEditor, moveItem } from "./DayEditor";
import { describeTarget, draftToProgramInput, emptyDay, newDraftExercise, problemKeyForField, programToDraft, type DraftProgram } from "./programDraft";

/** Creates a program (at /programs/new) or edits one, and starts workouts from its saved days. */
export function ProgramEditorPage() {
  const { programId } = useParams();
  const program = useResource<Program | null>((signal) => (programId ? trainingApi.programs.get(programId, { signal }) : Promise.resolve(null)), [programId]);
  if (programId && program.loading && !program.data) return <Loading label="Loading the program…" />;
  if (program.error) return <PageLoadError title="Program" resource={program} />;
  return <Editor key={program.data?.id ?? "new"} program={program.data ?? null} onSaved={(saved) => program.setData(() => saved)} />;
}

function Editor({ program, onSaved }: { program: Program | null; onSaved: (program: Program) => void }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [unit] = useWeightUnit();
  const [draft, setDraft] = useState<DraftProgram>(() => (program ? programToDraft(program, unit) : { name: "", notes: "", days: [emptyDay(0)] }));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>((location.state as { status?: string } | null)?.status ?? null);
  const [pickingFor, setPickingFor] = useState<number | null>(null);
  // The version the server reported when a save was refused as stale: "Keep mine" resends against it.
  const [conflictVersion, setConflictVersion] = useState<number | null>(null);
  const starter = useStartWorkout();

  useEffect(() => {
    if (Object.keys(problems).length === 0) return;
    document.querySelector<HTMLElement>(".program-form [aria-invalid='true']")?.focus();
  }, [problems]);

  const save = async (event: FormEvent | null, version = program?.version) => {
    event?.preventDefault();
    const built = draftToProgramInput(draft);
    if (!built.ok) {
      setProblems(built.problems);
      setStatus(null);
      return;
    }
    setProblems({});
    setBusy(true);
    setError(null);
    try {
      if (program) {
        const saved = await trainingApi.programs.replace(program.id, built.input, version);
        setConflictVersion(null);
        onSaved(saved);
        setStatus(`Saved “${saved.name}”.`);
      } else {
        const saved = await trainingApi.programs.create(built.input);
        navigate(trainingPaths.program(saved.id), { state: { status: `Created “${saved.name}”. Start a workout from one of its days below.` } });
      }
    } catch (caught) {
      if (isEditConflict(caught)) {
        setConflictVersion(caught.currentVersion ?? version ?? null);
        return;
      }
      if (caught instanceof ApiError && caught.field) {
        setProblems({ [problemKeyForField(caught.field)]: caught.message });
      }
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  /** Drops the edits here for the version saved elsewhere. */
  const reload = async () => {
    if (!program) return;
    setBusy(true);
    setError(null);
    try {
      const fresh = await trainingApi.programs.get(program.id);
      setDraft(programToDraft(fresh, unit));
      setProblems({});
      setConflictVersion(null);
      onSaved(fresh);
      setStatus("Showing the latest version.");
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const addExercise = (exercise: Exercise) => {
    if (pickingFor === null) return;
    setDraft((current) => ({
      ...current,
      days: current.days.map((day, index) =>
        index === pickingFor ? { ...day, exercises: [...day.exercises, newDraftExercise(exercise.id, exercise.name, unit)] } : day,
      ),
    }));
    setPickingFor(null);
  };

  return (
    <div className="stack-lg">
      <PageHeader title={program ? program.name : "New program"} description={program?.archived ? "This program is archived." : undefined} />
      <StatusMessage tone="success">{status}</StatusMessage>

      {program && program.days.length > 0 && (
        <Section title="Start a workout" description="Begins today’s session with this day’s exercises and targets.">
          <ul className="list" aria-label="Days to start">
            {program.days.map((day) => (
              <li key={day.id} className="list__item">
                <div className="list__main">
                  <h3 className="list__title">{day.name}</h3>
                  <p className="list__meta">
                    {day.exercises.length === 0
                      ? "No exercises"
                      : day.exercises
                          .map((exercise) => {
                            const target = describeTarget(
                              {
                                sets: exercise.targetSets,
                                repsMin: exercise.repsMin,
                                repsMax: exercise.repsMax,
                                weight: exercise.targetWeight,
                                weightUnit: exercise.weightUnit,
                                rpe: exercise.targetRpe,
                                rir: exercise.targetRir,
                                restSeconds: null,
                              },
                              unit,
                            );
                            return target ? `${exercise.exerciseName} ${target}` : exercise.exerciseName;
                          })
                          .join(" · ")}
                  </p>
                </div>
                <Button
                  variant="primary"
                  onClick={() => void starter.start({ programDayId: day.id }, day.id)}
                  busy={starter.busy === day.id}
                  busyLabel="Starting…"
                  disabled={starter.busy !== null}
                  aria-label={`Start ${day.name}`}
                >
                  Start
                </Button>
              </li>
            ))}
          </ul>
          <StartProblem error={starter.error} inProgressId={starter.inProgressId} />
        </Section>
      )}

      <form className="stack-lg program-form" onSubmit={save} noValidate aria-label={program ? "Edit program" : "New program"}>
        <div className="card stack">
          <TextField
            label="Program name"
            value={draft.name}
            maxLength={100}
            onChange={(event) => setDraft({ ...draft, name: event.target.value })}
            error={problems.name ?? null}
          />
          <TextField
            label="Notes"
            value={draft.notes}
            maxLength={2000}
            onChange={(event) => setDraft({ ...draft, notes: event.target.value })}
            error={problems.notes ?? null}
          />
        </div>
        {draft.days.map((day, index) => (
          <DayEditor
            key={day.key}
            day={day}
            index={index}
            count={draft.days.length}
            problems={problems}
            onChange={(changed) => setDraft({ ...draft, days: draft.days.map((item, i) => (i === index ? changed : item)) })}
            onMove={(by) => setDraft({ ...draft, days: moveItem(draft.days, index, by) })}
            onRemove={() => setDraft({ ...draft, days: draft.days.filter((_, i) => i !== index) })}
            onAddExercise={() => setPickingFor(index)}
          />
        ))}
        {problems.days && <p className="field__error">{problems.days}</p>}
        <div className="button-row">
          <Button onClick={() => setDraft({ ...draft, days: [...draft.days, emptyDay(draft.days.length)] })} disabled={draft.days.length >= 14}>
            Add day
          </Button>
        </div>
        {Object.keys(problems).length > 0 && !error && <ErrorMessage error="Some details need fixing: see the marked boxes." />}
        <ErrorMessage error={error} />
        {conflictVersion !== null && (
          <ConflictNotice what="program" busy={busy} onReload={() => void reload()} onKeepMine={() => void save(null, conflictVersion)} />
        )}
        <div className="button-row">
          <Button type="submit" variant="primary" busy={busy} busyLabel="Saving…">
            {program ? "Save changes" : "Create program"}
          </Button>
        </div>
      </form>
      <ExercisePicker open={pickingFor !== null} title="Add an exercise" onClose={() => setPickingFor(null)} onPick={addExercise} />
    </div>
  );
}
