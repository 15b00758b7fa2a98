import { useState } from "react";
import { isApiError } from "../api/errors";
import { api } from "../api/fitfolio";
import { Button } from "../ui/Button";
import { ErrorMessage, StatusMessage } from "../ui/Messages";
import { useCountdown } from "./useCountdown";

/** Seconds before another email may be asked for; the server's rate limit has the last word. */
export const RESEND_COOLDOWN_SECONDS = 30;

export function ResendLink({ email }: { email: string }) {
  const { secondsLeft, restart } = useCountdown(RESEND_COOLDOWN_SECONDS);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const resend = async () => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      await api.auth.startMagicLink(email);
      setStatus(`We sent a new link and code to ${email}. Use the newest email.`);
      restart(RESEND_COOLDOWN_SECONDS);
    } catch (caught) {
      setError(caught);
      if (isApiError(caught) && caught.retryAfterSeconds !== null) restart(caught.retryAfterSeconds);
    } finally {
      setBusy(false);
    }
  };

  const waiting = secondsLeft > 0;
  return (
    <div className="stack">
      <Button onClick={resend} disabled={waiting} busy={busy} busyLabel="Sending…">
        {waiting ? `Resend email (in ${secondsLeft}s)` : "Resend email"}
      </Button>
      <StatusMessage tone="success">{status}</StatusMessage>
      <ErrorMessage error={error} />
    </div>
  );
}
