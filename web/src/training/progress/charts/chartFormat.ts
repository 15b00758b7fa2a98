const day = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });

/** "Mar 4" for an ISO date or instant; dates without a time are read as that calendar day. */
export function shortDate(iso: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : day.format(date);
}

/** CSS colours for series, themed in training/training.css. */
export const SERIES_COLOURS = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--chart-4)", "var(--chart-5)", "var(--chart-6)"];
