import { useState, type FormEvent } from "react";
import { api } from "../api/fitfolio";
import { Button } from "../ui/Button";
import { ErrorMessage } from "../ui/Messages";
import { looksLikeEmail } from "./email";
import { EmailField } from "./EmailField";

interface EmailSignInFormProps {
  /** Runs before the request, e.g. to end a pending passkey autofill. */
  onSubmitStart?: () => void;
  onSent: (email: string) => void;
}

export function EmailSignInForm({ onSubmitStart, onSent }: EmailSignInFormProps) {
  const [email, setEmail] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    setError(null);
    if (!address) return setFieldError("Enter your email address.");
    if (!looksLikeEmail(address)) return setFieldError("Enter an email address like name@example.com.");
    setFieldError(null);
    onSubmitStart?.();
    setBusy(true);
    try {
      await api.auth.startMagicLink(address);
      onSent(address);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Sign in with email">
      <EmailField label="Email address" autoComplete="username webauthn" value={email} onChange={setEmail} error={fieldError} required />
      <ErrorMessage error={error} />
      <Button type="submit" variant="primary" className="button--block" busy={busy} busyLabel="Sending link…">
        Email me a sign-in link
      </Button>
    </form>
  );
}
