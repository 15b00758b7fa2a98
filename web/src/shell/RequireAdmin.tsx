import { Link, Outlet } from "react-router";
import { useUser } from "../auth/session";
import { PageHeader } from "../ui/Page";

/** Admin screens for admins; everyone else gets a plain explanation, not a broken page. */
export function RequireAdmin() {
  const user = useUser();
  if (user.isAdmin) return <Outlet />;
  return (
    <div className="page page--narrow">
      <PageHeader title="Admins only" description="This area is for FitFolio administrators." />
      <p>
        <Link to="/">Back to your training log</Link>
      </p>
    </div>
  );
}
