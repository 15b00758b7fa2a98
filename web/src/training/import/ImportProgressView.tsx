import type { ImportProgress } from "../../api/trainingTypes";

/** Words for where an import is: the numbers the server sent, and what it is doing now. */
export function describeImportProgress(progress: ImportProgress): string {
  const workouts = `${progress.workoutsDone} of ${progress.workoutsTotal} workout${progress.workoutsTotal === 1 ? "" : "s"}`;
  const sets = `${progress.setsWritten} set${progress.setsWritten === 1 ? "" : "s"} written`;
  if (progress.status === "finished") return `Import finished: ${workouts}, ${sets}.`;
  if (progress.workoutsDone >= progress.workoutsTotal) return `${progress.percent}%: ${workouts}, ${sets}; updating your records…`;
  return `${progress.percent}%: ${progress.rowsRead} rows read, ${workouts}, ${sets}.`;
}

/**
 * The server's progress of an import as a bar with its numbers. The bar (a native progressbar) carries the value for assistive
 * technology; the sentence beside it is a polite live region, so a screen reader hears the numbers without being interrupted.
 */
export function ImportProgressView({ progress }: { progress: ImportProgress }) {
  const text = describeImportProgress(progress);
  return (
    <div className="upload-progress">
      <progress
        max={100}
        value={progress.percent}
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent}
        aria-valuetext={text}
      />
      <span role="status" aria-live="polite">
        {text}
      </span>
    </div>
  );
}
