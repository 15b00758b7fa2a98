import { Link } from "react-router";
import type { AuditEvent } from "../../api/types";
import { DataTable } from "../../ui/DataTable";
import { DateTime } from "../../ui/Time";

const COLUMNS = ["When", "Event", "User", "IP", "Details"];

export function AuditTable({ id, events }: { id?: string; events: AuditEvent[] }) {
  return (
    <DataTable id={id} label="Audit events" columns={COLUMNS}>
      {events.map((event) => (
        <tr key={event.id}>
          <td>
            <DateTime value={event.occurredAt} />
          </td>
          <td>
            <code>{event.type}</code>
          </td>
          <td className="break">
            {event.userId ? <Link to={`/admin/users/${encodeURIComponent(event.userId)}`}>{event.email ?? event.userId}</Link> : (event.email ?? "—")}
          </td>
          <td>{event.ip ?? "—"}</td>
          <td>
            <EventDetails event={event} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function EventDetails({ event }: { event: AuditEvent }) {
  const hasDetails = Object.keys(event.details ?? {}).length > 0;
  if (!hasDetails && !event.userAgent && !event.requestId) return <span className="muted">—</span>;
  return (
    <details>
      <summary>Show</summary>
      <dl className="facts facts--compact">
        {event.userAgent && (
          <>
            <dt>User agent</dt>
            <dd>{event.userAgent}</dd>
          </>
        )}
        {event.requestId && (
          <>
            <dt>Request ID</dt>
            <dd>
              <code>{event.requestId}</code>
            </dd>
          </>
        )}
      </dl>
      {hasDetails && <pre className="json">{JSON.stringify(event.details, null, 2)}</pre>}
    </details>
  );
}
