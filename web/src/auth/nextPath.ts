/** Where sign-in sends people when no (usable) `next` was given. */
export const DEFAULT_AFTER_SIGN_IN = "/";

const SIGN_IN_PATHS = ["/signin", "/auth/link"];

/**
 * Accepts only same-origin paths, so a crafted `?next=//evil.example` or
 * `?next=https://…` cannot turn sign-in into an open redirect.
 */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return DEFAULT_AFTER_SIGN_IN;
  if (/[\u0000-\u001f]/.test(raw)) return DEFAULT_AFTER_SIGN_IN;
  let url: URL;
  try {
    url = new URL(raw, "https://fitfolio.invalid");
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (url.origin !== "https://fitfolio.invalid") return DEFAULT_AFTER_SIGN_IN;
  if (SIGN_IN_PATHS.some((path) => url.pathname === path || url.pathname.startsWith(`${path}/`))) {
    return DEFAULT_AFTER_SIGN_IN;
  }
  return `${url.pathname}${url.search}${url.hash}`;
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
