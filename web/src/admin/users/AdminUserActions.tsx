import { useState } from "react";
import { api } from "../../api/fitfolio";
import type { AdminUserRecord } from "../../api/types";
import { Button } from "../../ui/Button";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { ErrorMessage } from "../../ui/Messages";
import { Section } from "../../ui/Page";
import { isLocked } from "./LockBadge";

const LOCK_CHOICES = [
  { minutes: 15, label: "15 minutes" },
  { minutes: 60, label: "1 hour" },
  { minutes: 24 * 60, label: "24 hours" },
  { minutes: 7 * 24 * 60, label: "7 days" },
];

interface AdminUserActionsProps {
  user: AdminUserRecord;
  sessionCount: number;
  onDone: (message: string) => void;
}

export function AdminUserActions({ user, sessionCount, onDone }: AdminUserActionsProps) {
  const [confirm, setConfirm] = useState<"revoke" | "lock" | null>(null);
  const [minutes, setMinutes] = useState(60);
  const [revokeKeys, setRevokeKeys] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const locked = isLocked(user.lockedUntil ?? null);
  const lockLabel = LOCK_CHOICES.find((choice) => choice.minutes === minutes)?.label ?? `${minutes} minutes`;

  const unlock = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.admin.unlockUser(user.id);
      onDone(`${user.email} is unlocked.`);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title="Actions">
      <div className="stack">
        <div className="button-row">
          <Button variant="danger" onClick={() => setConfirm("revoke")} disabled={sessionCount === 0}>
            Sign out everywhere
          </Button>
          {locked ? (
            <Button onClick={unlock} busy={busy} busyLabel="Unlocking…">
              Unlock account
            </Button>
          ) : (
            <div className="inline-form">
              <div className="field">
                <label htmlFor="lock-minutes">Lock for</label>
                <select id="lock-minutes" value={minutes} onChange={(event) => setMinutes(Number(event.target.value))}>
                  {LOCK_CHOICES.map((choice) => (
                    <option key={choice.minutes} value={choice.minutes}>
                      {choice.label}
                    </option>
                  ))}
                </select>
              </div>
              <Button onClick={() => setConfirm("lock")}>Lock account</Button>
            </div>
          )}
        </div>
        <ErrorMessage error={error} />
      </div>
      <ConfirmDialog
        open={confirm === "revoke"}
        title={`Sign ${user.email} out everywhere?`}
        confirmLabel="Sign out everywhere"
        busyLabel="Signing out…"
        danger
        onConfirm={async () => {
          const { revoked, apiKeysRevoked } = await api.admin.revokeSessions(user.id, revokeKeys);
          const keys = revokeKeys ? ` and revoked ${apiKeysRevoked} API key${apiKeysRevoked === 1 ? "" : "s"}` : "";
          onDone(`Signed ${user.email} out of ${revoked} session${revoked === 1 ? "" : "s"}${keys}.`);
        }}
        onClose={() => {
          setConfirm(null);
          setRevokeKeys(false);
        }}
      >
        <p>Every session ends at once, on every server. They can sign in again unless the account is locked.</p>
        <label className="check">
          <input type="checkbox" checked={revokeKeys} onChange={(event) => setRevokeKeys(event.target.checked)} />
          <span>Also revoke every API key</span>
        </label>
        <p className="muted">Do this when the account may be compromised: a key keeps working after its sessions end.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "lock"}
        title={`Lock ${user.email} for ${lockLabel}?`}
        confirmLabel="Lock account"
        busyLabel="Locking…"
        danger
        onConfirm={async () => {
          await api.admin.lockUser(user.id, minutes);
          onDone(`${user.email} is locked for ${lockLabel}.`);
        }}
        onClose={() => setConfirm(null)}
      >
        <p>They won’t be able to sign in until the lock ends or you unlock the account.</p>
      </ConfirmDialog>
    </Section>
  );
}
