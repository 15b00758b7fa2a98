import type { LinkedIdentity } from "../../api/types";
import { DataTable } from "../../ui/DataTable";
import { DateTime } from "../../ui/Time";

const COLUMNS = ["Provider", "Address at the provider", "Subject", "Linked"];

/** One user's linked provider identities, on the admin's user detail page. */
export function UserIdentitiesTable({ identities }: { identities: LinkedIdentity[] }) {
  if (identities.length === 0) return <p className="muted">No linked providers.</p>;
  return (
    <DataTable label="Sign-in providers" columns={COLUMNS}>
      {identities.map((identity) => (
        <tr key={`${identity.provider}/${identity.subject}`}>
          <td>{identity.provider}</td>
          <td>{identity.email ?? "None given"}</td>
          <td>{identity.subject}</td>
          <td>
            <DateTime value={identity.linkedAt} dateOnly />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
