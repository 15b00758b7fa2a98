import {
  WebAuthnAbortService,
  WebAuthnError,
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  startRegistration,
} from "@simplewebauthn/browser";
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "../api/types";
import { ApiError, UserFacingError } from "../api/errors";

/**
 * The browser half of the passkey ceremonies. Everything that touches
 * `navigator.credentials` goes through here so screens stay testable.
 */
export const webauthn = {
  isSupported: (): boolean => browserSupportsWebAuthn(),

  /** True when the browser can offer passkeys in the email field's autofill list. */
  isAutofillAvailable: (): Promise<boolean> => (browserSupportsWebAuthn() ? browserSupportsWebAuthnAutofill() : Promise.resolve(false)),

  create: (optionsJSON: PublicKeyCredentialCreationOptionsJSON): Promise<RegistrationResponseJSON> => startRegistration({ optionsJSON }),

  get: (optionsJSON: PublicKeyCredentialRequestOptionsJSON): Promise<AuthenticationResponseJSON> => startAuthentication({ optionsJSON }),

  /** Conditional mediation: resolves only if the person picks a passkey from autofill. */
  getFromAutofill: (optionsJSON: PublicKeyCredentialRequestOptionsJSON): Promise<AuthenticationResponseJSON> =>
    startAuthentication({ optionsJSON, useBrowserAutofill: true }),

  /** Ends whichever ceremony is pending (an autofill request is the usual one). */
  cancel: (): void => WebAuthnAbortService.cancelCeremony(),
};

/** The person closed the prompt, it timed out, or we aborted it: not worth an alarm. */
export function isCeremonyCancelled(error: unknown): boolean {
  if (error instanceof WebAuthnError) {
    return error.code === "ERROR_CEREMONY_ABORTED" || causeName(error) === "NotAllowedError" || causeName(error) === "AbortError";
  }
  const name = (error as { name?: unknown } | null)?.name;
  return name === "NotAllowedError" || name === "AbortError";
}

function causeName(error: WebAuthnError): unknown {
  return (error.cause as { name?: unknown } | undefined)?.name;
}

/** Words for a failed browser ceremony, by what the authenticator or browser said. */
export function ceremonyErrorMessage(error: unknown, action: "create" | "use"): string {
  if (error instanceof ApiError || error instanceof UserFacingError) return error.message;
  if (isCeremonyCancelled(error)) {
    return action === "create" ? "Passkey creation was cancelled." : "Passkey sign-in was cancelled.";
  }
  if (error instanceof WebAuthnError) {
    if (error.code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED") {
      return "This device already holds a passkey for your account.";
    }
    if (error.code === "ERROR_INVALID_DOMAIN" || error.code === "ERROR_INVALID_RP_ID") {
      return "Passkeys don’t work on this address. Open FitFolio from its usual address and try again.";
    }
  }
  if (!browserSupportsWebAuthn()) return "This browser doesn’t support passkeys.";
  return `We couldn’t ${action} a passkey on this device. Please try again.`;
}
