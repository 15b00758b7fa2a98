import { useState } from "react";
import type { User } from "../api/types";
import { Button } from "../ui/Button";
import { ErrorMessage, StatusMessage } from "../ui/Messages";
import { signInWithPasskey } from "./passkeyCeremonies";
import { ceremonyErrorMessage, isCeremonyCancelled, webauthn } from "./webauthn";

interface PasskeySignInButtonProps {
  onStart: () => void;
  onSignedIn: (user: User) => void;
  onGiveUp: () => void;
}

export function PasskeySignInButton({ onStart, onSignedIn, onGiveUp }: PasskeySignInButtonProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  if (!webauthn.isSupported()) {
    return <p className="muted">This browser doesn’t support passkeys. Use the email link instead.</p>;
  }

  const signIn = async () => {
    onStart();
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      onSignedIn(await signInWithPasskey());
    } catch (caught) {
      setBusy(false);
      if (isCeremonyCancelled(caught)) setStatus("Passkey sign-in was cancelled.");
      else setError(ceremonyErrorMessage(caught, "use"));
      onGiveUp();
    }
  };

  return (
    <div className="stack">
      <Button className="button--block" onClick={signIn} busy={busy} busyLabel="Waiting for your passkey…">
        <span className="passkey-icon" aria-hidden="true" />
        Sign in with a passkey
      </Button>
      <StatusMessage>{status}</StatusMessage>
      <ErrorMessage error={error} />
    </div>
  );
}
