const day = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });

/** "Mar 4" for an ISO date or instant; dates without a time are read as that calendar day. */
export function shortDate(iso: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : day.format(date);
}

/** CSS colours for series, themed in training/training.css. */
export const SERIES_COLOURS = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--chart-4)", "var(--chart-5)", "var(--chart-6)"];

/**
 * The value axis's range: Recharts' "auto" spans just the data, so one workout at 1,300 kg drew an
 * axis of 1,298–1,302 kg. A flat series gets room of a tenth of its value either way (from zero when
 * that is closer); a series that moves keeps the automatic range.
 */
export function valueDomain(values: number[]): [number, number] | ["auto", "auto"] {
  if (values.length === 0) return ["auto", "auto"];
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (high === low) {
    if (high === 0) return [0, 1];
    const room = niceStep(Math.abs(high) / 10);
    return [Math.max(0, Math.floor((low - room) / room) * room), Math.ceil((high + room) / room) * room];
  }
  return ["auto", "auto"];
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((factor) => factor * power).find((step) => step >= raw) ?? 10 * power;
}
