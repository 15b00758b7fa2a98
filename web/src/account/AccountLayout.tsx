import { NavLink, Outlet } from "react-router";

const SECTIONS = [
  { to: "passkeys", label: "Passkeys" },
  { to: "sessions", label: "Sessions" },
  { to: "providers", label: "Sign-in providers" },
  { to: "api-keys", label: "API keys" },
  { to: "email", label: "Email" },
  { to: "data", label: "Your data" },
];

export function AccountLayout() {
  return (
    <div className="page with-sidebar">
      <nav className="subnav" aria-label="Account settings">
        <p className="subnav__title" aria-hidden="true">
          Account
        </p>
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.to}>
              <NavLink to={section.to}>{section.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="with-sidebar__content">
        <Outlet />
      </div>
    </div>
  );
}
