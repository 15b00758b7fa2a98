import { useCallback, useEffect, useState } from "react";

/** What the update prompt needs: whether a new version waits, and the two answers to it. */
export interface ServiceWorkerUpdate {
  waiting: boolean;
  /** Lets the waiting version take over, then reloads the page into it. */
  apply(): void;
  /** Keeps the running version until the next visit. */
  dismiss(): void;
}

/**
 * Registers the app's service worker (dist/sw.js, written by build/offline-shell.ts; production builds only) and
 * reports a new version once it is installed and waiting. A first install waits for nothing: there is no old
 * version to replace, and the worker controls the page from the next load.
 */
export function useServiceWorkerUpdate(): ServiceWorkerUpdate {
  const [worker, setWorker] = useState<ServiceWorker | null>(null);

  useEffect(() => {
    if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
    let stopped = false;
    const offer = (candidate: ServiceWorker | null) => {
      // Only a replacement: with no controller this is the first install.
      if (!stopped && candidate && navigator.serviceWorker.controller) setWorker(candidate);
    };
    navigator.serviceWorker
      .register("/sw.js", { scope: "/" })
      .then((registration) => {
        offer(registration.waiting);
        registration.addEventListener("updatefound", () => {
          const installing = registration.installing;
          installing?.addEventListener("statechange", () => {
            if (installing.state === "installed") offer(installing);
          });
        });
      })
      .catch((error: unknown) => console.warn("The service worker could not be registered; the app works online only.", error));
    return () => {
      stopped = true;
    };
  }, []);

  const apply = useCallback(() => {
    if (!worker) return;
    navigator.serviceWorker.addEventListener("controllerchange", () => window.location.reload(), { once: true });
    worker.postMessage({ type: "SKIP_WAITING" });
  }, [worker]);
  const dismiss = useCallback(() => setWorker(null), []);
  return { waiting: worker !== null, apply, dismiss };
}
