import { Link } from "react-router";
import { isApiError } from "../api/errors";
import { api } from "../api/fitfolio";
import { ErrorMessage } from "../ui/Messages";
import { PageHeader } from "../ui/Page";
import { useSignInLinkButton } from "./useSignInLinkButton";

const ERRORS: Record<string, string> = {
  invalid_or_expired: "This link has expired, was already used, or was opened in another browser than the one you signed in with.",
  account_exists: "This address belongs to an account now. Sign in to it and link the provider from your account page.",
};

/**
 * Landing page of the link that proves an address for a provider sign-in (`/auth/provider-email#token=…`). The token is spent by the
 * button, never on load, so a mail scanner opening the link does nothing.
 */
export function ProviderEmailLinkPage() {
  const { token, error, busy, confirm } = useSignInLinkButton(api.auth.confirmProviderEmail, (caught) => {
    const code = Object.keys(ERRORS).find((known) => isApiError(caught, known));
    return code ? ERRORS[code]! : "Signing in didn’t work. Try again in a moment.";
  });

  return (
    <div className="page page--auth">
      <div className="auth-card stack">
        <PageHeader title="Finish signing in" description="You proved this address. Continue to sign in with your provider." />
        <ErrorMessage error={error} />
        {token && !error ? (
          <button type="button" className="button button--primary" onClick={confirm} disabled={busy}>
            Finish signing in
          </button>
        ) : null}
        <Link to="/signin">Back to sign-in</Link>
      </div>
    </div>
  );
}
