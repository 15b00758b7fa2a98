import { useEffect, useState } from "react";
import { api } from "../api/fitfolio";
import type { SignInProvider } from "../api/types";

/** Why a provider sign-in came back to the sign-in page (`?external_error=`), in words. */
const EXTERNAL_ERRORS: Record<string, string> = {
  denied: "You cancelled at the provider. Nothing was changed.",
  failed: "Signing in with the provider didn’t work. Try again, or use your email.",
  replayed: "That sign-in was already used. Start again.",
  account_exists: "An account already uses this email address. Sign in with your email or passkey.",
  link_mailed:
    "An account already uses this email address. We emailed it a link: open it to link the provider and sign in, or sign in with your email or passkey.",
  refused: "This account can’t sign in with that provider right now.",
  unavailable: "The provider isn’t answering. Try again later, or use your email.",
};

export function externalSignInError(code: string | null): string | null {
  return code ? (EXTERNAL_ERRORS[code] ?? EXTERNAL_ERRORS["failed"]!) : null;
}

/** One "Continue with …" link per provider the server has on; nothing when none is, or when the list can’t be read. */
export function ProviderButtons() {
  const [providers, setProviders] = useState<SignInProvider[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    api.auth.providers({ signal: controller.signal }).then(
      (list) => setProviders(list.items),
      () => setProviders([]),
    );
    return () => controller.abort();
  }, []);

  if (providers.length === 0) return null;
  return (
    <div className="button-row">
      {providers.map((provider) => (
        // A full page load on purpose: the provider's sign-in page is another site.
        <a key={provider.id} className="button button--secondary" href={provider.startUrl}>
          Continue with {provider.name}
        </a>
      ))}
    </div>
  );
}
