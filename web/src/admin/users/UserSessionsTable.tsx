import type { Session } from "../../api/types";
import { DataTable } from "../../ui/DataTable";
import { DateTime, RelativeTime } from "../../ui/Time";

const COLUMNS = ["Device", "IP", "Signed in", "Last seen"];

/** One user's active sessions, on the admin's user detail page. */
export function UserSessionsTable({ sessions }: { sessions: Session[] }) {
  if (sessions.length === 0) return <p className="muted">No active sessions.</p>;
  return (
    <DataTable label="Sessions" columns={COLUMNS}>
      {sessions.map((session) => (
        <tr key={session.id}>
          <td>{session.device || "Unknown device"}</td>
          <td>{session.ip ?? "—"}</td>
          <td>
            <DateTime value={session.createdAt} />
          </td>
          <td>
            <RelativeTime value={session.lastSeenAt} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
