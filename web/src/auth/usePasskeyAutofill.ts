import { useCallback, useEffect, useEffectEvent, useRef, useState } from "react";
import { api } from "../api/fitfolio";
import type { User } from "../api/types";
import { finishPasskeySignIn } from "./passkeyCeremonies";
import { ceremonyErrorMessage, isCeremonyCancelled, webauthn } from "./webauthn";

interface Autofill {
  /** Ends the pending autofill request (the person chose another way to sign in). */
  stop: () => void;
  /** Offers passkeys in autofill again, e.g. after a cancelled passkey prompt. */
  restart: () => void;
}

/**
 * Conditional mediation: while the sign-in page is open, the browser lists this site's
 * passkeys in the email field's autofill menu (the field carries `autocomplete="username webauthn"`).
 * Preparation failures stay silent — the page still works without autofill — but a failure after
 * the person picked a passkey is reported.
 */
export function usePasskeyAutofill(onSignedIn: (user: User) => void, onError: (message: string) => void): Autofill {
  const [generation, setGeneration] = useState(0);
  const active = useRef<{ current: boolean } | null>(null);
  // Effect events: the pending request reports to the latest callbacks without restarting when they change.
  const signedIn = useEffectEvent(onSignedIn);
  const failed = useEffectEvent(onError);

  useEffect(() => {
    const run = { current: true };
    active.current = run;

    void (async () => {
      let options;
      let ceremonyId: string;
      try {
        if (!(await webauthn.isAutofillAvailable()) || !run.current) return;
        ({ ceremonyId, options } = await api.passkeys.startAuthentication());
      } catch {
        return;
      }
      if (!run.current) return;
      try {
        const credential = await webauthn.getFromAutofill(options);
        if (!run.current) return;
        const { user } = await finishPasskeySignIn(ceremonyId, options, credential);
        if (run.current) signedIn(user);
      } catch (error) {
        if (run.current && !isCeremonyCancelled(error)) failed(ceremonyErrorMessage(error, "use"));
      }
    })();

    return () => {
      run.current = false;
      webauthn.cancel();
    };
  }, [generation]);

  const stop = useCallback(() => {
    if (active.current?.current) {
      active.current.current = false;
      webauthn.cancel();
    }
  }, []);
  const restart = useCallback(() => setGeneration((value) => value + 1), []);
  return { stop, restart };
}
