import { startTransition, useCallback } from "react";
import { useNavigate, useSearchParams } from "react-router";
import type { User } from "../api/types";
import { useSession } from "./session";
import { safeNextPath, withNext } from "./nextPath";
import { clearPendingSignIn } from "./pendingSignIn";

const OFFER_DISMISSED_KEY = "ff.passkeyOfferDismissed";

/** Remembered per user on this device, so "Not now" is not asked again at every sign-in here. */
export function dismissPasskeyOffer(userId: string): void {
  try {
    const ids = new Set(readDismissed());
    ids.add(userId);
    localStorage.setItem(OFFER_DISMISSED_KEY, JSON.stringify([...ids]));
  } catch {
    /* storage unavailable (private mode): the offer simply returns next time */
  }
}

function readDismissed(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(OFFER_DISMISSED_KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

/** "elsewhere": another tab of this browser signed in (and made any passkey offer there). */
export type SignInMethod = "email" | "passkey" | "elsewhere";

/** After an email sign-in by someone with no passkey, offer one before going on. */
export function destinationAfterSignIn(user: User, next: string, method: SignInMethod): string {
  const safeNext = safeNextPath(next);
  if (method === "email" && user.passkeyCount === 0 && !readDismissed().includes(user.id)) {
    return withNext("/welcome/passkey", safeNext);
  }
  return safeNext;
}

/** Records the new session and moves on to where the person was heading. */
export function useCompleteSignIn(): (user: User, method: SignInMethod, next?: string) => void {
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const nextFromUrl = params.get("next");
  return useCallback(
    (user: User, method: SignInMethod, next?: string) => {
      clearPendingSignIn();
      // One transition for both, or the guards of the old route would react to the new user first.
      startTransition(() => {
        signedIn(user);
        void navigate(destinationAfterSignIn(user, next ?? nextFromUrl ?? "/", method), { replace: true });
      });
    },
    [signedIn, navigate, nextFromUrl],
  );
}
