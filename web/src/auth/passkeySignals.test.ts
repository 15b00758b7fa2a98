import { afterEach, describe, expect, it, vi } from "vitest";
import { apiError, fakeServer, json } from "../../test/fakeServer";
import { finishPasskeySignIn } from "./passkeyCeremonies";
import { browserSupportsSignals, signalAcceptedCredentials, signalCurrentUserDetails, signalUnknownCredential } from "./passkeySignals";

const signals = { rpId: "fitfolio.example", userId: "dXNlcg", credentialIds: ["AQID", "BAUG"], name: "ada@example.com", displayName: "ada@example.com" };

/** A PublicKeyCredential with the given signal functions (jsdom has none of its own). */
function browserWith(functions: Record<string, (...args: unknown[]) => Promise<void>>) {
  vi.stubGlobal(
    "PublicKeyCredential",
    Object.assign(function PublicKeyCredential() {}, functions),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("WebAuthn Signal API", () => {
  it("does nothing and throws nothing where the browser lacks it", async () => {
    browserWith({});
    const server = fakeServer({ "GET /auth/webauthn/signals": json(200, signals) });

    expect(browserSupportsSignals()).toBe(false);
    await expect(signalUnknownCredential("fitfolio.example", "AQID")).resolves.toBe(false);
    await expect(signalAcceptedCredentials()).resolves.toBe(false);
    await expect(signalCurrentUserDetails()).resolves.toBe(false);
    expect(server.callsTo("GET /auth/webauthn/signals")).toHaveLength(0);

    vi.stubGlobal("PublicKeyCredential", undefined);
    await expect(signalUnknownCredential("fitfolio.example", "AQID")).resolves.toBe(false);
  });

  it("passes the remaining credential ids and the user handle after a deletion", async () => {
    const signalAllAcceptedCredentials = vi.fn(() => Promise.resolve());
    browserWith({ signalAllAcceptedCredentials });
    fakeServer({ "GET /auth/webauthn/signals": json(200, signals) });

    await expect(signalAcceptedCredentials()).resolves.toBe(true);

    expect(signalAllAcceptedCredentials).toHaveBeenCalledExactlyOnceWith({
      rpId: "fitfolio.example",
      userId: "dXNlcg",
      allAcceptedCredentialIds: ["AQID", "BAUG"],
    });
  });

  it("passes the new address as name and display name", async () => {
    const signalCurrentUserDetails$ = vi.fn(() => Promise.resolve());
    browserWith({ signalCurrentUserDetails: signalCurrentUserDetails$ });
    fakeServer({ "GET /auth/webauthn/signals": json(200, { ...signals, name: "ada@new.example", displayName: "ada@new.example" }) });

    await expect(signalCurrentUserDetails()).resolves.toBe(true);

    expect(signalCurrentUserDetails$).toHaveBeenCalledExactlyOnceWith({
      rpId: "fitfolio.example",
      userId: "dXNlcg",
      name: "ada@new.example",
      displayName: "ada@new.example",
    });
  });

  it("says nothing for an account without passkeys, and swallows the browser's refusal", async () => {
    const signalAllAcceptedCredentials = vi.fn(() => Promise.reject(new DOMException("nope", "SecurityError")));
    browserWith({ signalAllAcceptedCredentials });
    fakeServer({ "GET /auth/webauthn/signals": json(200, { ...signals, userId: null }) });
    await expect(signalAcceptedCredentials()).resolves.toBe(false);
    expect(signalAllAcceptedCredentials).not.toHaveBeenCalled();

    fakeServer({ "GET /auth/webauthn/signals": json(200, signals) });
    await expect(signalAcceptedCredentials()).resolves.toBe(false);
    expect(signalAllAcceptedCredentials).toHaveBeenCalledOnce();
  });

  it("signals an unknown credential when the server refuses the sign-in with unknown_credential, and only then", async () => {
    const signalUnknownCredential$ = vi.fn(() => Promise.resolve());
    browserWith({ signalUnknownCredential: signalUnknownCredential$ });
    const credential = { id: "Z29uZQ", rawId: "Z29uZQ", type: "public-key", response: {}, clientExtensionResults: {} } as never;
    const options = { challenge: "Y2g", rpId: "fitfolio.example" };

    fakeServer({ "POST /auth/webauthn/authenticate/finish": apiError(400, "unknown_credential", "That passkey could not sign you in.") });
    await expect(finishPasskeySignIn("c1", options, credential)).rejects.toMatchObject({ code: "unknown_credential" });
    expect(signalUnknownCredential$).toHaveBeenCalledExactlyOnceWith({ rpId: "fitfolio.example", credentialId: "Z29uZQ" });

    fakeServer({ "POST /auth/webauthn/authenticate/finish": apiError(400, "invalid_signature", "That passkey could not sign you in.") });
    await expect(finishPasskeySignIn("c2", options, credential)).rejects.toMatchObject({ code: "invalid_signature" });
    expect(signalUnknownCredential$).toHaveBeenCalledOnce();
  });
});
