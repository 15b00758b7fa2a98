import { useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { isApiError } from "../../api/errors";
import { api } from "../../api/fitfolio";
import type { User } from "../../api/types";
import { signalCurrentUserDetails } from "../../auth/passkeySignals";
import { useFragmentToken } from "../../auth/useFragmentToken";
import { useSession } from "../../auth/session";
import { Button } from "../../ui/Button";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { PageHeader } from "../../ui/Page";
import { EndOtherSessionsOffer } from "../sessions/EndOtherSessionsOffer";

type State =
  | { kind: "asking"; token: string }
  | { kind: "working"; token: string }
  | { kind: "done"; changed: User; endedOthers: boolean }
  | { kind: "failed"; message: string };

/**
 * Landing page of the link mailed to a new address, `/account/email/confirm#token=…`. It works
 * signed in or not (the link may be opened on another device); like the sign-in link, the
 * fragment's token is spent once. Before spending it, the page asks whether to sign out every
 * other session with the change (ASVS 5.0 §7.4.3), which the server does in the same step.
 */
export function ConfirmEmailChangePage() {
  const { user, updateUser } = useSession();
  const signedIn = user !== null;
  const token = useFragmentToken();
  const [state, setState] = useState<State>(token ? { kind: "asking", token } : { kind: "failed", message: "This confirmation link is incomplete." });
  const [endOthers, setEndOthers] = useState(true);

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    if (state.kind !== "asking") return;
    setState({ kind: "working", token: state.token });
    api.account.confirmEmailChange(state.token, endOthers).then(
      (changed) => {
        setState({ kind: "done", changed, endedOthers: endOthers });
        // The password manager shows the address as the passkeys' name: tell it the new one (this account's only).
        if (user?.id === changed.id) void signalCurrentUserDetails();
      },
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
  };

  // Opened in the signed-in browser, the header must show the new address. "Who am I?" may answer
  // before or after the change, so fix up whatever it said, once both are known. updateUser also
  // makes any answer still on its way count as stale.
  const changed = state.kind === "done" ? state.changed : null;
  useEffect(() => {
    if (changed && user?.id === changed.id && user.email !== changed.email) {
      updateUser({ ...user, email: changed.email, emailVerified: changed.emailVerified });
    }
  }, [changed, user, updateUser]);

  const ownSession = signedIn && changed !== null && user.id === changed.id;
  return (
    <div className="page page--auth">
      <div className="auth-card stack">
        {(state.kind === "asking" || state.kind === "working") && (
          <>
            <PageHeader title="Confirm your new address" description="Your account will use the address this link was sent to." />
            <form className="stack" onSubmit={confirm} aria-label="Confirm your new address">
              <label className="check">
                <input type="checkbox" checked={endOthers} disabled={state.kind === "working"} onChange={(event) => setEndOthers(event.target.checked)} />
                <span>{signedIn ? "Also sign out every other session" : "Also sign out every session of this account"}</span>
              </label>
              <p className="muted">Do this unless you’re sure every device signed in to your account is yours.</p>
              <div>
                <Button type="submit" variant="primary" busy={state.kind === "working"} busyLabel="Confirming…">
                  Confirm new address
                </Button>
              </div>
            </form>
          </>
        )}
        {state.kind === "done" && (
          <>
            <PageHeader title="Address changed" />
            <StatusMessage tone="success">
              Your account now uses <strong className="break">{state.changed.email}</strong>. We told your old address too.
              {state.endedOthers && (ownSession ? " Every other session was signed out." : " Every session of the account was signed out.")}
            </StatusMessage>
            {ownSession && !state.endedOthers && <EndOtherSessionsOffer because="You changed your address." />}
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
