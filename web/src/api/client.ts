import { CSRF_HEADER, isUnsafeMethod, readCsrfToken } from "./csrf";
import { ApiError, NETWORK_ERROR, UNKNOWN_ERROR, fallbackMessage, parseRetryAfter } from "./errors";

export const API_BASE = "/api/v1";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /**
   * A 401 is an expected answer here ("who am I?", sign-in ceremonies), not a sign that
   * the session was lost, so the global sign-out handler stays quiet.
   */
  expectUnauthenticated?: boolean;
  /** The version this change was made against (sent as `If-Match: "<version>"`); a stale one answers 412 `version_mismatch`. */
  ifMatch?: number;
  /** Sent as `Idempotency-Key`: the server answers a repeat of this write with the first answer instead of doing it twice. */
  idempotencyKey?: string;
}

/** The options a read takes from its caller: only the signal that cancels it. */
export type Signal = Pick<RequestOptions, "signal">;

/** One path segment from a value (an id, a name), escaped so it can never add a segment or a query. */
export const id = (value: string) => encodeURIComponent(value);

type UnauthenticatedHandler = (error: ApiError) => void;
let unauthenticatedHandler: UnauthenticatedHandler | null = null;

/** Registers the one listener told when any call answers 401; returns an unsubscribe. */
export function onUnauthenticated(handler: UnauthenticatedHandler): () => void {
  unauthenticatedHandler = handler;
  return () => {
    if (unauthenticatedHandler === handler) unauthenticatedHandler = null;
  };
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === null || value === undefined || value === "") continue;
    params.append(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ""}`;
}

export async function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options, "application/json");
  return (await readJson(response)) as T;
}

export interface Download {
  blob: Blob;
  filename: string | null;
}

/**
 * Fetches a file to save. A download of someone's data is a POST (`method`), so it carries the CSRF
 * token and a link on another site cannot start it.
 */
export async function download(path: string, options: RequestOptions = {}, method: HttpMethod = "GET"): Promise<Download> {
  const response = await send(method, path, options, "application/json");
  return { blob: await response.blob(), filename: filenameFrom(response.headers.get("Content-Disposition")) };
}

async function send(method: HttpMethod, path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers = new Headers({ Accept: accept });
  if (options.body !== undefined) headers.set("Content-Type", "application/json");
  if (options.ifMatch !== undefined) headers.set("If-Match", `"${options.ifMatch}"`);
  if (isUnsafeMethod(method)) {
    const token = await csrfToken();
    if (token) headers.set(CSRF_HEADER, token);
  }
  if (options.idempotencyKey) headers.set("Idempotency-Key", options.idempotencyKey);

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError({ status: 0, code: NETWORK_ERROR, message: fallbackMessage(0, null) });
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401 && !options.expectUnauthenticated) unauthenticatedHandler?.(error);
    throw error;
  }
  return response;
}

let csrfPrimed = false;

/**
 * The server hands out the CSRF cookie with its responses. A visitor whose first action is
 * unsafe (the app normally asks "who am I?" first) gets one safe request to collect it.
 */
async function csrfToken(): Promise<string | null> {
  const token = readCsrfToken();
  if (token || csrfPrimed) return token;
  csrfPrimed = true;
  try {
    await fetch(buildUrl("/auth/me"), { credentials: "same-origin", headers: { Accept: "application/json" } });
  } catch {
    return null;
  }
  return readCsrfToken();
}

/** Test seam: forget that the CSRF cookie was already fetched once. */
export function resetCsrfPriming(): void {
  csrfPrimed = false;
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError({
      status: response.status,
      code: UNKNOWN_ERROR,
      message: "FitFolio sent an answer we couldn’t read. Please try again.",
    });
  }
}

export async function toApiError(response: Response): Promise<ApiError> {
  const retryAfterSeconds = parseRetryAfter(response.headers.get("Retry-After"));
  const envelope = await readErrorEnvelope(response);
  const fallback = fallbackMessage(response.status, retryAfterSeconds);
  return new ApiError({
    status: response.status,
    code: envelope?.code || codeForStatus(response.status),
    message: envelope?.message || fallback,
    requestId: envelope?.request_id ?? response.headers.get("X-Request-Id"),
    retryAfterSeconds,
    field: envelope?.field,
    currentVersion: envelope?.current_version,
  });
}

interface ErrorEnvelope {
  code?: string;
  message?: string;
  request_id?: string;
  field?: string;
  current_version?: number;
}

async function readErrorEnvelope(response: Response): Promise<ErrorEnvelope | null> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    return null;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null || !("error" in parsed)) return null;
    const error = (parsed as { error: unknown }).error;
    if (typeof error !== "object" || error === null) return null;
    const { code, message, request_id, field, current_version } = error as Record<string, unknown>;
    return {
      current_version: typeof current_version === "number" ? current_version : undefined,
      field: typeof field === "string" ? field : undefined,
      code: typeof code === "string" ? code : undefined,
      message: typeof message === "string" ? message : undefined,
      request_id: typeof request_id === "string" ? request_id : undefined,
    };
  } catch {
    return null;
  }
}

function codeForStatus(status: number): string {
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status === 423) return "locked";
  return UNKNOWN_ERROR;
}

function filenameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall through to the plain form */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() ?? null;
}

export function isAbort(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "AbortError";
}
