import { Link } from "react-router";
import type { AdminUserSummary } from "../../api/types";
import { DataTable } from "../../ui/DataTable";
import { DateTime } from "../../ui/Time";
import { LockBadge } from "./LockBadge";

const COLUMNS = ["Email", "Joined", "Sessions", "Passkeys", "Status"];

/** The admin's user search results: one row per account, linking to its detail page. */
export function UserSearchResultsTable({ users }: { users: AdminUserSummary[] }) {
  return (
    <DataTable label="Users" columns={COLUMNS}>
      {users.map((user) => (
        <tr key={user.id}>
          <td className="break">
            <Link data-user-link to={`/admin/users/${encodeURIComponent(user.id)}`}>
              {user.email}
            </Link>
            {!user.emailVerified && <span className="badge badge--warn">Unverified</span>}
          </td>
          <td>
            <DateTime value={user.createdAt} dateOnly />
          </td>
          <td>{user.sessionCount}</td>
          <td>{user.passkeyCount}</td>
          <td>
            <LockBadge lockedUntil={user.lockedUntil ?? null} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
