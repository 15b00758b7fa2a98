// Passkeys end to end, with Chromium's virtual authenticator standing in for the device's
// screen lock.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
    apiResponse,
    enterCode,
    expectAccessible,
    expectSignedInAs,
    heading,
    mailIds,
    meStatus,
    newEmail,
    requestSignInMail,
    screenshot,
    waitForPath,
    withBrowser,
} from "./harness.mjs";
import { addVirtualAuthenticator, signOut } from "./passkey-helpers.mjs";

/** Records the mediation of every navigator.credentials.get call, so a test can wait for the autofill request. */
function recordCredentialRequests() {
    if (!window.isSecureContext || !navigator.credentials) return; // about:blank
    const calls = [];
    window.__ffCredentialGets = calls;
    const get = navigator.credentials.get.bind(navigator.credentials);
    navigator.credentials.get = (options) => {
        calls.push(options?.mediation ?? "optional");
        return get(options);
    };
}

test("a person creates a passkey when offered, then signs in with it without typing an email", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const context = await newContext();
        await context.addInitScript(recordCredentialRequests);
        const page = await context.newPage();
        const authenticator = await addVirtualAuthenticator(context, page);
        const email = newEmail("passkey");

        // Email sign-in first; the passkey offer follows.
        await page.goto("/signin");
        const mail = await requestSignInMail(page, email);
        await enterCode(page, mail.code);
        await heading(page, "Sign in faster next time");

        const started = apiResponse(page, "POST", "/auth/webauthn/register/start");
        const finished = apiResponse(page, "POST", "/auth/webauthn/register/finish");
        await page.getByRole("button", { name: "Create a passkey" }).click();
        assert.equal((await started).status(), 200, "register/start");
        const registered = await finished;
        assert.ok(registered.ok(), `register/finish answered ${registered.status()}`);
        await heading(page, "You’re all set");
        await page.getByRole("status").filter({ hasText: "Passkey created." }).waitFor();
        await screenshot(page, "10-passkey-created");

        const [credential, ...others] = await authenticator.credentials();
        assert.equal(others.length, 0, "one credential on the authenticator");
        assert.equal(credential.isResidentCredential, true, "a discoverable credential, so sign-in needs no email");
        assert.equal(credential.rpId, "localhost");

        await page.getByRole("button", { name: "Continue" }).click();
        await waitForPath(page, "/", "");
        await heading(page, "Your training log");
        assert.equal(await page.getByRole("complementary", { name: "Account tip" }).count(), 0, "no more nudge to add a passkey");

        await page.getByRole("link", { name: "Account" }).click();
        await waitForPath(page, "/account/passkeys", "");
        await heading(page, "Passkeys");
        await page.getByRole("list", { name: "Your passkeys" }).getByRole("listitem").first().waitFor();
        assert.equal(await page.getByRole("list", { name: "Your passkeys" }).getByRole("listitem").count(), 1);
        await expectAccessible(page, "passkeys");
        await screenshot(page, "11-passkeys");

        const mailBefore = await mailIds(email);

        // 1. Autofill: the sign-in page offers the passkey in the email field's suggestions. The virtual
        //    authenticator answers a conditional request at once, as a person picking it from the list would.
        await page.evaluate(() => window.__ffCredentialGets.splice(0));
        const autofillFinished = apiResponse(page, "POST", "/auth/webauthn/authenticate/finish");
        await signOut(page);
        assert.equal((await autofillFinished).status(), 200, "autofill sign-in accepted");
        await waitForPath(page, "/", "");
        await heading(page, "Your training log");
        await expectSignedInAs(page, email);
        assert.deepEqual(await page.evaluate(() => window.__ffCredentialGets), ["conditional"]);

        // 2. The button: the person ignores the autofill suggestion and presses "Sign in with a passkey".
        //    Presence is off until the autofill request is pending, so only the button's request is answered.
        await authenticator.setPresence(false);
        await page.evaluate(() => window.__ffCredentialGets.splice(0));
        await signOut(page);
        await waitForPath(page, "/signin", "");
        await heading(page, "Sign in to FitFolio");
        await page.waitForFunction(() => window.__ffCredentialGets?.includes("conditional"));
        await authenticator.setPresence(true);
        const buttonStarted = apiResponse(page, "POST", "/auth/webauthn/authenticate/start");
        const buttonFinished = apiResponse(page, "POST", "/auth/webauthn/authenticate/finish");
        await page.getByRole("button", { name: "Sign in with a passkey" }).click();
        assert.equal((await buttonStarted).status(), 200, "authenticate/start");
        const signedIn = await buttonFinished;
        assert.equal(signedIn.status(), 200, "authenticate/finish");
        assert.equal((await signedIn.json()).user.email, email, "the passkey says who this is: no email was typed");
        assert.deepEqual(await page.evaluate(() => window.__ffCredentialGets), ["conditional", "optional"]);

        // A passkey sign-in goes straight where the person was heading: no offer, no mail.
        await waitForPath(page, "/", "");
        await heading(page, "Your training log");
        await expectSignedInAs(page, email);
        assert.equal(await meStatus(context), 200);
        assert.deepEqual(await mailIds(email), mailBefore, "no sign-in mail was sent");
        const [used] = await authenticator.credentials();
        assert.ok(used.signCount >= 2, "the authenticator signed twice more");
    }));
