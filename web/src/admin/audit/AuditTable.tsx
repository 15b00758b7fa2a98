import { Link } from "react-router";
import type { AuditEvent } from "../../api/types";
import { DateTime } from "../../ui/Time";

export function AuditTable({ id, events }: { id?: string; events: AuditEvent[] }) {
  return (
    <div id={id} className="table-wrap" role="region" aria-label="Audit events" tabIndex={0}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Event</th>
            <th scope="col">User</th>
            <th scope="col">IP</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
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
