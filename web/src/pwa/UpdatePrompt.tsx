import { Button } from "../ui/Button";
import { useServiceWorkerUpdate } from "./useServiceWorkerUpdate";

/**
 * Registers the service worker and, when a new version of the app has been deployed and
 * downloaded, asks before switching: reloading by itself could interrupt someone logging a set.
 */
export function UpdatePrompt() {
  const update = useServiceWorkerUpdate();
  if (!update.waiting) return null;
  return (
    <aside className="notice update-prompt floating-bar" aria-label="App update" role="status">
      <p>A new version of FitFolio is ready.</p>
      <div className="button-row">
        <Button variant="primary" onClick={update.apply}>
          Reload to update
        </Button>
        <Button variant="quiet" onClick={update.dismiss}>
          Later
        </Button>
      </div>
    </aside>
  );
}
