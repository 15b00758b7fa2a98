import type { MuscleVolume } from "../../api/trainingTypes";
import { label } from "../shared/labels";
import type { StackedRow } from "./charts/StackedBarChart";

export type MuscleMetric = "sets" | "volumeKg";

/** Beyond this many muscles a stacked bar stops being readable; the rest are summed as "Other". */
export const MAX_SERIES = 6;

/**
 * Turns the server's rows (week × muscle) into one row per week with a value per muscle; the
 * muscles with the largest totals keep their own colour, the rest share "Other".
 */
export function muscleWeeks(items: MuscleVolume[], metric: MuscleMetric): { rows: StackedRow[]; series: string[] } {
  const totals = new Map<string, number>();
  for (const item of items) totals.set(item.muscle, (totals.get(item.muscle) ?? 0) + item[metric]);
  const ranked = [...totals.entries()]
    .filter(([, total]) => total > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([muscle]) => muscle);
  const own = new Set(ranked.length > MAX_SERIES ? ranked.slice(0, MAX_SERIES - 1) : ranked);
  const hasOther = ranked.length > own.size;
  const series = [...[...own].map(label), ...(hasOther ? ["Other"] : [])];

  const weeks = new Map<string, Record<string, number>>();
  for (const item of items) {
    const values = weeks.get(item.weekStart) ?? {};
    const name = own.has(item.muscle) ? label(item.muscle) : "Other";
    if (item[metric] > 0 || own.has(item.muscle)) values[name] = (values[name] ?? 0) + item[metric];
    weeks.set(item.weekStart, values);
  }
  const rows = [...weeks.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, values]) => ({ date, values }));
  return { rows, series };
}
