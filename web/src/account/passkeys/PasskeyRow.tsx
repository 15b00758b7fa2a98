import { useEffect, useRef, useState } from "react";
import { signalAcceptedCredentials } from "../../auth/passkeySignals";
import { api } from "../../api/fitfolio";
import { UserFacingError, isApiError } from "../../api/errors";
import type { Passkey } from "../../api/types";
import { useWithReauth } from "../../auth/reauth/ReauthProvider";
import { Button } from "../../ui/Button";
import { ConfirmDeleteDialog } from "../../ui/ConfirmDeleteDialog";
import { DateTime, RelativeTime } from "../../ui/Time";
import { RenamePasskeyForm } from "./RenamePasskeyForm";

interface PasskeyRowProps {
  passkey: Passkey;
  onRenamed: (passkey: Passkey) => void;
  onDeleted: (passkey: Passkey) => void;
}

export function PasskeyRow({ passkey, onRenamed, onDeleted }: PasskeyRowProps) {
  const withReauth = useWithReauth();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  // Leaving the inline form puts focus back where the person started, not on <body>.
  useEffect(() => {
    if (wasEditing.current && !editing) renameButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const remove = async () => {
    try {
      await withReauth(() => api.passkeys.remove(passkey.id));
    } catch (error) {
      if (isApiError(error, "last_sign_in_method")) {
        throw new UserFacingError("This passkey is your only way to sign in. Add another passkey or turn email sign-in on before deleting it.", error.code);
      }
      throw error;
    }
    // The deleted passkey stays in the password manager unless the browser is told which ones remain.
    void signalAcceptedCredentials();
    onDeleted(passkey);
  };

  return (
    <li className="list__item">
      {editing ? (
        <RenamePasskeyForm
          passkey={passkey}
          onSaved={(updated) => {
            setEditing(false);
            onRenamed(updated);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="list__main">
          <h3 className="list__title">{passkey.name}</h3>
          <p className="list__meta">
            <span className={passkey.backedUp ? "badge badge--good" : "badge"}>{passkey.backedUp ? "Synced" : "This device only"}</span>
            <span>
              Added <DateTime value={passkey.createdAt} dateOnly />
            </span>
            <span>
              {passkey.lastUsedAt ? (
                <>
                  Last used <RelativeTime value={passkey.lastUsedAt} />
                </>
              ) : (
                "Never used"
              )}
            </span>
          </p>
        </div>
      )}
      {!editing && (
        <div className="list__actions">
          <Button ref={renameButton} variant="quiet" onClick={() => setEditing(true)} aria-label={`Rename ${passkey.name}`}>
            Rename
          </Button>
          <Button variant="quiet" className="danger-text" onClick={() => setConfirming(true)} aria-label={`Delete ${passkey.name}`}>
            Delete
          </Button>
        </div>
      )}
      <ConfirmDeleteDialog open={confirming} name={passkey.name} confirmLabel="Delete passkey" onConfirm={remove} onClose={() => setConfirming(false)}>
        <p>You won’t be able to sign in with this passkey any more. The copy on your device stays until you remove it there.</p>
      </ConfirmDeleteDialog>
    </li>
  );
}
