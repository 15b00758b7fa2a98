import { useId, useState } from "react";
import { Link } from "react-router";
import { isApiError } from "../../api/errors";
import { api } from "../../api/fitfolio";
import { useWithReauth } from "../../auth/reauth/ReauthProvider";
import { useSession, useUser } from "../../auth/session";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { RecoveryCodesNotice } from "../recovery/RecoveryCodesNotice";

/** Turning email links off leaves passkeys as the only way in, so the server demands at least two. */
export const PASSKEYS_NEEDED_TO_DISABLE_EMAIL = 2;

export function EmailSignInToggle() {
  const user = useUser();
  const { updateUser } = useSession();
  const withReauth = useWithReauth();
  const hintId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  const enabled = user.emailSignInEnabled;
  const blocked = enabled && user.passkeyCount < PASSKEYS_NEEDED_TO_DISABLE_EMAIL;

  const toggle = async () => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const { recoveryCodes: issued, ...updated } = await withReauth(() => api.auth.setEmailSignIn(!enabled));
      updateUser(updated);
      setRecoveryCodes(issued);
      setStatus(updated.emailSignInEnabled ? "Email sign-in links are on." : "Email sign-in links are off. Use your passkeys to sign in.");
    } catch (caught) {
      setError(isApiError(caught, "needs_two_passkeys") ? "Add a second passkey first, so losing one device can’t lock you out." : caught);
    } finally {
      setBusy(false);
    }
  };

  if (recoveryCodes) return <RecoveryCodesNotice codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />;

  return (
    <div className="stack">
      <label className="switch">
        <input type="checkbox" role="switch" checked={enabled} disabled={busy || blocked} onChange={toggle} aria-describedby={hintId} />
        <span className="switch__track" aria-hidden="true" />
        <span>Allow signing in with email links</span>
      </label>
      <p id={hintId} className="muted">
        {blocked ? (
          <>
            To turn this off you need at least {PASSKEYS_NEEDED_TO_DISABLE_EMAIL} passkeys; you have {user.passkeyCount}.{" "}
            <Link to="/account/passkeys">Add a passkey</Link>
          </>
        ) : enabled ? (
          "Anyone with access to your inbox can sign in. Turn this off to rely on passkeys alone."
        ) : (
          "Only your passkeys can sign you in. We still email you about important account changes."
        )}
      </p>
      <StatusMessage tone="success">{status}</StatusMessage>
      <ErrorMessage error={error} />
    </div>
  );
}
