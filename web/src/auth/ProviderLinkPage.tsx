import { Link } from "react-router";
import { isApiError } from "../api/errors";
import { api } from "../api/fitfolio";
import { ErrorMessage } from "../ui/Messages";
import { PageHeader } from "../ui/Page";
import { useSignInLinkButton } from "./useSignInLinkButton";

/**
 * Landing page of the link mailed to an account's owner when a provider claimed their address (`/auth/provider-link#token=…`).
 * Linking is the owner's decision, so the token is spent by the button, never on load.
 */
export function ProviderLinkPage() {
  const { token, error, busy, confirm } = useSignInLinkButton(api.auth.confirmProviderLink, (caught) =>
    isApiError(caught, "invalid_or_expired")
      ? "This link has expired or has already been used. Sign in with the provider again to get a new one."
      : "Linking didn’t work. Try again in a moment.",
  );

  return (
    <div className="page page--auth">
      <div className="auth-card stack">
        <PageHeader
          title="Link a sign-in provider?"
          description="Someone signed in with a provider that says your address is theirs. Link it only if that was you."
        />
        <ErrorMessage error={error} />
        {token && !error ? (
          <button type="button" className="button button--primary" onClick={confirm} disabled={busy}>
            Link it and sign in
          </button>
        ) : null}
        <Link to="/signin">Not me: back to sign-in</Link>
      </div>
    </div>
  );
}
