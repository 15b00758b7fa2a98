import { useState } from "react";
import { api } from "../../api/fitfolio";
import type { Session } from "../../api/types";
import { Button } from "../../ui/Button";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { PageHeader } from "../../ui/Page";
import { Loading } from "../../ui/Spinner";
import { useResource } from "../../ui/useResource";
import { signedOutOthersMessage } from "./EndOtherSessionsOffer";
import { SessionRow } from "./SessionRow";

export function SessionsPage() {
  const sessions = useResource((signal) => api.sessions.list({ signal }).then((page) => page.items), []);
  const [status, setStatus] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const others = sessions.data?.filter((session) => !session.current) ?? [];

  const revoked = (session: Session) => {
    sessions.setData((list) => list?.filter((item) => item.id !== session.id));
    setStatus(`Signed out ${session.device}.`);
  };

  const revokeAllOthers = async () => {
    const { revoked: count } = await api.sessions.revokeAllOthers();
    sessions.setData((list) => list?.filter((item) => item.current));
    setStatus(signedOutOthersMessage(count));
  };

  return (
    <div className="stack-lg">
      <PageHeader
        title="Sessions"
        description="Everywhere you’re signed in. If you don’t recognise one, sign it out."
        actions={
          others.length > 0 && (
            <Button variant="danger" onClick={() => setConfirming(true)}>
              Sign out all other sessions
            </Button>
          )
        }
      />
      <StatusMessage tone="success">{status}</StatusMessage>
      {sessions.loading && !sessions.data ? (
        <Loading label="Loading sessions…" />
      ) : sessions.error ? (
        <ErrorMessage error={sessions.error} onRetry={sessions.reload} />
      ) : (
        <ul className="list" aria-label="Your sessions">
          {sortCurrentFirst(sessions.data ?? []).map((session) => (
            <SessionRow key={session.id} session={session} onRevoked={revoked} />
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={confirming}
        title="Sign out all other sessions?"
        confirmLabel="Sign out others"
        busyLabel="Signing out…"
        danger
        onConfirm={revokeAllOthers}
        onClose={() => setConfirming(false)}
      >
        <p>Every other device and browser will need to sign in again. This one stays signed in.</p>
      </ConfirmDialog>
    </div>
  );
}

function sortCurrentFirst(sessions: Session[]): Session[] {
  return [...sessions].sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt));
}
