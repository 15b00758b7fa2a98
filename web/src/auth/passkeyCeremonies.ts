import { isApiError } from "../api/errors";
import { api } from "../api/fitfolio";
import type { AuthenticationResponseJSON, Passkey, PublicKeyCredentialRequestOptionsJSON, SignedIn, User } from "../api/types";
import { signalUnknownCredential } from "./passkeySignals";
import { webauthn } from "./webauthn";

/** Registers a new passkey for the signed-in user: server options, browser prompt, server check. */
export async function createPasskey(name?: string): Promise<Passkey> {
  const { options } = await api.passkeys.startRegistration();
  const credential = await webauthn.create(options);
  return api.passkeys.finishRegistration(credential, name?.trim() || undefined);
}

/**
 * Proves it is the signed-in person with one of their passkeys: the session becomes recent again
 * (sensitive changes), counts as passkey-proven (admin pages), and gets a new cookie.
 */
export async function confirmWithPasskey(): Promise<void> {
  const { ceremonyId, options } = await api.passkeys.startReauthentication();
  const credential = await webauthn.get(options);
  await api.passkeys.finishReauthentication(ceremonyId, credential);
}

/** A usernameless passkey sign-in through the browser's own prompt. */
export async function signInWithPasskey(): Promise<User> {
  const { ceremonyId, options } = await api.passkeys.startAuthentication();
  const credential = await webauthn.get(options);
  const { user } = await finishPasskeySignIn(ceremonyId, options, credential);
  return user;
}

/**
 * Sends the assertion; when the server knows no such passkey (deleted here, still in the password
 * manager), tells the browser so it can drop it, then reports the refusal as usual.
 */
export async function finishPasskeySignIn(
  ceremonyId: string,
  options: PublicKeyCredentialRequestOptionsJSON,
  credential: AuthenticationResponseJSON,
): Promise<SignedIn> {
  try {
    return await api.passkeys.finishAuthentication(ceremonyId, credential);
  } catch (error) {
    if (isApiError(error, "unknown_credential")) await signalUnknownCredential(options.rpId ?? window.location.hostname, credential.id);
    throw error;
  }
}
