import { startTransition, useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { describeWait, isApiError } from "../api/errors";
import { api } from "../api/fitfolio";
import { Button } from "../ui/Button";
import { TextField } from "../ui/Field";
import { ErrorMessage } from "../ui/Messages";
import { PageHeader } from "../ui/Page";
import { looksLikeEmail } from "./email";
import { EmailField } from "./EmailField";
import { safeNextPath, withNext } from "./nextPath";
import { useSession } from "./session";

/** What the passkey page is told after a recovery-code sign-in. */
export interface RecoveredState {
  recoveryCodesRemaining: number;
}

/** "Use a recovery code": the way back into a passkey-only account whose passkeys are lost. */
export function RecoveryCodePage() {
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"));
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const [fieldError, setFieldError] = useState<{ email?: string; code?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const address = email.trim();
    const problems = {
      email: looksLikeEmail(address) ? undefined : "Enter the email address of your account.",
      code: code.replace(/[\s-]/g, "").length === 16 ? undefined : "A recovery code has 16 letters and digits, like 7K3M-Q9TZ-0R4W-HX2B.",
    };
    setFieldError(problems);
    if (problems.email || problems.code) return;
    setBusy(true);
    try {
      const { user, recoveryCodesRemaining } = await api.recovery.verify(address, code);
      const state: RecoveredState = { recoveryCodesRemaining };
      // A way back is spent: go straight to adding a new passkey.
      startTransition(() => {
        signedIn(user);
        void navigate(withNext("/welcome/passkey", next), { replace: true, state });
      });
    } catch (caught) {
      setBusy(false);
      setError(recoveryErrorMessage(caught));
    }
  };

  return (
    <div className="page page--auth">
      <div className="auth-card stack">
        <PageHeader
          title="Use a recovery code"
          description="Lost your passkeys? One of the recovery codes you saved signs you in once. Every other session ends, and we email you."
        />
        <form className="stack" onSubmit={submit} noValidate aria-label="Sign in with a recovery code">
          <EmailField label="Email address" autoComplete="username" value={email} onChange={setEmail} error={fieldError.email ?? null} />
          <TextField
            label="Recovery code"
            name="recovery-code"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            value={code}
            onChange={(event) => setCode(event.target.value)}
            error={fieldError.code ?? null}
          />
          <ErrorMessage error={error} />
          <Button type="submit" variant="primary" busy={busy} busyLabel="Checking code…">
            Sign in with recovery code
          </Button>
        </form>
        <p className="small">
          <Link to={withNext("/signin", next)}>Back to sign-in</Link>
        </p>
      </div>
    </div>
  );
}

export function recoveryErrorMessage(error: unknown): string {
  if (isApiError(error, "invalid_recovery_code")) {
    return "That address and recovery code don’t sign in. Check the code (each works once), or try another.";
  }
  if (isApiError(error) && error.status === 429) {
    const wait = error.retryAfterSeconds === null ? "later" : `in ${describeWait(error.retryAfterSeconds)}`;
    return `Too many wrong codes, so recovery is paused for this address. Try again ${wait}.`;
  }
  return isApiError(error) ? error.message : "Something went wrong. Please try again.";
}
