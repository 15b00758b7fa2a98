import { Link, NavLink, useLocation } from "react-router";
import { useSession } from "../auth/session";
import { isTrainingPath } from "../training/paths";
import { SignOutButton } from "./SignOutButton";

export function Header() {
  const { user } = useSession();
  const { pathname } = useLocation();
  return (
    <header className="header">
      <div className="header__inner">
        <Link to="/" className="brand" aria-label="FitFolio home">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">FitFolio</span>
        </Link>
        {user && (
          <>
            <nav className="nav" aria-label="Main">
              {/* The training area spans "/" and /training/…: one entry, lit for all of it. */}
              <Link to="/" className={isTrainingPath(pathname) ? "active" : undefined} aria-current={isTrainingPath(pathname) ? "page" : undefined}>
                Training
              </Link>
              <NavLink to="/account">Account</NavLink>
              {user.isAdmin && <NavLink to="/admin">Admin</NavLink>}
            </nav>
            <div className="header__user">
              <span className="header__email" title={user.email}>
                {user.email}
              </span>
              <SignOutButton />
            </div>
          </>
        )}
      </div>
    </header>
  );
}
