import type { Passkey } from "../../api/types";
import { DataTable } from "../../ui/DataTable";
import { DateTime, RelativeTime } from "../../ui/Time";

const COLUMNS = ["Name", "Added", "Last used", "Synced"];

/** One user's passkeys, on the admin's user detail page. */
export function UserPasskeysTable({ passkeys }: { passkeys: Passkey[] }) {
  if (passkeys.length === 0) return <p className="muted">No passkeys.</p>;
  return (
    <DataTable label="Passkeys" columns={COLUMNS}>
      {passkeys.map((passkey) => (
        <tr key={passkey.id}>
          <td>{passkey.name}</td>
          <td>
            <DateTime value={passkey.createdAt} dateOnly />
          </td>
          <td>{passkey.lastUsedAt ? <RelativeTime value={passkey.lastUsedAt} /> : "Never"}</td>
          <td>{passkey.backedUp ? "Yes" : "No"}</td>
        </tr>
      ))}
    </DataTable>
  );
}
