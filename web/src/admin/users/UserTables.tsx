import type { Passkey, Session } from "../../api/types";
import { DateTime, RelativeTime } from "../../ui/Time";

export function UserSessionsTable({ sessions }: { sessions: Session[] }) {
  if (sessions.length === 0) return <p className="muted">No active sessions.</p>;
  return (
    <div className="table-wrap" role="region" aria-label="Sessions" tabIndex={0}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Device</th>
            <th scope="col">IP</th>
            <th scope="col">Signed in</th>
            <th scope="col">Last seen</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id}>
              <td>{session.device || "Unknown device"}</td>
              <td>{session.ip ?? "—"}</td>
              <td><DateTime value={session.createdAt} /></td>
              <td><RelativeTime value={session.lastSeenAt} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function UserPasskeysTable({ passkeys }: { passkeys: Passkey[] }) {
  if (passkeys.length === 0) return <p className="muted">No passkeys.</p>;
  return (
    <div className="table-wrap" role="region" aria-label="Passkeys" tabIndex={0}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Added</th>
            <th scope="col">Last used</th>
            <th scope="col">Synced</th>
          </tr>
        </thead>
        <tbody>
          {passkeys.map((passkey) => (
            <tr key={passkey.id}>
              <td>{passkey.name}</td>
              <td><DateTime value={passkey.createdAt} dateOnly /></td>
              <td>{passkey.lastUsedAt ? <RelativeTime value={passkey.lastUsedAt} /> : "Never"}</td>
              <td>{passkey.backedUp ? "Yes" : "No"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
