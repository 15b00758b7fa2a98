// Passkey helpers shared by the passkey browser tests: Chromium's virtual authenticator over CDP,
// and signing out through the app's header.
import assert from "node:assert/strict";
import { apiResponse } from "./harness.mjs";

/** A platform authenticator (like a phone's or laptop's) that holds discoverable credentials and verifies the user. */
export async function addVirtualAuthenticator(context, page) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
        options: {
            protocol: "ctap2",
            transport: "internal",
            hasResidentKey: true,
            hasUserVerification: true,
            isUserVerified: true,
            automaticPresenceSimulation: true,
        },
    });
    return {
        credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
        /** With presence off the authenticator answers nobody, as if the person ignored the prompt. */
        setPresence: (enabled) => cdp.send("WebAuthn.setAutomaticPresenceSimulation", { authenticatorId, enabled }),
    };
}

export async function signOut(page) {
    const loggedOut = apiResponse(page, "POST", "/auth/logout");
    await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
    assert.equal((await loggedOut).status(), 204);
}
