// signalUnknownCredential in Debian's Chromium: a passkey deleted on the server but still on the device.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiResponse, heading, newEmail, openAccountSection, signUpWithCode, withBrowser } from "./harness.mjs";
import { addVirtualAuthenticator, signOut } from "./passkey-helpers.mjs";
import { addPasskey, base64url, signalCalls, spyOnSignals } from "./recovery-helpers.mjs";

test("a passkey the server no longer knows is signalled as unknown when someone signs in with it", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const email = newEmail("signals-unknown");
        const context = await newContext();
        await context.addInitScript(spyOnSignals);
        const page = await context.newPage();
        await signUpWithCode(page, email);
        const authenticator = await addVirtualAuthenticator(context, page);
        await openAccountSection(page, "Passkeys", "Passkeys");
        await addPasskey(page, "Only one");
        const [credential] = await authenticator.credentials();

        // Deleted elsewhere (another device, or support): this browser's password manager still holds it.
        const passkeyId = (await (await context.request.get("/api/v1/auth/webauthn/credentials")).json()).items[0].id;
        const deleted = await page.evaluate(async (id) => {
            const csrf =
                document.cookie
                    .split("; ")
                    .find((c) => c.includes("ff_csrf="))
                    ?.split("=")[1] ?? "";
            return (await fetch(`/api/v1/auth/webauthn/credentials/${id}`, { method: "DELETE", headers: { "X-CSRF-Token": csrf } })).status;
        }, passkeyId);
        assert.equal(deleted, 204);
        assert.equal((await signalCalls(page, "signalAllAcceptedCredentials")).length, 0, "the app did not delete it, so said nothing");

        // Presence off while signing out, so the autofill request is not answered; the button's is.
        await authenticator.setPresence(false);
        await signOut(page);
        await heading(page, "Sign in to FitFolio");
        await authenticator.setPresence(true);
        const finished = apiResponse(page, "POST", "/auth/webauthn/authenticate/finish");
        await page.getByRole("button", { name: "Sign in with a passkey" }).click();
        const answer = await finished;
        assert.equal(answer.status(), 400);
        assert.equal((await answer.json()).error.code, "unknown_credential");
        await page.waitForFunction(() => (window.__ffSignals ?? []).some((call) => call.name === "signalUnknownCredential"));
        assert.deepEqual(
            (await signalCalls(page, "signalUnknownCredential")).map((call) => call.options),
            [{ rpId: "localhost", credentialId: base64url(credential.credentialId) }],
        );
    }));
