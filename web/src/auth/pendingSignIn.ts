import { safeNextPath } from "./nextPath";

/**
 * What we remember between "send me a link" and opening it: the address (for the code form
 * and the resend button) and where the person was heading. Kept in localStorage because the
 * link usually opens in a new tab; dropped after an hour, when the link has long expired.
 */
export interface PendingSignIn {
  email: string;
  next: string;
}

const KEY = "ff.pendingSignIn";
const MAX_AGE_MS = 60 * 60 * 1000;

export function rememberPendingSignIn(pending: PendingSignIn, now: number = Date.now()): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...pending, at: now }));
  } catch {
    /* storage unavailable: the check-email page falls back to router state */
  }
}

export function readPendingSignIn(now: number = Date.now()): PendingSignIn | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? "null");
    if (typeof parsed !== "object" || parsed === null) return null;
    const { email, next, at } = parsed as Record<string, unknown>;
    if (typeof email !== "string" || typeof at !== "number" || now - at > MAX_AGE_MS) return null;
    return { email, next: safeNextPath(typeof next === "string" ? next : null) };
  } catch {
    return null;
  }
}

export function clearPendingSignIn(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    /* nothing to clear */
  }
}
