import { useState } from "react";
import { useLocation, useNavigate, useSearchParams } from "react-router";
import { EndOtherSessionsOffer } from "../account/sessions/EndOtherSessionsOffer";
import { api } from "../api/fitfolio";
import { Button } from "../ui/Button";
import { ErrorMessage, StatusMessage } from "../ui/Messages";
import { PageHeader } from "../ui/Page";
import { dismissPasskeyOffer } from "./afterSignIn";
import type { RecoveredState } from "./RecoveryCodePage";
import { safeNextPath } from "./nextPath";
import { createPasskey } from "./passkeyCeremonies";
import { useWithReauth } from "./reauth/ReauthProvider";
import { useSession, useUser } from "./session";
import { ceremonyErrorMessage, isCeremonyCancelled, webauthn } from "./webauthn";

const PASSKEY_PITCH =
  "A passkey lets you sign in with your fingerprint, face or screen lock — no email round-trip. It stays on your device and can’t be phished.";

export function WelcomePasskeyPage() {
  const user = useUser();
  const { updateUser } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [created, setCreated] = useState(false);
  const withReauth = useWithReauth();
  const recovered = (useLocation().state as RecoveredState | null)?.recoveryCodesRemaining;

  const create = async () => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      // Right after signing in the sign-in is recent; someone who lingered here is asked to confirm first.
      await withReauth(() => createPasskey());
      setCreated(true);
      setStatus("Passkey created. Next time, sign in with it in a second.");
      const me = await api.auth.me().catch(() => null);
      updateUser(me ?? { ...user, passkeyCount: user.passkeyCount + 1 });
    } catch (caught) {
      if (isCeremonyCancelled(caught)) setStatus("No passkey was created. You can try again or skip for now.");
      else setError(ceremonyErrorMessage(caught, "create"));
    } finally {
      setBusy(false);
    }
  };

  const skip = () => {
    dismissPasskeyOffer(user.id);
    navigate(next, { replace: true });
  };

  return (
    <div className="page page--auth">
      <div className="auth-card stack">
        <PageHeader
          title={created ? "You’re all set" : recovered === undefined ? "Sign in faster next time" : "Add a new passkey"}
          description={
            recovered === undefined
              ? PASSKEY_PITCH
              : `You signed in with a recovery code (${recovered} left) and every other session was ended. ` +
                "Add a passkey on this device so you can sign in next time."
          }
        />
        <StatusMessage tone="success">{status}</StatusMessage>
        <ErrorMessage error={error} />
        {created && <EndOtherSessionsOffer because="You created a passkey." />}
        {created ? (
          <Button variant="primary" onClick={() => navigate(next, { replace: true })}>
            Continue
          </Button>
        ) : webauthn.isSupported() ? (
          <div className="button-row">
            <Button variant="primary" onClick={create} busy={busy} busyLabel="Waiting for your device…">
              Create a passkey
            </Button>
            <Button variant="quiet" onClick={skip} disabled={busy}>
              Not now
            </Button>
          </div>
        ) : (
          <>
            <p>This browser doesn’t support passkeys. You can add one later from another device in Account settings.</p>
            <Button variant="primary" onClick={skip}>
              Continue
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
