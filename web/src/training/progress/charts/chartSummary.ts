import { shortDate } from "./chartFormat";
import type { StackedRow } from "./StackedBarChart";
import type { Point } from "./TimeSeriesChart";

// The one-sentence text alternative under each chart (ChartFrame's caption); the full numbers are in its table.
/** "3 entries from 1 Dec to 6 Dec: latest 81.7 kg, highest 81.7 kg." */
export function summarize(points: Point[], format: (value: number) => string): string {
  if (points.length === 0) return "";
  const first = points[0]!;
  const last = points.at(-1)!;
  const highest = Math.max(...points.map((point) => point.value));
  const span = points.length === 1 ? `on ${shortDate(first.date)}` : `from ${shortDate(first.date)} to ${shortDate(last.date)}`;
  return `${points.length} ${points.length === 1 ? "entry" : "entries"} ${span}: latest ${format(last.value)}, highest ${format(highest)}.`;
}

/** "4 weeks from 9 Nov to 30 Nov; the latest: Chest 6, Triceps 3." (the series of the latest week that have any). */
export function summarizeWeeks(rows: StackedRow[], series: string[], format: (value: number) => string): string {
  if (rows.length === 0) return "";
  const last = rows.at(-1)!;
  const span = rows.length === 1 ? `the week of ${shortDate(last.date)}` : `${rows.length} weeks from ${shortDate(rows[0]!.date)} to ${shortDate(last.date)}`;
  const parts = series.filter((name) => (last.values[name] ?? 0) > 0).map((name) => `${name} ${format(last.values[name]!)}`);
  return `${span.charAt(0).toUpperCase()}${span.slice(1)}; the latest: ${parts.length > 0 ? parts.join(", ") : "nothing"}.`;
}
