const weekday = new Intl.DateTimeFormat("en", { weekday: "long" });

function partOfDay(hour: number): string {
  if (hour < 5) return "night";
  if (hour < 12) return "morning";
  if (hour < 17) return "afternoon";
  if (hour < 21) return "evening";
  return "night";
}

/**
 * The name of a workout started without a program day, e.g. "Tuesday evening workout": the server
 * would call every one "Workout", which makes a history of them unreadable. A program day's workout
 * takes the day's name on the server.
 */
export function defaultWorkoutName(at: Date): string {
  return `${weekday.format(at)} ${partOfDay(at.getHours())} workout`;
}
