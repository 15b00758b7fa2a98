import { vi } from "vitest";

/** One request as the fake server saw it. */
export interface Call {
  method: string;
  /** Path below /api/v1, without the query string. */
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

type Reply = Response | ((call: Call) => Response | Promise<Response>);

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

export function apiError(status: number, code: string, message = "", headers: Record<string, string> = {}): Response {
  return json(status, { error: { code, message, request_id: "req-test" } }, headers);
}

/**
 * Stubs `fetch` with a table of "METHOD /path" → reply. Each reply may be given several
 * times (queued with `on`); the last one for a route keeps answering. Unknown routes get 404.
 */
export function fakeServer(routes: Record<string, Reply> = {}) {
  const queues = new Map<string, Reply[]>();
  const calls: Call[] = [];
  const on = (route: string, ...replies: Reply[]) => {
    const queue = queues.get(route) ?? [];
    queue.push(...replies);
    queues.set(route, queue);
  };
  for (const [route, reply] of Object.entries(routes)) on(route, reply);

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), "http://localhost:3000");
    const method = (init.method ?? "GET").toUpperCase();
    const call: Call = {
      method,
      path: url.pathname.replace(/^\/api\/v1/, ""),
      query: url.searchParams,
      headers: new Headers(init.headers),
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      credentials: init.credentials,
    };
    calls.push(call);
    if (init.signal?.aborted) throw new DOMException("The operation was aborted.", "AbortError");
    const queue = queues.get(`${method} ${call.path}`);
    if (!queue || queue.length === 0) return apiError(404, "not_found", `No fake for ${method} ${call.path}`);
    const reply = queue.length > 1 ? queue.shift()! : queue[0]!;
    const response = typeof reply === "function" ? await reply(call) : reply.clone();
    return response;
  });
  vi.stubGlobal("fetch", fetchMock);

  return {
    calls,
    on,
    fetchMock,
    /** Calls to one route, e.g. `server.callsTo("POST /auth/logout")`. */
    callsTo: (route: string) => calls.filter((call) => `${call.method} ${call.path}` === route),
  };
}
