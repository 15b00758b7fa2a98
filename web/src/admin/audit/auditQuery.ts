import type { AuditFilters } from "../../api/types";

export const AUDIT_PAGE_SIZE = 50;

export const EMPTY_AUDIT_FILTERS: AuditFilters = { userId: "", type: "", ip: "", from: "", to: "" };

const FILTER_KEYS = Object.keys(EMPTY_AUDIT_FILTERS) as (keyof AuditFilters)[];

/** The page URL is the source of truth, so filtered views can be bookmarked and Back pages newer. */
export function filtersFromParams(params: URLSearchParams): AuditFilters {
  const filters = { ...EMPTY_AUDIT_FILTERS };
  for (const key of FILTER_KEYS) filters[key] = params.get(key)?.trim() ?? "";
  return filters;
}

export function paramsFromFilters(filters: AuditFilters, cursor: string | null = null): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key].trim();
    if (value) params.set(key, value);
  }
  if (cursor) params.set("cursor", cursor);
  return params;
}

/** `<input type="datetime-local">` speaks local wall-clock time; the API speaks UTC instants. */
export function localInputToIso(local: string): string {
  if (!local) return "";
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString();
}

export function isoToLocalInput(iso: string): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Null when the range is usable, else what is wrong with it. */
export function rangeProblem(filters: AuditFilters): string | null {
  if (filters.from && filters.to && new Date(filters.from) > new Date(filters.to)) {
    return "“From” must be earlier than “To”.";
  }
  return null;
}
