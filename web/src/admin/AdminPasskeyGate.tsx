import { useState, type ReactNode } from "react";
import { isApiError } from "../api/errors";
import { api } from "../api/fitfolio";
import { confirmWithPasskey, createPasskey } from "../auth/passkeyCeremonies";
import { useWithReauth } from "../auth/reauth/ReauthProvider";
import { useSession, useUser } from "../auth/session";
import { ceremonyErrorMessage, webauthn } from "../auth/webauthn";
import { Button } from "../ui/Button";
import { ErrorMessage, StatusMessage } from "../ui/Messages";
import { PageHeader } from "../ui/Page";
import { Loading } from "../ui/Spinner";
import { useResource } from "../ui/useResource";

/** What the server answers an admin whose session was not last proved with a passkey. */
export const ADMIN_PASSKEY_REQUIRED = "admin_passkey_required";

/**
 * Admin pages answer only a session whose most recent proof was a passkey. This asks the server
 * once (a harmless admin read) and, when it says so, has the admin add a passkey if they have none
 * and then confirm with it, before showing the admin pages.
 */
export function AdminPasskeyGate({ children }: { children: ReactNode }) {
  const probe = useResource(
    (signal) =>
      api.admin.auditEventTypes({ signal }).then(
        () => "proved" as const,
        (caught: unknown) => {
          // Any other failure is the admin page's own to show.
          if (isApiError(caught, ADMIN_PASSKEY_REQUIRED)) return "needs_passkey" as const;
          return "proved" as const;
        },
      ),
    [],
  );

  if (probe.loading && !probe.data) return <Loading label="Checking your admin session…" />;
  if (probe.data === "needs_passkey") return <ConfirmAdminWithPasskey onConfirmed={probe.reload} />;
  return <>{children}</>;
}

function ConfirmAdminWithPasskey({ onConfirmed }: { onConfirmed: () => void }) {
  const user = useUser();
  const { refresh } = useSession();
  const withReauth = useWithReauth();
  const [busy, setBusy] = useState<"add" | "confirm" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const hasPasskey = user.passkeyCount > 0;

  const add = async () => {
    setBusy("add");
    setError(null);
    try {
      await withReauth(() => createPasskey());
      await refresh();
      setStatus("Passkey added. Now confirm it’s you with it.");
    } catch (caught) {
      setError(ceremonyErrorMessage(caught, "create"));
    } finally {
      setBusy(null);
    }
  };

  const confirm = async () => {
    setBusy("confirm");
    setError(null);
    try {
      await confirmWithPasskey();
      onConfirmed();
    } catch (caught) {
      setError(ceremonyErrorMessage(caught, "use"));
      setBusy(null);
    }
  };

  return (
    <div className="page page--narrow stack">
      <PageHeader
        title="Confirm with a passkey"
        description="Admin pages need a session you confirmed with a passkey: an emailed link alone isn’t enough for an account that can lock others out."
      />
      <StatusMessage tone="success">{status}</StatusMessage>
      <ErrorMessage error={error} />
      {!webauthn.isSupported() ? (
        <p>This browser doesn’t support passkeys. Open FitFolio in a recent browser to use the admin pages.</p>
      ) : hasPasskey ? (
        <div>
          <Button variant="primary" onClick={confirm} busy={busy === "confirm"} busyLabel="Waiting for your passkey…">
            Confirm with a passkey
          </Button>
        </div>
      ) : (
        <>
          <p>You have no passkey yet. Add one on this device first; registering it isn’t a proof by itself, so you’ll confirm with it next.</p>
          <div>
            <Button variant="primary" onClick={add} busy={busy === "add"} busyLabel="Waiting for your device…">
              Add a passkey
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
