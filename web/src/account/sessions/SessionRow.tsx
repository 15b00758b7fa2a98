import { useState } from "react";
import { api } from "../../api/fitfolio";
import type { Session } from "../../api/types";
import { Button } from "../../ui/Button";
import { ErrorMessage } from "../../ui/Messages";
import { DateTime, RelativeTime } from "../../ui/Time";

export function SessionRow({ session, onRevoked }: { session: Session; onRevoked: (session: Session) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const revoke = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.sessions.revoke(session.id);
      onRevoked(session);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <li className="list__item">
      <div className="list__main">
        <h3 className="list__title">
          {session.device || "Unknown device"}
          {session.current && <span className="badge badge--good">This device</span>}
        </h3>
        <p className="list__meta">
          <span>
            {session.current ? (
              "Active now"
            ) : (
              <>
                Last seen <RelativeTime value={session.lastSeenAt} />
              </>
            )}
          </span>
          {session.ip && <span>IP {session.ip}</span>}
          <span>
            Signed in <DateTime value={session.createdAt} />
          </span>
        </p>
        <ErrorMessage error={error} />
      </div>
      {!session.current && (
        <div className="list__actions">
          <Button
            variant="quiet"
            className="danger-text"
            onClick={revoke}
            busy={busy}
            busyLabel="Signing out…"
            aria-label={`Sign out ${session.device || "unknown device"}`}
          >
            Sign out
          </Button>
        </div>
      )}
    </li>
  );
}
