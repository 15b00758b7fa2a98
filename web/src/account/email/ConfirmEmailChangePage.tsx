import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { isApiError } from "../../api/errors";
import { api } from "../../api/fitfolio";
import type { User } from "../../api/types";
import { useFragmentToken } from "../../auth/useFragmentToken";
import { useSession } from "../../auth/session";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { PageHeader } from "../../ui/Page";
import { Loading } from "../../ui/Spinner";

type State = { kind: "working" } | { kind: "done"; changed: User } | { kind: "failed"; message: string };

/**
 * Landing page of the link mailed to a new address, `/account/email/confirm#token=…`. It works
 * signed in or not (the link may be opened on another device); like the sign-in link, the
 * fragment's token is spent once.
 */
export function ConfirmEmailChangePage() {
  const { user, updateUser } = useSession();
  const signedIn = user !== null;
  const token = useFragmentToken();
  const [state, setState] = useState<State>(token ? { kind: "working" } : { kind: "failed", message: "This confirmation link is incomplete." });
  const started = useRef(false);

  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    api.account.confirmEmailChange(token).then(
      (changed) => setState({ kind: "done", changed }),
      (caught: unknown) =>
        setState({
          kind: "failed",
          message: isApiError(caught, "email_taken")
            ? "Another account uses that address now, so yours keeps its old one. Ask for the change again with a different address."
            : isApiError(caught, "invalid_or_expired")
              ? "This link has expired or has already been used. Ask for the change again from your account’s email page."
              : caught instanceof Error
                ? caught.message
                : "The address could not be confirmed.",
        }),
    );
  }, [token]);

  // Opened in the signed-in browser, the header must show the new address. "Who am I?" may answer
  // before or after the change (both start as the page loads), so fix up whatever it said, once
  // both are known. updateUser also makes any answer still on its way count as stale.
  const changed = state.kind === "done" ? state.changed : null;
  useEffect(() => {
    if (changed && user?.id === changed.id && user.email !== changed.email) {
      updateUser({ ...user, email: changed.email, emailVerified: changed.emailVerified });
    }
  }, [changed, user, updateUser]);

  return (
    <div className="page page--auth">
      <div className="auth-card stack">
        {state.kind === "working" && (
          <>
            <PageHeader title="Confirming your new address" />
            <Loading label="Checking your confirmation link…" />
          </>
        )}
        {state.kind === "done" && (
          <>
            <PageHeader title="Address changed" />
            <StatusMessage tone="success">
              Your account now uses <strong className="break">{state.changed.email}</strong>. We told your old address too.
            </StatusMessage>
            <Link className="button button--primary" to={signedIn ? "/account/email" : "/signin"}>
              {signedIn ? "Back to your account" : "Sign in"}
            </Link>
          </>
        )}
        {state.kind === "failed" && (
          <>
            <PageHeader title="That link didn’t work" />
            <ErrorMessage error={state.message} />
            <Link className="button button--primary" to={signedIn ? "/account/email" : "/signin"}>
              {signedIn ? "Back to your account" : "Sign in"}
            </Link>
          </>
        )}
      </div>
    </div>
  );
}
