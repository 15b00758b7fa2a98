import { useState, type FormEvent } from "react";
import { describeWait, isApiError } from "../api/errors";
import { api } from "../api/fitfolio";
import type { User } from "../api/types";
import { Button } from "../ui/Button";
import { TextField } from "../ui/Field";
import { ErrorMessage } from "../ui/Messages";
import { codeProblem, normalizeCode } from "./code";

export function CodeEntryForm({ email, onSignedIn }: { email: string; onSignedIn: (user: User) => void }) {
  const [code, setCode] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const problem = codeProblem(code);
    setFieldError(problem);
    if (problem) return;
    setBusy(true);
    try {
      const { user } = await api.auth.verifyCode(email, normalizeCode(code));
      onSignedIn(user);
    } catch (caught) {
      setBusy(false);
      setError(verifyErrorMessage(caught));
    }
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Sign in with a code">
      <TextField
        label="8-digit code"
        hint="It’s in the same email as the link."
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={12}
        className="field--code"
        value={code}
        onChange={(event) => setCode(event.target.value)}
        error={fieldError}
      />
      <ErrorMessage error={error} />
      <Button type="submit" variant="primary" busy={busy} busyLabel="Checking code…">
        Sign in with code
      </Button>
    </form>
  );
}

export function verifyErrorMessage(error: unknown): string {
  if (isApiError(error, "invalid_or_expired")) {
    return "That code is wrong, already used, or expired. Check the latest email, or send a new one.";
  }
  if (isApiError(error, "locked")) {
    const wait = error.retryAfterSeconds === null ? "later" : `in ${describeWait(error.retryAfterSeconds)}`;
    return `Too many wrong attempts, so sign-in is paused for this account. Try again ${wait}.`;
  }
  return isApiError(error) ? error.message : "Something went wrong. Please try again.";
}
