import { useState, type FormEvent } from "react";
import { api } from "../../api/fitfolio";
import { looksLikeEmail } from "../../auth/email";
import { EmailField } from "../../auth/EmailField";
import { useWithReauth } from "../../auth/reauth/ReauthProvider";
import { Button } from "../../ui/Button";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";

export function ChangeEmailForm({ currentEmail }: { currentEmail: string }) {
  const [newEmail, setNewEmail] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const withReauth = useWithReauth();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const address = newEmail.trim();
    setError(null);
    setSentTo(null);
    if (!looksLikeEmail(address)) return setFieldError("Enter an email address like name@example.com.");
    if (address.toLowerCase() === currentEmail.toLowerCase()) return setFieldError("That’s already your address.");
    setFieldError(null);
    setBusy(true);
    try {
      await withReauth(() => api.account.changeEmail(address));
      setSentTo(address);
      setNewEmail("");
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Change email address">
      <EmailField label="New email address" autoComplete="email" value={newEmail} onChange={setNewEmail} error={fieldError} />
      <ErrorMessage error={error} />
      <StatusMessage tone="success">
        {sentTo && (
          <>
            We sent a confirmation link to <strong className="break">{sentTo}</strong>. Your address changes when you open it; until then, keep using{" "}
            {currentEmail}.
          </>
        )}
      </StatusMessage>
      <div>
        <Button type="submit" busy={busy} busyLabel="Sending…">
          Change email
        </Button>
      </div>
    </form>
  );
}
