import { Link, Outlet } from "react-router";
import { AdminPasskeyGate } from "../admin/AdminPasskeyGate";
import { useUser } from "../auth/session";
import { PageHeader } from "../ui/Page";

/** Admin screens for admins (once their session is passkey-proven); everyone else gets a plain explanation, not a broken page. */
export function RequireAdmin() {
  const user = useUser();
  if (user.isAdmin) {
    return (
      <AdminPasskeyGate>
        <Outlet />
      </AdminPasskeyGate>
    );
  }
  return (
    <div className="page page--narrow">
      <PageHeader title="Admins only" description="This area is for FitFolio administrators." />
      <p>
        <Link to="/">Back to your training log</Link>
      </p>
    </div>
  );
}
