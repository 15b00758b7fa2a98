import { Navigate, Outlet, useLocation } from "react-router";
import { useSession } from "../auth/session";
import { signInPath } from "../auth/nextPath";
import { Loading } from "../ui/Spinner";
import { StartupError } from "./StartupError";

/** Lets signed-in people through; sends everyone else to sign-in, remembering where they were going. */
export function RequireAuth() {
  const { status, user } = useSession();
  const location = useLocation();

  if (status === "loading") return <Loading label="Loading your account…" />;
  if (status === "failed") return <StartupError />;
  if (!user) return <Navigate to={signInPath(`${location.pathname}${location.search}`)} replace />;
  return <Outlet />;
}
