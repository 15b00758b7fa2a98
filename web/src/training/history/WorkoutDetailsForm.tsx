import { useState, type FormEvent } from "react";
import { trainingApi } from "../../api/training";
import type { Workout } from "../../api/trainingTypes";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { ConflictNotice, isEditConflict } from "../shared/ConflictNotice";

/**
 * A workout's name and notes. The change is sent with the version the page loaded (If-Match), so an edit made
 * meanwhile in another tab or on another device is shown as a conflict instead of being silently overwritten.
 */
export function WorkoutDetailsForm({ workout, onSaved }: { workout: Workout; onSaved: (workout: Workout) => void }) {
  const [name, setName] = useState(workout.name);
  const [notes, setNotes] = useState(workout.notes ?? "");
  const [conflictVersion, setConflictVersion] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (version: number) => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const saved = await trainingApi.workouts.update(workout.id, { name: name.trim(), notes }, version);
      setConflictVersion(null);
      onSaved(saved);
      setStatus("Workout saved.");
    } catch (caught) {
      if (isEditConflict(caught)) setConflictVersion(caught.currentVersion ?? version);
      else setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    setBusy(true);
    setError(null);
    try {
      const fresh = await trainingApi.workouts.get(workout.id);
      setName(fresh.name);
      setNotes(fresh.notes ?? "");
      setConflictVersion(null);
      onSaved(fresh);
      setStatus("Showing the latest version.");
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(workout.version);
  };

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-label="Edit workout">
      <TextField label="Workout name" value={name} onChange={(event) => setName(event.target.value)} maxLength={100} required />
      <TextField label="Workout notes" value={notes} onChange={(event) => setNotes(event.target.value)} maxLength={2000} />
      {conflictVersion !== null && <ConflictNotice what="workout" busy={busy} onReload={() => void reload()} onKeepMine={() => void send(conflictVersion)} />}
      <ErrorMessage error={error} />
      <StatusMessage tone="success">{status}</StatusMessage>
      <div className="button-row">
        <Button type="submit" variant="primary" busy={busy && conflictVersion === null} busyLabel="Saving…" disabled={name.trim() === ""}>
          Save changes
        </Button>
      </div>
    </form>
  );
}
