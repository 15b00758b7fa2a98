import { useState } from "react";
import { api } from "../../api/fitfolio";
import type { ApiKey } from "../../api/types";
import { Button } from "../../ui/Button";
import { ConfirmDeleteDialog } from "../../ui/ConfirmDeleteDialog";
import { DateTime, RelativeTime } from "../../ui/Time";

export function ApiKeyRow({ apiKey, onDeleted }: { apiKey: ApiKey; onDeleted: (key: ApiKey) => void }) {
  const [confirming, setConfirming] = useState(false);
  // Read once when the row is first shown: rendering stays pure (react-hooks/purity).
  const [shownAt] = useState(Date.now);
  const expired = apiKey.expiresAt !== null && new Date(apiKey.expiresAt).getTime() < shownAt;

  return (
    <li className="list__item">
      <div className="list__main">
        <h3 className="list__title">
          {apiKey.name}
          {expired && <span className="badge badge--warn">Expired</span>}
        </h3>
        <p className="list__meta">
          <code>{apiKey.prefix}…</code>
          <span>{apiKey.scopes.map((scope) => (scope === "read" ? "Read" : "Write")).join(" & ")}</span>
          <span>
            Created <DateTime value={apiKey.createdAt} dateOnly />
          </span>
          <span>
            {apiKey.expiresAt ? (
              <>
                {expired ? "Expired" : "Expires"} <DateTime value={apiKey.expiresAt} dateOnly />
              </>
            ) : (
              "Never expires"
            )}
          </span>
          <span>
            {apiKey.lastUsedAt ? (
              <>
                Last used <RelativeTime value={apiKey.lastUsedAt} />
              </>
            ) : (
              "Never used"
            )}
          </span>
        </p>
      </div>
      <div className="list__actions">
        <Button variant="quiet" className="danger-text" onClick={() => setConfirming(true)} aria-label={`Delete ${apiKey.name}`}>
          Delete
        </Button>
      </div>
      <ConfirmDeleteDialog
        open={confirming}
        name={apiKey.name}
        confirmLabel="Delete key"
        onConfirm={async () => {
          await api.account.deleteApiKey(apiKey.id);
          onDeleted(apiKey);
        }}
        onClose={() => setConfirming(false)}
      >
        <p>Anything that uses this key will stop working immediately. This can’t be undone.</p>
      </ConfirmDeleteDialog>
    </li>
  );
}
