import { Navigate, Outlet, useSearchParams } from "react-router";
import { useSession } from "../auth/session";
import { safeNextPath } from "../auth/nextPath";

/** The sign-in screens make no sense to someone already signed in: send them on. */
export function RedirectIfSignedIn() {
  const { user } = useSession();
  const [params] = useSearchParams();
  if (user) return <Navigate to={safeNextPath(params.get("next"))} replace />;
  return <Outlet />;
}
