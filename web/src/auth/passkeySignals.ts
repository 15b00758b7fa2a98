import { api } from "../api/fitfolio";
import type { PasskeySignals } from "../api/types";

/**
 * The WebAuthn Signal API (L3 §5.1.10): telling the browser's password manager which of this site's
 * passkeys FitFolio no longer accepts, and the name to show for the account, so people are not left
 * choosing passkeys that cannot sign in. Browsers without it (or without one of the three calls) are
 * simply not told: every function feature-detects and never throws, because a signal is advice.
 */
interface SignalApi {
  signalUnknownCredential?: (options: { rpId: string; credentialId: string }) => Promise<void>;
  signalAllAcceptedCredentials?: (options: { rpId: string; userId: string; allAcceptedCredentialIds: string[] }) => Promise<void>;
  signalCurrentUserDetails?: (options: { rpId: string; userId: string; name: string; displayName: string }) => Promise<void>;
}

function signalApi(): SignalApi | null {
  return typeof PublicKeyCredential === "undefined" ? null : (PublicKeyCredential as unknown as SignalApi);
}

/** True when the browser has at least one of the three signals. */
export function browserSupportsSignals(): boolean {
  const credential = signalApi();
  return (
    typeof credential?.signalUnknownCredential === "function" ||
    typeof credential?.signalAllAcceptedCredentials === "function" ||
    typeof credential?.signalCurrentUserDetails === "function"
  );
}

/**
 * After the server answered `unknown_credential`: no account has this credential id (it was deleted),
 * so the password manager may drop it. Resolves true when the browser was told.
 */
export async function signalUnknownCredential(rpId: string, credentialId: string): Promise<boolean> {
  const credential = signalApi();
  if (typeof credential?.signalUnknownCredential !== "function") return false;
  try {
    await credential.signalUnknownCredential({ rpId, credentialId });
    return true;
  } catch {
    return false;
  }
}

/** After a passkey was deleted: every credential id the account still accepts (the rest may go). */
export function signalAcceptedCredentials(): Promise<boolean> {
  return withAccount("signalAllAcceptedCredentials", (signal, { rpId, userId, credentialIds }) =>
    signal({ rpId, userId, allAcceptedCredentialIds: credentialIds }),
  );
}

/** After the address changed: the name the password manager shows for this account's passkeys. */
export function signalCurrentUserDetails(): Promise<boolean> {
  return withAccount("signalCurrentUserDetails", (signal, { rpId, userId, name, displayName }) => signal({ rpId, userId, name, displayName }));
}

/** Fetches the account's ids only where the browser has the signal, and only for an account with passkeys. */
async function withAccount<K extends "signalAllAcceptedCredentials" | "signalCurrentUserDetails">(
  name: K,
  call: (signal: NonNullable<SignalApi[K]>, account: PasskeySignals & { userId: string }) => Promise<void>,
): Promise<boolean> {
  const signal = signalApi()?.[name];
  if (typeof signal !== "function") return false;
  try {
    const account = await api.passkeys.signals();
    if (account.userId === null) return false;
    await call(signal.bind(signalApi()) as NonNullable<SignalApi[K]>, { ...account, userId: account.userId });
    return true;
  } catch {
    return false;
  }
}
