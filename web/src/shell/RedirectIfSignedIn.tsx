import { Navigate, Outlet, useSearchParams } from "react-router";
import { useSession } from "../auth/session";
import { safeNextPath } from "../auth/nextPath";
import { Loading } from "../ui/Spinner";

/**
 * The sign-in screens make no sense to someone already signed in: send them on. Until we
 * know, show nothing interactive, so a signed-in visitor never sees the form flash or starts
 * a passkey autofill request that would be thrown away.
 */
export function RedirectIfSignedIn() {
  const { status, user } = useSession();
  const [params] = useSearchParams();
  if (status === "loading") return <Loading label="Loading…" />;
  if (user) return <Navigate to={safeNextPath(params.get("next"))} replace />;
  return <Outlet />;
}
