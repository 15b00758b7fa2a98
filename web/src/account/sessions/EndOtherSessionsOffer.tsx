import { useId, useState } from "react";
import { api } from "../../api/fitfolio";
import { Button } from "../../ui/Button";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { useResource } from "../../ui/useResource";

/** "Signed out 2 other sessions." */
export function signedOutOthersMessage(count: number): string {
  return count === 1 ? "Signed out 1 other session." : `Signed out ${count} other sessions.`;
}

/**
 * Shown after a change a thief holding a copy of the session would also make (a new passkey, a new
 * address): offers to end every other session (ASVS 5.0 §7.4.3). Nothing shows while this is the
 * only session.
 */
export function EndOtherSessionsOffer({ because }: { because: string }) {
  const others = useResource((signal) => api.sessions.list({ signal }).then((page) => page.items.filter((item) => !item.current).length), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [ended, setEnded] = useState<number | null>(null);
  const titleId = useId();
  const count = others.data ?? 0;

  const endOthers = async () => {
    setBusy(true);
    setError(null);
    try {
      const { revoked } = await api.sessions.revokeAllOthers();
      setEnded(revoked);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <StatusMessage tone="success">{ended !== null && signedOutOthersMessage(ended)}</StatusMessage>
      {ended === null && count > 0 && (
        <section className="notice notice--warning stack" aria-labelledby={titleId}>
          <h2 className="card__title" id={titleId}>
            Sign out your other sessions?
          </h2>
          <p>
            {because} You have {count === 1 ? "1 other session" : `${count} other sessions`} open. If you don’t recognise every one, sign them out: they will
            need to sign in again.
          </p>
          <ErrorMessage error={error} />
          <div>
            <Button variant="danger" onClick={endOthers} busy={busy} busyLabel="Signing out…">
              {count === 1 ? "Sign out 1 other session" : `Sign out ${count} other sessions`}
            </Button>
          </div>
        </section>
      )}
    </>
  );
}
