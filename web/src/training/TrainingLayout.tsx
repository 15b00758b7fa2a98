import { NavLink, Outlet } from "react-router";
import { trainingPaths } from "./paths";
import "./training.css";

const SECTIONS = [
  { to: trainingPaths.home, label: "Today", end: true },
  { to: trainingPaths.programs, label: "Programs" },
  { to: trainingPaths.exercises, label: "Exercises" },
  { to: trainingPaths.history, label: "History" },
  { to: trainingPaths.progress, label: "Progress" },
  { to: trainingPaths.bodyWeight, label: "Body weight" },
  { to: trainingPaths.importExport, label: "Import & export" },
];

/** The training area: a row of sections that scrolls sideways on a phone, then the screen. */
export function TrainingLayout() {
  return (
    <div className="page">
      <nav className="tabs tabs--scroll" aria-label="Training">
        {SECTIONS.map((section) => (
          <NavLink key={section.to} to={section.to} end={section.end}>
            {section.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}
