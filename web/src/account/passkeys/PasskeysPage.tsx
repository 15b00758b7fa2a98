import { useState } from "react";
import { api } from "../../api/fitfolio";
import type { Passkey } from "../../api/types";
import { useSession } from "../../auth/session";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { EmptyState, PageHeader } from "../../ui/Page";
import { Loading } from "../../ui/Spinner";
import { useResource } from "../../ui/useResource";
import { EndOtherSessionsOffer } from "../sessions/EndOtherSessionsOffer";
import { AddPasskeyForm } from "./AddPasskeyForm";
import { PasskeyRow } from "./PasskeyRow";

export function PasskeysPage() {
  const { refresh } = useSession();
  const passkeys = useResource((signal) => api.passkeys.list({ signal }).then((page) => page.items), []);
  const [status, setStatus] = useState<string | null>(null);
  const [addedId, setAddedId] = useState<string | null>(null);

  const added = (passkey: Passkey) => {
    passkeys.setData((list) => [...(list ?? []), passkey]);
    setStatus(`Passkey “${passkey.name}” added.`);
    setAddedId(passkey.id);
    void refresh();
  };
  const renamed = (passkey: Passkey) => {
    passkeys.setData((list) => list?.map((item) => (item.id === passkey.id ? passkey : item)));
    setStatus(`Passkey renamed to “${passkey.name}”.`);
  };
  const deleted = (passkey: Passkey) => {
    passkeys.setData((list) => list?.filter((item) => item.id !== passkey.id));
    setStatus(`Passkey “${passkey.name}” deleted.`);
    void refresh();
  };

  return (
    <div className="stack-lg">
      <PageHeader
        title="Passkeys"
        description="Passkeys sign you in with your device’s screen lock. They can’t be phished or leaked, and synced ones follow you across your devices."
      />
      <StatusMessage tone="success">{status}</StatusMessage>
      {addedId && <EndOtherSessionsOffer key={addedId} because="You added a passkey." />}
      <AddPasskeyForm onAdded={added} />
      {passkeys.loading && !passkeys.data ? (
        <Loading label="Loading passkeys…" />
      ) : passkeys.error ? (
        <ErrorMessage error={passkeys.error} onRetry={passkeys.reload} />
      ) : passkeys.data && passkeys.data.length > 0 ? (
        <ul className="list" aria-label="Your passkeys">
          {passkeys.data.map((passkey) => (
            <PasskeyRow key={passkey.id} passkey={passkey} onRenamed={renamed} onDeleted={deleted} />
          ))}
        </ul>
      ) : (
        <EmptyState title="No passkeys yet">
          <p>Add one above to sign in without waiting for an email.</p>
        </EmptyState>
      )}
    </div>
  );
}
