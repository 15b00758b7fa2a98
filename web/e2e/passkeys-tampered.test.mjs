// Tampered passkey assertions, end to end: the browser and Chromium's virtual authenticator produce a
// real assertion, and the test alters it on its way to authenticate/finish, as an attacker between
// the authenticator and the server would. The server must refuse it, the app must say so and keep
// the person signed out, and the refusals must not lock the person out of their real passkey.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiResponse, enterCode, expectSignedInAs, heading, meStatus, newEmail, requestSignInMail, screenshot, waitForPath, withBrowser } from "./harness.mjs";
import { addVirtualAuthenticator, signOut } from "./passkey-helpers.mjs";

const FINISH = "**/api/v1/auth/webauthn/authenticate/finish";
/** What the server says for any refused passkey sign-in (WebAuthnApi.SignInMessage). */
const REFUSED = "That passkey could not sign you in. Try again, or sign in by email.";

/**
 * Rewrites the next authenticate/finish body with `tamper(credential)` before it leaves the browser.
 * Returns the list of what was sent, so a test can check that exactly one request was altered.
 */
async function tamperWithFinish(page, tamper) {
    const altered = [];
    await page.route(FINISH, async (route) => {
        const body = route.request().postDataJSON();
        const before = structuredClone(body.credential.response);
        tamper(body.credential);
        altered.push({ before, after: body.credential.response });
        await route.continue({ postData: JSON.stringify(body) });
    });
    return altered;
}

/** Flips the low bit of the signature's last bytes: still well-formed DER (they lie inside the integer s), but no longer a signature. */
function flipSignature(credential) {
    const signature = Buffer.from(credential.response.signature, "base64url");
    for (let i = signature.length - 4; i < signature.length; i += 1) signature[i] ^= 0x01;
    credential.response.signature = signature.toString("base64url");
}

/** Clears UP (bit 0 of the flags byte, which follows the 32-byte rpIdHash) and leaves everything else, the signature included, alone. */
function clearUserPresent(credential) {
    const data = Buffer.from(credential.response.authenticatorData, "base64url");
    assert.equal(data[32] & 0x01, 0x01, "the authenticator set UP");
    assert.equal(data[32] & 0x04, 0x04, "the authenticator set UV, so only UP is missing");
    data[32] &= ~0x01;
    credential.response.authenticatorData = data.toString("base64url");
}

/** The answer to a tampered finish: a 400 JSON error envelope with `code`, shown to the person as an alert on the sign-in page. */
async function expectRefused(page, context, response, code) {
    assert.equal(response.status(), 400, `authenticate/finish answered ${response.status()}`);
    assert.match(response.headers()["content-type"] ?? "", /^application\/json/);
    const { error } = await response.json();
    assert.equal(error.code, code);
    assert.equal(error.message, REFUSED);
    assert.ok(error.request_id, "the error carries a request id");

    const alert = page.getByRole("alert");
    await alert.filter({ hasText: REFUSED }).waitFor();
    assert.equal(await alert.count(), 1, "one error on the page");
    assert.equal(new URL(page.url()).pathname, "/signin", "still on the sign-in page");
    await heading(page, "Sign in to FitFolio");
    assert.equal(await page.getByRole("banner").getByRole("button", { name: "Sign out" }).count(), 0, "nobody is shown as signed in");
    assert.equal(await meStatus(context), 401, "/auth/me: no session");
}

test("tampered passkey sign-ins (bogus signature, UP cleared) are refused; the real passkey still signs in", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const context = await newContext();
        const page = await context.newPage();
        const authenticator = await addVirtualAuthenticator(context, page);
        const email = newEmail("passkey-tampered");

        // Email sign-in, then "Create a passkey" from the offer.
        await page.goto("/signin");
        const mail = await requestSignInMail(page, email);
        await enterCode(page, mail.code);
        await heading(page, "Sign in faster next time");
        const registered = apiResponse(page, "POST", "/auth/webauthn/register/finish");
        await page.getByRole("button", { name: "Create a passkey" }).click();
        assert.equal((await registered).status(), 201, "register/finish");
        await heading(page, "You’re all set");
        const [credential, ...others] = await authenticator.credentials();
        assert.equal(others.length, 0, "one credential on the authenticator");
        await page.getByRole("button", { name: "Continue" }).click();
        await waitForPath(page, "/", "");
        await expectSignedInAs(page, email);

        // 1. Bogus signature. Signing out lands on /signin, whose passkey autofill the virtual authenticator
        //    answers at once; its assertion is altered in flight.
        const badSignature = await tamperWithFinish(page, flipSignature);
        let started = apiResponse(page, "POST", "/auth/webauthn/authenticate/start");
        let finished = apiResponse(page, "POST", "/auth/webauthn/authenticate/finish");
        await signOut(page);
        assert.equal((await started).status(), 200, "authenticate/start (10 a minute per IP)");
        await expectRefused(page, context, await finished, "bad_signature");
        assert.equal(badSignature.length, 1, "one finish was altered");
        assert.notEqual(badSignature[0].after.signature, badSignature[0].before.signature);
        assert.equal(badSignature[0].after.authenticatorData, badSignature[0].before.authenticatorData);
        await screenshot(page, "20-passkey-bad-signature");
        await page.unrouteAll();

        // 2. UP cleared: reloading the sign-in page offers the passkey again; this time its flags say no one
        //    was present. The signature (over the original flags) is left alone: §7.2 checks UP (step 16)
        //    before the signature (step 21), so the refusal names the flag.
        const noPresence = await tamperWithFinish(page, clearUserPresent);
        started = apiResponse(page, "POST", "/auth/webauthn/authenticate/start");
        finished = apiResponse(page, "POST", "/auth/webauthn/authenticate/finish");
        await page.reload();
        assert.equal((await started).status(), 200, "authenticate/start (10 a minute per IP)");
        await expectRefused(page, context, await finished, "user_presence_missing");
        assert.equal(noPresence.length, 1, "one finish was altered");
        assert.equal(noPresence[0].after.signature, noPresence[0].before.signature);
        await screenshot(page, "21-passkey-no-presence");
        await page.unrouteAll();

        // 3. Two failures are under the lockout threshold (5): the untouched passkey, from the button, signs in.
        started = apiResponse(page, "POST", "/auth/webauthn/authenticate/start");
        finished = apiResponse(page, "POST", "/auth/webauthn/authenticate/finish");
        await page.getByRole("button", { name: "Sign in with a passkey" }).click();
        assert.equal((await started).status(), 200, "authenticate/start (10 a minute per IP)");
        const signedIn = await finished;
        assert.equal(signedIn.status(), 200, "authenticate/finish");
        assert.equal((await signedIn.json()).user.email, email);
        await waitForPath(page, "/", "");
        await heading(page, "Your training log");
        await expectSignedInAs(page, email);
        assert.equal(await meStatus(context), 200);

        // The refused attempts were real assertions: the authenticator signed three times.
        const [used] = await authenticator.credentials();
        assert.equal(used.signCount, credential.signCount + 3, "three assertions since registration");
    }));
