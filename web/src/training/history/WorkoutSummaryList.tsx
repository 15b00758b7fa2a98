import { Link } from "react-router";
import type { WorkoutSummary } from "../../api/trainingTypes";
import { DateTime } from "../../ui/Time";
import { trainingPaths } from "../paths";
import { formatWeight, type WeightUnit } from "../shared/units";

const STATUS: Record<WorkoutSummary["status"], string | null> = { in_progress: "In progress", finished: null, abandoned: "Abandoned" };

function minutes(summary: WorkoutSummary): string | null {
  if (!summary.endedAt) return null;
  const total = Math.round((new Date(summary.endedAt).getTime() - new Date(summary.startedAt).getTime()) / 60000);
  return Number.isFinite(total) && total >= 0 ? `${total} min` : null;
}

/** Workouts, newest first: when, how much, how many records. */
export function WorkoutSummaryList({ items, unit, label }: { items: WorkoutSummary[]; unit: WeightUnit; label: string }) {
  return (
    <ul className="list" aria-label={label}>
      {items.map((summary) => (
        <li key={summary.id} className="list__item">
          <div className="list__main">
            <h3 className="list__title">
              <Link to={summary.status === "in_progress" ? trainingPaths.workout(summary.id) : trainingPaths.pastWorkout(summary.id)}>{summary.name}</Link>
              {STATUS[summary.status] && <span className={summary.status === "abandoned" ? "badge" : "badge badge--warn"}>{STATUS[summary.status]}</span>}
              {summary.recordCount > 0 && (
                <span className="badge badge--record">
                  {summary.recordCount} record{summary.recordCount === 1 ? "" : "s"}
                </span>
              )}
            </h3>
            <p className="list__meta">
              <DateTime value={summary.startedAt} />
              {minutes(summary) && <span>{minutes(summary)}</span>}
              <span>
                {summary.exerciseCount} exercise{summary.exerciseCount === 1 ? "" : "s"}, {summary.setCount} set{summary.setCount === 1 ? "" : "s"}
              </span>
              {summary.volumeKg > 0 && <span>Volume {formatWeight(summary.volumeKg, unit)}</span>}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
