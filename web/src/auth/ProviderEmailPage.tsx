import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { isApiError } from "../api/errors";
import { api } from "../api/fitfolio";
import { Button } from "../ui/Button";
import { ErrorMessage, StatusMessage } from "../ui/Messages";
import { PageHeader } from "../ui/Page";
import { looksLikeEmail } from "./email";
import { EmailField } from "./EmailField";

/**
 * Where a provider sign-in lands when the provider vouched for no address (`/signin/provider-email?provider=…`): the identity waits on the
 * server for this browser, and the person proves an address by the link we mail to it. The answer is the same for every address.
 */
export function ProviderEmailPage() {
  const [params] = useSearchParams();
  const provider = params.get("provider") ?? "the provider";
  const [email, setEmail] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    setError(null);
    if (!looksLikeEmail(address)) return setFieldError("Enter an email address like name@example.com.");
    setFieldError(null);
    setBusy(true);
    try {
      await api.auth.sendProviderEmailLink(address);
      setSentTo(address);
    } catch (caught) {
      setError(isApiError(caught, "invalid_or_expired") ? "This sign-in has expired. Start again with the provider from the sign-in page." : caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page page--auth">
      <div className="auth-card stack">
        <PageHeader
          title="Which email address is yours?"
          description={`${provider} didn’t confirm an email address for you. We’ll email you a link to finish signing in.`}
        />
        {sentTo ? (
          <StatusMessage tone="success">We sent a link to {sentTo}. Open it in this browser to finish signing in.</StatusMessage>
        ) : (
          <form className="stack" onSubmit={submit} noValidate aria-label="Confirm your email address">
            <EmailField label="Email address" autoComplete="email" value={email} onChange={setEmail} error={fieldError} required />
            <ErrorMessage error={error} />
            <Button type="submit" variant="primary" className="button--block" busy={busy} busyLabel="Sending link…">
              Email me a link
            </Button>
          </form>
        )}
        <Link to="/signin">Back to sign-in</Link>
      </div>
    </div>
  );
}
