/** Codes the client itself produces when the server gave none. */
export const NETWORK_ERROR = "network_error";
export const UNKNOWN_ERROR = "unknown_error";

/**
 * A failed API call, normalized from the server's
 * `{"error":{"code","message","request_id"}}` envelope or from whatever else came back.
 * `code` is for logic; `message` is always fit to show a person.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  /** Seconds the server asked us to wait (429, 423), when it said. */
  readonly retryAfterSeconds: number | null;
  /** The input at fault, when the server named one (a JSON path such as `reps` or `days[0].name`). */
  readonly field: string | null;
  /** The version now stored, when a change made against an older one was refused (412 `version_mismatch`). */
  readonly currentVersion: number | null;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    requestId?: string | null;
    retryAfterSeconds?: number | null;
    field?: string | null;
    currentVersion?: number | null;
  }) {
    super(init.message);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.field = init.field ?? null;
    this.currentVersion = init.currentVersion ?? null;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** Wording for a status when the server sent no usable message. */
export function fallbackMessage(status: number, retryAfterSeconds: number | null): string {
  if (status === 0) return "We can’t reach FitFolio right now. Check your connection and try again.";
  if (status === 400) return "That request wasn’t accepted. Check the details and try again.";
  if (status === 401) return "Your session has ended. Please sign in again.";
  if (status === 403) return "You don’t have permission to do that.";
  if (status === 404) return "We couldn’t find what you were looking for.";
  if (status === 409) return "That clashes with a recent change. Refresh and try again.";
  if (status === 413) return "That’s more data than we can accept at once.";
  if (status === 423) return `This account is temporarily locked.${waitHint(retryAfterSeconds)}`;
  if (status === 429) return `Too many attempts.${waitHint(retryAfterSeconds) || " Please wait a moment and try again."}`;
  if (status >= 500) return "Something went wrong on our side. Please try again in a moment.";
  return "Something went wrong. Please try again.";
}

function waitHint(seconds: number | null): string {
  return seconds === null ? "" : ` Try again in ${describeWait(seconds)}.`;
}

/** "45 seconds", "2 minutes", "1 hour" — rounded up so we never promise too early. */
export function describeWait(seconds: number): string {
  if (seconds < 60) {
    const s = Math.max(1, Math.ceil(seconds));
    return `${s} second${s === 1 ? "" : "s"}`;
  }
  if (seconds < 3600) {
    const m = Math.ceil(seconds / 60);
    return `${m} minute${m === 1 ? "" : "s"}`;
  }
  const h = Math.ceil(seconds / 3600);
  return `${h} hour${h === 1 ? "" : "s"}`;
}

/** Retry-After is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === "") return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10);
  if (!/[a-z]/i.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** A failure raised by the app itself whose message is written for people. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "UserFacingError";
  }
}

/** The message to show for anything a call might throw. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError || error instanceof UserFacingError) return error.message;
  return "Something went wrong. Please try again.";
}
