import { useCallback, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { User } from "../api/types";
import { ErrorMessage, StatusMessage } from "../ui/Messages";
import { PageHeader } from "../ui/Page";
import { useCompleteSignIn } from "./afterSignIn";
import { EmailSignInForm } from "./EmailSignInForm";
import { safeNextPath, withNext } from "./nextPath";
import { PasskeySignInButton } from "./PasskeySignInButton";
import { externalSignInError, ProviderButtons } from "./ProviderButtons";
import { rememberPendingSignIn } from "./pendingSignIn";
import { useSession, type SignOutReason } from "./session";
import { usePasskeyAutofill } from "./usePasskeyAutofill";

const REASONS: Record<Exclude<SignOutReason, null>, string> = {
  signed_out: "You’re signed out. See you next session.",
  session_ended: "Your session has ended. Sign in again to pick up where you left off.",
  account_deleted: "Your account and its data have been deleted.",
};

export function SignInPage() {
  const { signOutReason } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"));
  const completeSignIn = useCompleteSignIn();
  const [autofillError, setAutofillError] = useState<string | null>(null);

  const onPasskeySignIn = useCallback((user: User) => completeSignIn(user, "passkey"), [completeSignIn]);
  const autofill = usePasskeyAutofill(onPasskeySignIn, setAutofillError);

  const onSent = (email: string) => {
    rememberPendingSignIn({ email, next });
    navigate(withNext("/signin/check-email", next), { state: { email } });
  };

  return (
    <div className="page page--auth">
      <div className="auth-card">
        <PageHeader title="Sign in to FitFolio" description="No passwords to remember: use a passkey, or we’ll email you a link." />
        <StatusMessage tone="success">{signOutReason ? REASONS[signOutReason] : null}</StatusMessage>
        <ErrorMessage error={autofillError ?? externalSignInError(params.get("external_error"))} />
        <EmailSignInForm onSubmitStart={autofill.stop} onSent={onSent} />
        <p className="divider">
          <span>or</span>
        </p>
        <PasskeySignInButton onStart={autofill.stop} onSignedIn={onPasskeySignIn} onGiveUp={autofill.restart} />
        <ProviderButtons />
        <p className="muted small">New to FitFolio? Enter your email above: the link sets up your account.</p>
        <p className="small">
          <Link to={withNext("/signin/recovery", next)}>Lost your passkeys? Use a recovery code</Link>
        </p>
      </div>
    </div>
  );
}
