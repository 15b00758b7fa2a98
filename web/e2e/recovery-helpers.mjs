// Helpers of the recovery-code and Signal API browser tests: several passkeys for one account, and a
// spy on the WebAuthn Signal API that still makes the real calls (Debian's Chromium has all three).
import assert from "node:assert/strict";
import { apiResponse } from "./harness.mjs";

/**
 * Two passkeys for one account need two devices: an authenticator holding one refuses a second
 * (excludeCredentials). `next()` replaces the current virtual authenticator with a fresh one.
 */
export async function authenticators(context, page) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    const options = {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
    };
    let authenticatorId = (await cdp.send("WebAuthn.addVirtualAuthenticator", { options })).authenticatorId;
    return {
        credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
        next: async () => {
            await cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId });
            authenticatorId = (await cdp.send("WebAuthn.addVirtualAuthenticator", { options })).authenticatorId;
        },
    };
}

/** Records every Signal API call (name and argument) in window.__ffSignals, then makes the real call. */
export function spyOnSignals() {
    if (typeof PublicKeyCredential === "undefined") return;
    const calls = [];
    window.__ffSignals = calls;
    for (const name of ["signalUnknownCredential", "signalAllAcceptedCredentials", "signalCurrentUserDetails"]) {
        const real = PublicKeyCredential[name];
        if (typeof real !== "function") continue;
        PublicKeyCredential[name] = (options) => {
            calls.push({ name, options: JSON.parse(JSON.stringify(options)) });
            return real.call(PublicKeyCredential, options);
        };
    }
}

/** CDP hands ids back in standard base64; WebAuthn's JSON forms (and FitFolio) use base64url. */
export const base64url = (base64) => base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

export async function signalCalls(page, name) {
    return (await page.evaluate(() => window.__ffSignals ?? [])).filter((call) => call.name === name);
}

/** From the account's passkeys page: adds one named passkey with the virtual authenticator. */
export async function addPasskey(page, name) {
    await page.getByLabel("Name (optional)").fill(name);
    const registered = apiResponse(page, "POST", "/auth/webauthn/register/finish");
    await page.getByRole("button", { name: "Add a passkey" }).click();
    assert.equal((await registered).status(), 201, `passkey "${name}" added`);
    await page.getByRole("list", { name: "Your passkeys" }).getByRole("heading", { name }).waitFor();
}
