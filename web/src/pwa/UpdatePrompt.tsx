import { useRegisterSW } from "virtual:pwa-register/react";
import { Button } from "../ui/Button";

/**
 * Registers the service worker and, when a new version of the app has been deployed and
 * downloaded, asks before switching: reloading by itself could interrupt someone logging a set.
 */
export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  if (!needRefresh) return null;
  return (
    <aside className="notice update-prompt floating-bar" aria-label="App update" role="status">
      <p>A new version of FitFolio is ready.</p>
      <div className="button-row">
        <Button variant="primary" onClick={() => void updateServiceWorker(true)}>
          Reload to update
        </Button>
        <Button variant="quiet" onClick={() => setNeedRefresh(false)}>
          Later
        </Button>
      </div>
    </aside>
  );
}
