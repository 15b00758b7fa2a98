import { lazy, Suspense } from "react";
import { Link, Outlet } from "react-router";
import { useUser } from "../auth/session";
import { PageHeader } from "../ui/Page";
import { Loading } from "../ui/Spinner";

// Admin code loads only for admins who open it (the first-load budget, scripts/js-budget.mjs).
const AdminPasskeyGate = lazy(() => import("../admin/AdminPasskeyGate").then((module) => ({ default: module.AdminPasskeyGate })));

/** Admin screens for admins (once their session is passkey-proven); everyone else gets a plain explanation, not a broken page. */
export function RequireAdmin() {
  const user = useUser();
  if (user.isAdmin) {
    return (
      <Suspense fallback={<Loading label="Loading…" />}>
        <AdminPasskeyGate>
          <Outlet />
        </AdminPasskeyGate>
      </Suspense>
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
