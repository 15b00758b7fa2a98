import { useState, type FormEvent } from "react";
import type { Passkey } from "../../api/types";
import { createPasskey } from "../../auth/passkeyCeremonies";
import { useWithReauth } from "../../auth/reauth/ReauthProvider";
import { ceremonyErrorMessage, isCeremonyCancelled, webauthn } from "../../auth/webauthn";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { Section } from "../../ui/Page";

export const PASSKEY_NAME_MAX = 64;

export function AddPasskeyForm({ onAdded }: { onAdded: (passkey: Passkey) => void }) {
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const withReauth = useWithReauth();

  if (!webauthn.isSupported()) {
    return (
      <Section title="Add a passkey">
        <p>This browser doesn’t support passkeys. Open FitFolio in a recent browser to add one.</p>
      </Section>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      // A new way in needs a recent sign-in: a stale one is confirmed first, then the passkey is made.
      onAdded(await withReauth(() => createPasskey(name)));
      setName("");
    } catch (caught) {
      if (isCeremonyCancelled(caught)) setStatus("No passkey was added.");
      else setError(ceremonyErrorMessage(caught, "create"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title="Add a passkey" description="Your device will ask for your fingerprint, face or screen lock.">
      <form className="inline-form" onSubmit={submit} aria-label="Add a passkey">
        <TextField
          label="Name (optional)"
          placeholder="e.g. Work laptop"
          value={name}
          maxLength={PASSKEY_NAME_MAX}
          onChange={(event) => setName(event.target.value)}
        />
        <Button type="submit" variant="primary" busy={busy} busyLabel="Waiting for your device…">
          Add a passkey
        </Button>
      </form>
      <StatusMessage>{status}</StatusMessage>
      <ErrorMessage error={error} />
    </Section>
  );
}
