import { useCallback, useEffect } from "react";
import { Link, useLocation, useSearchParams } from "react-router";
import type { User } from "../api/types";
import { PageHeader, Section } from "../ui/Page";
import { useCompleteSignIn } from "./afterSignIn";
import { CodeEntryForm } from "./CodeEntryForm";
import { safeNextPath, withNext } from "./nextPath";
import { readPendingSignIn } from "./pendingSignIn";
import { ResendLink } from "./ResendLink";
import { onSignInElsewhere } from "./signInBroadcast";

function emailFromState(state: unknown): string | null {
  if (typeof state !== "object" || state === null) return null;
  const email = (state as { email?: unknown }).email;
  return typeof email === "string" ? email : null;
}

export function CheckEmailPage() {
  const location = useLocation();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"));
  const email = emailFromState(location.state) ?? readPendingSignIn()?.email ?? null;
  const completeSignIn = useCompleteSignIn();
  const onSignedIn = useCallback((user: User) => completeSignIn(user, "email"), [completeSignIn]);
  // The emailed link opened in another tab signed in there; that tab makes the passkey offer, this one goes on.
  useEffect(() => onSignInElsewhere((user) => completeSignIn(user, "elsewhere")), [completeSignIn]);

  if (!email) {
    return (
      <div className="page page--auth">
        <div className="auth-card">
          <PageHeader title="Check your email" description="We don’t know which address to wait for on this tab." />
          <Link className="button button--primary" to={withNext("/signin", next)}>
            Start signing in
          </Link>
        </div>
      </div>
    );
  }

  return (
    <div className="page page--auth">
      <div className="auth-card stack-lg">
        <PageHeader
          title="Check your email"
          description={
            <>
              We sent a sign-in link to <strong className="break">{email}</strong>. Open it on this device to sign in. The link works once and expires soon.
            </>
          }
        />
        <Section title="Reading email on another device?" description="Type the 8-digit code from the email to sign in here.">
          <CodeEntryForm email={email} onSignedIn={onSignedIn} />
        </Section>
        <Section title="No email?" description="It can take a minute. Check your spam folder, then ask for another.">
          <ResendLink email={email} />
        </Section>
        <p>
          <Link to={withNext("/signin", next)}>Use a different email address</Link>
        </p>
      </div>
    </div>
  );
}
