import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { trainingApi } from "../../api/training";
import type { ProgramSummary } from "../../api/trainingTypes";
import { Button } from "../../ui/Button";
import { ConfirmDeleteDialog } from "../../ui/ConfirmDeleteDialog";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { EmptyState, PageHeader } from "../../ui/Page";
import { Loading } from "../../ui/Spinner";
import { RelativeTime } from "../../ui/Time";
import { useResource } from "../../ui/useResource";
import { trainingPaths } from "../paths";

type Shown = "false" | "true";

export function ProgramsPage() {
  const navigate = useNavigate();
  const [shown, setShown] = useState<Shown>("false");
  const programs = useResource((signal) => trainingApi.programs.list(shown, { signal }).then((list) => list.items), [shown]);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ProgramSummary | null>(null);

  const act = async (program: ProgramSummary, action: "copy" | "archive" | "unarchive") => {
    setBusy(`${action}:${program.id}`);
    setError(null);
    try {
      if (action === "copy") {
        const copy = await trainingApi.programs.copy(program.id);
        navigate(trainingPaths.program(copy.id), { state: { status: `Copied “${program.name}”. You’re editing the copy.` } });
        return;
      }
      await (action === "archive" ? trainingApi.programs.archive(program.id) : trainingApi.programs.unarchive(program.id));
      programs.setData((list) => list?.filter((item) => item.id !== program.id));
      setStatus(action === "archive" ? `Archived “${program.name}”.` : `Restored “${program.name}”.`);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="stack-lg">
      <PageHeader
        title="Programs"
        description="Plans of training days: the exercises, their order, supersets and targets."
        actions={
          <Link className="button button--primary" to={trainingPaths.newProgram}>
            New program
          </Link>
        }
      />
      <div className="segmented" role="group" aria-label="Which programs">
        <Button variant={shown === "false" ? "primary" : "secondary"} aria-pressed={shown === "false"} onClick={() => setShown("false")}>
          Active
        </Button>
        <Button variant={shown === "true" ? "primary" : "secondary"} aria-pressed={shown === "true"} onClick={() => setShown("true")}>
          Archived
        </Button>
      </div>
      <StatusMessage tone="success">{status}</StatusMessage>
      <ErrorMessage error={error} />
      {programs.loading && !programs.data ? (
        <Loading label="Loading programs…" />
      ) : programs.error ? (
        <ErrorMessage error={programs.error} onRetry={programs.reload} />
      ) : programs.data && programs.data.length > 0 ? (
        <ul className="list" aria-label={shown === "false" ? "Your programs" : "Archived programs"}>
          {programs.data.map((program) => (
            <li key={program.id} className="list__item">
              <div className="list__main">
                <h3 className="list__title">
                  <Link to={trainingPaths.program(program.id)}>{program.name}</Link>
                </h3>
                <p className="list__meta">
                  <span>
                    {program.dayCount} day{program.dayCount === 1 ? "" : "s"}
                  </span>
                  <span>
                    Changed <RelativeTime value={program.updatedAt} />
                  </span>
                </p>
              </div>
              <div className="list__actions">
                <Button variant="quiet" onClick={() => void act(program, "copy")} busy={busy === `copy:${program.id}`} aria-label={`Copy ${program.name}`}>
                  Copy
                </Button>
                {program.archived ? (
                  <Button
                    variant="quiet"
                    onClick={() => void act(program, "unarchive")}
                    busy={busy === `unarchive:${program.id}`}
                    aria-label={`Restore ${program.name}`}
                  >
                    Restore
                  </Button>
                ) : (
                  <Button
                    variant="quiet"
                    onClick={() => void act(program, "archive")}
                    busy={busy === `archive:${program.id}`}
                    aria-label={`Archive ${program.name}`}
                  >
                    Archive
                  </Button>
                )}
                <Button variant="quiet" className="danger-text" onClick={() => setDeleting(program)} aria-label={`Delete ${program.name}`}>
                  Delete
                </Button>
              </div>
            </li>
          ))}
        </ul>
      ) : shown === "false" ? (
        <EmptyState title="No programs yet">
          <p>A program lists the days you train and what each day holds. You can also log workouts without one.</p>
          <Link className="button button--primary" to={trainingPaths.newProgram}>
            Create a program
          </Link>
        </EmptyState>
      ) : (
        <EmptyState title="Nothing archived">
          <p>Programs you archive are kept here, out of the way.</p>
        </EmptyState>
      )}
      <ConfirmDeleteDialog
        open={deleting !== null}
        name={deleting?.name ?? ""}
        confirmLabel="Delete program"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await trainingApi.programs.remove(deleting.id);
          programs.setData((list) => list?.filter((item) => item.id !== deleting.id));
          setStatus(`Deleted “${deleting.name}”.`);
        }}
      >
        <p>Workouts you started from it stay in your history. Archive it instead to keep it for later.</p>
      </ConfirmDeleteDialog>
    </div>
  );
}
