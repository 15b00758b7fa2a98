/**
 * Double-submit CSRF: the server sets a readable cookie and expects the same value back
 * in a header on every unsafe request. `__Host-` is used over HTTPS; plain-http local
 * development cannot set `__Host-` cookies, so the server falls back to `ff_csrf` there.
 */
export const CSRF_COOKIE_NAMES = ["__Host-ff_csrf", "ff_csrf"] as const;
export const CSRF_HEADER = "X-CSRF-Token";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

export function readCsrfToken(cookieString: string = document.cookie): string | null {
  const cookies = new Map<string, string>();
  for (const part of cookieString.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    if (!cookies.has(name)) cookies.set(name, value);
  }
  for (const name of CSRF_COOKIE_NAMES) {
    const value = cookies.get(name);
    if (value) return safeDecode(value);
  }
  return null;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
