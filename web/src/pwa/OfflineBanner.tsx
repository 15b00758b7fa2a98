import { useSyncExternalStore } from "react";

function subscribe(listener: () => void): () => void {
  window.addEventListener("online", listener);
  window.addEventListener("offline", listener);
  return () => {
    window.removeEventListener("online", listener);
    window.removeEventListener("offline", listener);
  };
}

const isOnline = () => navigator.onLine;

/** Says when the device has no network: the app still opens and logs sets, which wait on this device. */
export function OfflineBanner() {
  const online = useSyncExternalStore(subscribe, isOnline, () => true);
  return (
    // A live region, not role="status": pages keep their own status lines, and this one must not be mistaken for them.
    <div aria-live="polite" data-testid="offline-banner" className={online ? "visually-hidden" : "notice notice--warning offline-banner"}>
      {!online && <p>You’re offline. FitFolio keeps working: sets you log are saved on this device and sent when you’re back online.</p>}
    </div>
  );
}
