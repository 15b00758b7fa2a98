import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { isApiError } from "../api/errors";
import { api } from "../api/fitfolio";
import { Loading } from "../ui/Spinner";
import { ErrorMessage } from "../ui/Messages";
import { PageHeader } from "../ui/Page";
import { useCompleteSignIn } from "./afterSignIn";
import { verifyErrorMessage } from "./CodeEntryForm";
import { readPendingSignIn } from "./pendingSignIn";
import { announceSignIn } from "./signInBroadcast";
import { useFragmentToken } from "./useFragmentToken";

/** Landing page of the emailed link `/auth/link#token=…`: spends the fragment's token once. */
export function MagicLinkPage() {
  const completeSignIn = useCompleteSignIn();
  const token = useFragmentToken();
  const [error, setError] = useState<string | null>(token ? null : "This sign-in link is incomplete.");
  const started = useRef(false);

  useEffect(() => {
    // A link works once; never spend it twice (React StrictMode runs effects twice in development).
    if (!token || started.current) return;
    started.current = true;
    api.auth.verifyMagicLink(token).then(
      ({ user }) => {
        // Read before completeSignIn clears it: the tab that asked for the link moves to the same place.
        const next = readPendingSignIn()?.next;
        announceSignIn(user);
        completeSignIn(user, "email", next);
      },
      (caught: unknown) =>
        setError(
          isApiError(caught, "invalid_or_expired")
            ? "This link has expired or has already been used. Links work once, for a short time."
            : verifyErrorMessage(caught),
        ),
    );
  }, [token, completeSignIn]);

  if (!error) {
    return (
      <div className="page page--auth">
        <div className="auth-card">
          <PageHeader title="Signing you in" />
          <Loading label="Checking your sign-in link…" />
        </div>
      </div>
    );
  }

  return (
    <div className="page page--auth">
      <div className="auth-card stack">
        <PageHeader title="That link didn’t work" />
        <ErrorMessage error={error} />
        <p>Ask for a fresh link and use the newest email. If you opened the link on another device, use the code instead.</p>
        <Link className="button button--primary" to="/signin">
          Get a new sign-in link
        </Link>
      </div>
    </div>
  );
}
