import { api } from "../../api/fitfolio";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { PageHeader, Section } from "../../ui/Page";
import { Loading } from "../../ui/Spinner";
import { DateTime } from "../../ui/Time";
import { useResource } from "../../ui/useResource";
import { AdminUserActions } from "./AdminUserActions";
import { LockBadge } from "./LockBadge";
import { UserIdentitiesTable } from "./UserIdentitiesTable";
import { UserPasskeysTable } from "./UserPasskeysTable";
import { UserSessionsTable } from "./UserSessionsTable";

export function AdminUserPage() {
  const { userId = "" } = useParams();
  const detail = useResource((signal) => api.admin.getUser(userId, { signal }), [userId]);
  const [status, setStatus] = useState<string | null>(null);

  if (detail.loading && !detail.data) {
    return (
      <div className="stack-lg">
        <PageHeader title="User" />
        <Loading label="Loading user…" />
      </div>
    );
  }
  if (!detail.data) {
    return (
      <div className="stack-lg">
        <PageHeader title="User" />
        <ErrorMessage error={detail.error} onRetry={detail.reload} />
        <Link to="/admin">Back to users</Link>
      </div>
    );
  }

  const { user, sessions, passkeys, externalIdentities } = detail.data;
  const done = (message: string) => {
    setStatus(message);
    detail.reload();
  };

  return (
    <div className="stack-lg">
      <p>
        <Link to="/admin">← All users</Link>
      </p>
      <PageHeader title={user.email} description={<LockBadge lockedUntil={user.lockedUntil ?? null} />} />
      <StatusMessage tone="success">{status}</StatusMessage>
      <ErrorMessage error={detail.error} onRetry={detail.reload} />
      <Section title="Account">
        <dl className="facts">
          <dt>User ID</dt>
          <dd>
            <code>{user.id}</code>
          </dd>
          <dt>Joined</dt>
          <dd>
            <DateTime value={user.createdAt} />
          </dd>
          <dt>Email</dt>
          <dd>{user.emailVerified ? "Verified" : "Not verified"}</dd>
          {user.emailSignInEnabled !== undefined && (
            <>
              <dt>Email sign-in</dt>
              <dd>{user.emailSignInEnabled ? "On" : "Off"}</dd>
            </>
          )}
          {user.isAdmin !== undefined && (
            <>
              <dt>Role</dt>
              <dd>{user.isAdmin ? "Administrator" : "Member"}</dd>
            </>
          )}
        </dl>
        <p>
          <Link to={`/admin/audit?userId=${encodeURIComponent(user.id)}`}>View this user’s audit events</Link>
        </p>
      </Section>
      <AdminUserActions user={user} sessionCount={sessions.length} onDone={done} />
      <Section title={`Sessions (${sessions.length})`}>
        <UserSessionsTable sessions={sessions} />
      </Section>
      <Section title={`Passkeys (${passkeys.length})`}>
        <UserPasskeysTable passkeys={passkeys} />
      </Section>
      <Section title={`Sign-in providers (${externalIdentities.length})`}>
        <UserIdentitiesTable identities={externalIdentities} />
      </Section>
    </div>
  );
}
