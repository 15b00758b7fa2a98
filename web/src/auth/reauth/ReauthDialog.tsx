import { startTransition, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { api } from "../../api/fitfolio";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { ErrorMessage } from "../../ui/Messages";
import { signInPath } from "../nextPath";
import { useSession } from "../session";
import { confirmWithPasskey } from "../passkeyCeremonies";
import { ceremonyErrorMessage } from "../webauthn";

export function ReauthDialog({ open, onDone }: { open: boolean; onDone: (confirmed: boolean) => void }) {
  const { user } = useSession();
  const hasPasskey = (user?.passkeyCount ?? 0) > 0;
  return (
    <Dialog open={open} title="Confirm it’s you" onClose={() => onDone(false)}>
      {hasPasskey ? <PasskeyConfirmation onDone={onDone} /> : <FreshSignInNeeded onCancel={() => onDone(false)} />}
    </Dialog>
  );
}

function PasskeyConfirmation({ onDone }: { onDone: (confirmed: boolean) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await confirmWithPasskey();
      setBusy(false);
      onDone(true);
    } catch (caught) {
      setBusy(false);
      setError(ceremonyErrorMessage(caught, "use"));
    }
  };

  return (
    <>
      <p className="dialog__body">This is a sensitive change. Use one of your passkeys to confirm it’s really you.</p>
      <ErrorMessage error={error} />
      <div className="dialog__actions">
        <Button onClick={() => onDone(false)} disabled={busy}>
          Cancel
        </Button>
        <Button variant="primary" onClick={confirm} busy={busy} busyLabel="Waiting for your passkey…">
          Confirm with a passkey
        </Button>
      </div>
    </>
  );
}

function FreshSignInNeeded({ onCancel }: { onCancel: () => void }) {
  const { signedOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const signInAgain = async () => {
    setBusy(true);
    try {
      await api.auth.logout();
    } catch (caught) {
      setBusy(false);
      setError(caught);
      return;
    }
    onCancel();
    startTransition(() => {
      signedOut("signed_out");
      void navigate(signInPath(`${location.pathname}${location.search}`), { replace: true });
    });
  };

  return (
    <>
      <p className="dialog__body">
        This is a sensitive change and your sign-in isn’t recent enough. Sign in again with an email link, then come back and retry.
      </p>
      <ErrorMessage error={error} />
      <div className="dialog__actions">
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button variant="primary" onClick={signInAgain} busy={busy} busyLabel="Signing out…">
          Sign in again
        </Button>
      </div>
    </>
  );
}
