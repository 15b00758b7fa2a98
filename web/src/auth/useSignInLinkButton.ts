import { useState } from "react";
import type { SignedIn } from "../api/types";
import { useCompleteSignIn } from "./afterSignIn";
import { announceSignIn } from "./signInBroadcast";
import { useFragmentToken } from "./useFragmentToken";

/**
 * A mailed link that signs in when its button is pressed (`#token=…`): the token is spent by `confirm`, never on load, so
 * a mail scanner opening the link does nothing. On success the other tabs hear of the sign-in and this one moves on;
 * on failure `describe` says what went wrong and the button may be pressed again.
 */
export function useSignInLinkButton(spend: (token: string) => Promise<SignedIn>, describe: (caught: unknown) => string) {
  const completeSignIn = useCompleteSignIn();
  const token = useFragmentToken();
  const [error, setError] = useState<string | null>(token ? null : "This link is incomplete.");
  const [busy, setBusy] = useState(false);

  const confirm = () => {
    if (!token || busy) return;
    setBusy(true);
    spend(token).then(
      ({ user }) => {
        announceSignIn(user);
        completeSignIn(user, "email");
      },
      (caught: unknown) => {
        setBusy(false);
        setError(describe(caught));
      },
    );
  };

  return { token, error, busy, confirm };
}
