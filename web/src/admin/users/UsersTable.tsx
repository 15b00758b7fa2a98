import { Link } from "react-router";
import type { AdminUserSummary } from "../../api/types";
import { DateTime } from "../../ui/Time";
import { LockBadge } from "./LockBadge";

export function UsersTable({ users }: { users: AdminUserSummary[] }) {
  return (
    <div className="table-wrap" role="region" aria-label="Users" tabIndex={0}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Joined</th>
            <th scope="col">Sessions</th>
            <th scope="col">Passkeys</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  );
}
