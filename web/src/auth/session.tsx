import { createContext, useCallback, useContext, useEffect, useEffectEvent, useMemo, useRef, useState, type ReactNode } from "react";
import { onUnauthenticated } from "../api/client";
import { api } from "../api/fitfolio";
import type { User } from "../api/types";
import { deleteOffline, offlineDbAvailable, readOffline, writeOffline } from "../offline/offlineDb";
import { isNetworkFailure } from "../offline/workoutCache";

// Who was signed in on this device, so a reload with no network still opens their logger. Forgotten at sign-out
// and when the server ends the session; never used when the server answers (a 401 wins over the copy).
function keepUser(user: User | null): void {
  if (!offlineDbAvailable()) return;
  (user ? writeOffline("session", "user", user) : deleteOffline("session", "user")).catch(() => undefined);
}

async function keptUser(): Promise<User | undefined> {
  return offlineDbAvailable() ? readOffline<User>("session", "user").catch(() => undefined) : undefined;
}

export type SessionStatus = "loading" | "ready" | "failed";

/** Why the person is signed out, so the sign-in page can say so. */
export type SignOutReason = "signed_out" | "session_ended" | "account_deleted" | null;

interface SessionValue {
  status: SessionStatus;
  user: User | null;
  loadError: unknown;
  signOutReason: SignOutReason;
  /** Called with the user a sign-in endpoint returned. */
  signedIn: (user: User) => void;
  /** Called with a fresher copy of the user (e.g. after adding a passkey). */
  updateUser: (user: User) => void;
  /** Asks the server again who is signed in. */
  refresh: () => Promise<void>;
  /** Forgets the user locally, e.g. after logout or account deletion. */
  signedOut: (reason: Exclude<SignOutReason, null>) => void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>("loading");
  const [user, setUser] = useState<User | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [signOutReason, setSignOutReason] = useState<SignOutReason>(null);

  // Bumped whenever we learn who is signed in by other means. An answer to "who am I?" that was
  // asked before that (e.g. the start-up call racing a magic-link sign-in) is stale and dropped.
  const epoch = useRef(0);

  const refresh = useCallback(async () => {
    const asked = epoch.current;
    try {
      const me = await api.auth.me();
      if (asked !== epoch.current) return;
      keepUser(me);
      setUser(me);
      setLoadError(null);
      setStatus("ready");
    } catch (error) {
      const kept = isNetworkFailure(error) ? await keptUser() : undefined;
      if (asked !== epoch.current) return;
      if (kept) {
        setUser(kept);
        setStatus("ready");
        return;
      }
      setLoadError(error);
      setStatus((current) => (current === "loading" ? "failed" : current));
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // A 401 from any call means the session is gone (expired, or revoked by an admin on any silo).
  // An effect event, so the one subscription reads the latest `user`.
  const sessionEnded = useEffectEvent(() => {
    epoch.current += 1;
    if (user) setSignOutReason("session_ended");
    keepUser(null);
    setUser(null);
  });
  useEffect(() => onUnauthenticated(() => sessionEnded()), []);

  const signedIn = useCallback((next: User) => {
    epoch.current += 1;
    keepUser(next);
    setUser(next);
    setSignOutReason(null);
    setStatus("ready");
  }, []);

  const signedOut = useCallback((reason: Exclude<SignOutReason, null>) => {
    epoch.current += 1;
    keepUser(null);
    setUser(null);
    setStatus("ready");
    setSignOutReason(reason);
  }, []);

  const value = useMemo<SessionValue>(
    () => ({ status, user, loadError, signOutReason, signedIn, updateUser: signedIn, refresh, signedOut }),
    [status, user, loadError, signOutReason, signedIn, refresh, signedOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession must be used inside <SessionProvider>");
  return value;
}

/** The signed-in user; only for screens behind RequireAuth. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error("useUser needs a signed-in user; wrap the route in <RequireAuth>");
  return user;
}
