/** Where sign-in sends people when no (usable) `next` was given. */
export const DEFAULT_AFTER_SIGN_IN = "/";

/** Longer than any path the app links to, short enough to keep in a URL and localStorage. */
export const MAX_NEXT_LENGTH = 2048;

const SIGN_IN_PATHS = ["/signin", "/auth/link"];

/**
 * The same-origin path a `next` value leads to, or home. Parsed with `URL` against the app's
 * own origin, exactly as the browser will resolve it, and answered as the parsed path (never the
 * raw text), so that `//evil.example`, `/\evil.example`, `/.//evil.example` (which normalizes to
 * `//evil.example`), schemes such as `javascript:` and absolute URLs elsewhere cannot turn
 * sign-in into an open redirect (ASVS 5.0 §3.7.2; OWASP Unvalidated Redirects cheat sheet).
 */
export function safeNextPath(raw: string | null | undefined, origin: string = window.location.origin): string {
  // The URL parser silently drops tabs and newlines ("java\tscript:" is javascript:): refuse them instead.
  // eslint-disable-next-line no-control-regex -- matching control characters is this check's purpose
  if (!raw || raw.length > MAX_NEXT_LENGTH || /[\u0000-\u001f\u007f]/.test(raw)) return DEFAULT_AFTER_SIGN_IN;
  let url: URL;
  let own: string;
  try {
    own = new URL(origin).origin;
    url = new URL(raw, own);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (url.origin !== own) return DEFAULT_AFTER_SIGN_IN;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can leave "//host" as the pathname; given to the router or history as a string,
  // that is a network-path reference to another host. Encoded slashes and backslashes are
  // refused too, because a router or proxy may decode them once on the way.
  if (leadsOffSite(url.pathname)) return DEFAULT_AFTER_SIGN_IN;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (leadsOffSite(decoded)) return DEFAULT_AFTER_SIGN_IN;
  const lower = url.pathname.toLowerCase();
  if (SIGN_IN_PATHS.some((signIn) => lower === signIn || lower.startsWith(`${signIn}/`))) return DEFAULT_AFTER_SIGN_IN;
  return path;
}

function leadsOffSite(pathname: string): boolean {
  return !pathname.startsWith("/") || pathname.startsWith("//") || pathname.startsWith("/\\");
}

export function signInPath(next: string): string {
  const safe = safeNextPath(next);
  return safe === DEFAULT_AFTER_SIGN_IN ? "/signin" : `/signin?next=${encodeURIComponent(safe)}`;
}

/** Appends `next` to an auth route, keeping it only when it leads somewhere other than home. */
export function withNext(path: string, next: string): string {
  const safe = safeNextPath(next);
  return safe === DEFAULT_AFTER_SIGN_IN ? path : `${path}?next=${encodeURIComponent(safe)}`;
}
