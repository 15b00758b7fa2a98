import { NavLink, Outlet } from "react-router";

export function AdminLayout() {
  return (
    <div className="page">
      <nav className="tabs" aria-label="Admin">
        <NavLink to="/admin" end>
          Users
        </NavLink>
        <NavLink to="/admin/audit">Audit log</NavLink>
      </nav>
      <Outlet />
    </div>
  );
}
