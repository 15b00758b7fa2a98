import { ApiError } from "../../api/errors";
import { Button } from "../../ui/Button";

/** Whether a save was refused because the thing changed since it was loaded (412 `version_mismatch`). */
export function isEditConflict(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 412 && error.code === "version_mismatch";
}

/**
 * Shown instead of overwriting when someone (another tab, another device) changed what is being edited since it was
 * loaded. "Reload" shows their version and drops the edits here; "Keep mine" saves these edits over theirs, sent with
 * the version the server reported, so a third change in between is caught again rather than overwritten.
 */
export function ConflictNotice({ what, onReload, onKeepMine, busy }: { what: string; onReload: () => void; onKeepMine: () => void; busy: boolean }) {
  return (
    <div className="notice notice--error stack" role="alert">
      <p>
        <strong>This {what} was changed somewhere else</strong> (another tab or device) since you opened it, so your changes were not saved.
      </p>
      <p>Reload to see the latest version (your changes here are dropped), or keep yours to save them over it.</p>
      <div className="button-row">
        <Button variant="secondary" onClick={onReload} disabled={busy}>
          Reload
        </Button>
        <Button variant="primary" onClick={onKeepMine} busy={busy} busyLabel="Saving…">
          Keep mine
        </Button>
      </div>
    </div>
  );
}
