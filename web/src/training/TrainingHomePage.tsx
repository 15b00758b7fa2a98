import { Link } from "react-router";
import { useUser } from "../auth/session";
import { EmptyState, PageHeader } from "../ui/Page";

function greeting(hour: number): string {
  if (hour < 5) return "Late session?";
  if (hour < 12) return "Good morning";
  if (hour < 18) return "Good afternoon";
  return "Good evening";
}

const COMING = [
  { title: "Log a session", text: "Exercises, sets, reps and weight, in as few taps as a rest period allows." },
  { title: "See your progress", text: "Volume and frequency over weeks, so consistency is visible." },
  { title: "Celebrate personal bests", text: "New records are spotted for you, the moment you log them." },
];

export function TrainingHomePage() {
  const user = useUser();
  return (
    <div className="page">
      <PageHeader title="Your training log" description={`${greeting(new Date().getHours())}, ${user.email.split("@")[0]}.`} />
      {user.passkeyCount === 0 && (
        <aside className="notice notice--info" aria-label="Account tip">
          <p>
            Sign in faster and more safely with a passkey. <Link to="/account/passkeys">Add a passkey</Link>
          </p>
        </aside>
      )}
      <EmptyState title="No workouts yet" icon={<span className="empty-state__glyph" />}>
        <p>
          Workout logging is arriving soon. Your account is ready for it: when it lands, your first session goes
          here.
        </p>
      </EmptyState>
      <section aria-labelledby="coming-up" className="stack">
        <h2 id="coming-up">What’s coming</h2>
        <ul className="feature-grid">
          {COMING.map((item) => (
            <li key={item.title} className="card">
              <h3>{item.title}</h3>
              <p className="muted">{item.text}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
