import { Button } from "../../../ui/Button";
import type { QueueState } from "../sync/writeQueue";

/** Says when sets are waiting to reach the server, and why; silent when all is saved. */
export function SyncStatus({ state, workoutId, onRetry }: { state: QueueState; workoutId: string; onRetry: () => void }) {
  const waiting = state.pending.filter((write) => write.workoutId === workoutId).length;
  const offline = state.lastFailure?.status === 0;
  return (
    <div role="status" className={waiting > 0 && state.lastFailure ? "notice notice--warning sync-status" : "visually-hidden"}>
      {waiting > 0 && state.lastFailure && (
        <>
          <p>
            {waiting} change{waiting === 1 ? "" : "s"} waiting to be saved.{" "}
            {offline
              ? "You seem to be offline; they’re kept on this device and sent when the connection is back."
              : "FitFolio didn’t answer; trying again shortly."}
          </p>
          <Button variant="quiet" onClick={onRetry}>
            Try now
          </Button>
        </>
      )}
    </div>
  );
}
