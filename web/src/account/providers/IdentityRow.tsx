import { useState } from "react";
import { api } from "../../api/fitfolio";
import { UserFacingError, isApiError } from "../../api/errors";
import type { ExternalIdentity } from "../../api/types";
import { useWithReauth } from "../../auth/reauth/ReauthProvider";
import { Button } from "../../ui/Button";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { DateTime } from "../../ui/Time";

interface IdentityRowProps {
  identity: ExternalIdentity;
  onUnlinked: (identity: ExternalIdentity) => void;
}

/** One linked provider identity: who the provider says the person is, since when, and the way to unlink it. */
export function IdentityRow({ identity, onUnlinked }: IdentityRowProps) {
  const withReauth = useWithReauth();
  const [confirming, setConfirming] = useState(false);
  const label = identity.email ? `${identity.providerName} (${identity.email})` : identity.providerName;

  const unlink = async () => {
    try {
      await withReauth(() => api.externalIdentities.unlink(identity.provider, identity.subject));
    } catch (error) {
      if (isApiError(error, "last_sign_in_method")) {
        throw new UserFacingError("This provider is your only way to sign in. Add a passkey or turn email sign-in on before unlinking it.", error.code);
      }
      throw error;
    }
    onUnlinked(identity);
  };

  return (
    <li className="list__item">
      <div className="list__main">
        <h3 className="list__title">{identity.providerName}</h3>
        <p className="list__meta">
          <span>{identity.email ?? "No address given"}</span>
          <span>
            Linked <DateTime value={identity.linkedAt} dateOnly />
          </span>
        </p>
      </div>
      <div className="list__actions">
        <Button variant="quiet" className="danger-text" onClick={() => setConfirming(true)} aria-label={`Unlink ${label}`}>
          Unlink
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Unlink ${identity.providerName}?`}
        confirmLabel="Unlink"
        busyLabel="Unlinking…"
        danger
        onConfirm={unlink}
        onClose={() => setConfirming(false)}
      >
        <p>Signing in with {label} will no longer sign you in to FitFolio. We’ll email you that it was unlinked.</p>
      </ConfirmDialog>
    </li>
  );
}
