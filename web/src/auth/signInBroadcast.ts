import type { User } from "../api/types";

/** The channel the tabs of this app share on one device (same origin only). */
const CHANNEL = "fitfolio.signIn";

interface SignedInMessage {
  type: "signed_in";
  user: User;
}

/**
 * Tells this app's other tabs that the emailed link signed the person in, so the tab left on
 * "Check your email" moves on by itself instead of waiting for a reload.
 */
export function announceSignIn(user: User): void {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ type: "signed_in", user } satisfies SignedInMessage);
  channel.close();
}

/** Calls `listener` when another tab announces a sign-in; returns the unsubscribe. */
export function onSignInElsewhere(listener: (user: User) => void): () => void {
  if (typeof BroadcastChannel === "undefined") return () => {};
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<SignedInMessage>) => {
    if (event.data?.type === "signed_in" && event.data.user) listener(event.data.user);
  };
  return () => channel.close();
}
