import { api } from "../api/fitfolio";
import type { Passkey, User } from "../api/types";
import { webauthn } from "./webauthn";

/** Registers a new passkey for the signed-in user: server options, browser prompt, server check. */
export async function createPasskey(name?: string): Promise<Passkey> {
  const { options } = await api.passkeys.startRegistration();
  const credential = await webauthn.create(options);
  return api.passkeys.finishRegistration(credential, name?.trim() || undefined);
}

/** A usernameless passkey sign-in through the browser's own prompt. */
export async function signInWithPasskey(): Promise<User> {
  const { ceremonyId, options } = await api.passkeys.startAuthentication();
  const credential = await webauthn.get(options);
  const { user } = await api.passkeys.finishAuthentication(ceremonyId, credential);
  return user;
}
