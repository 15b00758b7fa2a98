import { Link, useLocation } from "react-router";
import { trainingApi } from "../api/training";
import type { Program } from "../api/trainingTypes";
import { useUser } from "../auth/session";
import { Button } from "../ui/Button";
import { ErrorMessage, StatusMessage } from "../ui/Messages";
import { EmptyState, PageHeader, Section } from "../ui/Page";
import { Loading } from "../ui/Spinner";
import { RelativeTime } from "../ui/Time";
import { useResource } from "../ui/useResource";
import { greeting } from "./greeting";
import { WorkoutSummaryList } from "./history/WorkoutSummaryList";
import { trainingPaths } from "./paths";
import { useWeightUnit } from "./shared/useWeightUnit";
import { StartProblem } from "./workouts/StartProblem";
import { useStartWorkout } from "./workouts/useStartWorkout";

/** How many programs the home page opens to offer their days; the rest are a click away. */
const PROGRAMS_SHOWN = 4;

/** Home for a signed-in person: the workout in progress, or ways to start one, and the latest sessions. */
export function TrainingHomePage() {
  const user = useUser();
  const location = useLocation();
  const [unit] = useWeightUnit();
  const active = useResource((signal) => trainingApi.workouts.active({ signal }), []);
  const recent = useResource((signal) => trainingApi.workouts.list(null, 5, "", { signal }).then((page) => page.items), []);
  const programs = useResource(async (signal): Promise<Program[]> => {
    const list = await trainingApi.programs.list("false", { signal });
    return Promise.all(list.items.slice(0, PROGRAMS_SHOWN).map((program) => trainingApi.programs.get(program.id, { signal })));
  }, []);
  const starter = useStartWorkout();
  const status = (location.state as { status?: string } | null)?.status ?? null;

  return (
    <div className="stack-lg">
      <PageHeader title="Your training log" description={greeting(new Date().getHours(), user.email.split("@")[0]!)} />
      <StatusMessage tone="success">{status}</StatusMessage>
      {user.passkeyCount === 0 && (
        <aside className="notice notice--info" aria-label="Account tip">
          <p>
            Sign in faster and more safely with a passkey. <Link to="/account/passkeys">Add a passkey</Link>
          </p>
        </aside>
      )}

      {active.loading && !active.data ? (
        <Loading label="Checking for a workout in progress…" />
      ) : active.error ? (
        <ErrorMessage error={active.error} onRetry={active.reload} />
      ) : active.data ? (
        <section className="card card--highlight" aria-labelledby="in-progress">
          <h2 id="in-progress">Workout in progress</h2>
          <p>
            <strong>{active.data.name}</strong>, started <RelativeTime value={active.data.startedAt} />.
          </p>
          <div>
            <Link className="button button--primary" to={trainingPaths.workout(active.data.id)}>
              Resume workout
            </Link>
          </div>
        </section>
      ) : (
        <Section title="Start a workout" description="From one of your program’s days, or empty and add exercises as you go.">
          {programs.loading && !programs.data ? (
            <Loading label="Loading your programs…" />
          ) : programs.error ? (
            <ErrorMessage error={programs.error} onRetry={programs.reload} />
          ) : programs.data && programs.data.some((program) => program.days.length > 0) ? (
            <ul className="day-grid" aria-label="Program days">
              {programs.data.flatMap((program) =>
                program.days.map((day) => (
                  <li key={day.id}>
                    <Button
                      className="day-grid__button"
                      onClick={() => void starter.start({ programDayId: day.id }, day.id)}
                      busy={starter.busy === day.id}
                      busyLabel="Starting…"
                      disabled={starter.busy !== null}
                      aria-label={`Start ${day.name} from ${program.name}`}
                    >
                      <span>
                        <strong>{day.name}</strong>
                        <span className="muted small day-grid__meta">
                          {program.name} · {day.exercises.length} exercise{day.exercises.length === 1 ? "" : "s"}
                        </span>
                      </span>
                    </Button>
                  </li>
                )),
              )}
            </ul>
          ) : (
            <p className="muted">
              No program days yet. <Link to={trainingPaths.newProgram}>Create a program</Link> to plan your sessions.
            </p>
          )}
          <div className="button-row">
            <Button
              variant="primary"
              onClick={() => void starter.start({}, "empty")}
              busy={starter.busy === "empty"}
              busyLabel="Starting…"
              disabled={starter.busy !== null}
            >
              Start an empty workout
            </Button>
          </div>
          <StartProblem error={starter.error} inProgressId={starter.inProgressId} />
        </Section>
      )}

      <section aria-labelledby="recent" className="stack">
        <div className="page-header">
          <h2 id="recent">Recent workouts</h2>
          <Link to={trainingPaths.history}>All history</Link>
        </div>
        {recent.loading && !recent.data ? (
          <Loading label="Loading recent workouts…" />
        ) : recent.error ? (
          <ErrorMessage error={recent.error} onRetry={recent.reload} />
        ) : recent.data && recent.data.length > 0 ? (
          <WorkoutSummaryList items={recent.data} unit={unit} label="Recent workouts" />
        ) : (
          <EmptyState title="No workouts yet" icon={<span className="empty-state__glyph" />}>
            <p>Your first session goes here. New records are spotted for you the moment you log them.</p>
          </EmptyState>
        )}
      </section>
    </div>
  );
}
