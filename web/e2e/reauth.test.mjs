// Re-authentication before a sensitive change, once the sign-in is no longer recent. Runs against
// the second API instance scripts/e2e.sh starts with Auth:RecentSignInWindow of a few seconds, so
// a sign-in goes stale for real while the test waits, instead of in ten minutes.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
    apiResponse,
    enterCode,
    heading,
    newEmail,
    openAccountSection,
    requestSignInMail,
    screenshot,
    signUpWithCode,
    waitForPath,
    withBrowser,
} from "./harness.mjs";
import { addVirtualAuthenticator } from "./passkey-helpers.mjs";

function reauthBaseUrl() {
    const value = process.env.FITFOLIO_E2E_REAUTH_BASE_URL;
    if (!value) {
        throw new Error("FITFOLIO_E2E_REAUTH_BASE_URL is not set: run through scripts/e2e.sh, which starts an instance with a short Auth:RecentSignInWindow");
    }
    return value.replace(/\/+$/, "");
}

/** How long a sign-in may take to go stale: the instance's window (seconds) plus a busy machine's slack. */
const STALE_DEADLINE_MS = 60_000;

/**
 * Waits until the server itself says this page's sign-in is no longer recent. The probe is a sensitive
 * change with an address the server rejects: while the sign-in is recent the handler answers 400
 * invalid_email (nothing changes); once stale, the recent-sign-in check answers 403 first.
 */
async function waitUntilSignInIsStale(page) {
    const deadline = Date.now() + STALE_DEADLINE_MS;
    for (;;) {
        const answer = await page.evaluate(async () => {
            const token = /(?:^|;\s*)ff_csrf=([^;]*)/.exec(document.cookie)?.[1] ?? "";
            const response = await fetch("/api/v1/account/email-change", {
                method: "POST",
                headers: { "Content-Type": "application/json", "X-CSRF-Token": decodeURIComponent(token) },
                body: JSON.stringify({ newEmail: "not an address" }),
            });
            return { status: response.status, code: (await response.json()).error?.code };
        });
        if (answer.status === 403) {
            assert.equal(answer.code, "reauthentication_required");
            return;
        }
        assert.deepEqual(answer, { status: 400, code: "invalid_email" }, "a recent sign-in reaches the handler, which changes nothing");
        if (Date.now() > deadline) throw new Error(`the sign-in was still recent after ${STALE_DEADLINE_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
}

test("a stale sign-in must be confirmed before creating an API key: with a passkey, or by signing in again", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const baseURL = reauthBaseUrl();
        const withPasskeyContext = await newContext({ baseURL });
        const emailOnlyContext = await newContext({ baseURL });
        const withPasskey = await withPasskeyContext.newPage();
        const emailOnly = await emailOnlyContext.newPage();

        // One person signs in by email and creates a passkey when offered; the other declines it.
        const authenticator = await addVirtualAuthenticator(withPasskeyContext, withPasskey);
        const passkeyEmail = newEmail("reauth-passkey");
        await withPasskey.goto("/signin");
        await enterCode(withPasskey, (await requestSignInMail(withPasskey, passkeyEmail)).code);
        await heading(withPasskey, "Sign in faster next time");
        const registered = apiResponse(withPasskey, "POST", "/auth/webauthn/register/finish");
        await withPasskey.getByRole("button", { name: "Create a passkey" }).click();
        assert.ok((await registered).ok(), "the passkey is created");
        await withPasskey.getByRole("button", { name: "Continue" }).click();
        await heading(withPasskey, "Your training log");
        const signaturesBefore = (await authenticator.credentials())[0].signCount;

        const plainEmail = newEmail("reauth-email");
        await signUpWithCode(emailOnly, plainEmail);

        await openAccountSection(withPasskey, "API keys", "API keys");
        await openAccountSection(emailOnly, "API keys", "API keys");
        await waitUntilSignInIsStale(withPasskey);
        await waitUntilSignInIsStale(emailOnly);

        // 1. With a passkey: the server asks for a fresh proof, the dialog gets one, the key is created.
        await withPasskey.getByLabel("Key name").fill("Stale but confirmed");
        const refused = apiResponse(withPasskey, "POST", "/account/api-keys");
        await withPasskey.getByRole("button", { name: "Create key" }).click();
        const refusedResponse = await refused;
        assert.equal(refusedResponse.status(), 403);
        assert.equal((await refusedResponse.json()).error.code, "reauthentication_required");
        const dialog = withPasskey.getByRole("dialog", { name: "Confirm it’s you" });
        await dialog.getByText("Use one of your passkeys to confirm it’s really you.").waitFor();
        await screenshot(withPasskey, "70-reauth-passkey");

        const reauthStarted = apiResponse(withPasskey, "POST", "/auth/reauthenticate/start");
        const reauthFinished = apiResponse(withPasskey, "POST", "/auth/reauthenticate/finish");
        const created = apiResponse(withPasskey, "POST", "/account/api-keys");
        await dialog.getByRole("button", { name: "Confirm with a passkey" }).click();
        assert.equal((await reauthStarted).status(), 200);
        assert.equal((await reauthFinished).status(), 204, "the passkey renews the recent sign-in");
        assert.equal((await created).status(), 201, "the same request, retried, now succeeds");
        await dialog.waitFor({ state: "hidden" });
        await withPasskey.getByRole("region", { name: "Your new key “Stale but confirmed”" }).getByLabel("Secret key").waitFor();
        assert.ok((await authenticator.credentials())[0].signCount > signaturesBefore, "the authenticator signed the re-authentication");

        // 2. Without a passkey: the dialog offers a fresh email sign-in, which comes back to the page.
        await emailOnly.getByLabel("Key name").fill("Stale, signed in again");
        const refusedAgain = apiResponse(emailOnly, "POST", "/account/api-keys");
        await emailOnly.getByRole("button", { name: "Create key" }).click();
        assert.equal((await refusedAgain).status(), 403);
        const signInAgain = emailOnly.getByRole("dialog", { name: "Confirm it’s you" });
        await signInAgain.getByText("your sign-in isn’t recent enough").waitFor();
        await screenshot(emailOnly, "71-reauth-sign-in-again");
        const loggedOut = apiResponse(emailOnly, "POST", "/auth/logout");
        await signInAgain.getByRole("button", { name: "Sign in again" }).click();
        assert.equal((await loggedOut).status(), 204);
        await waitForPath(emailOnly, "/signin", `?next=${encodeURIComponent("/account/api-keys")}`);
        await enterCode(emailOnly, (await requestSignInMail(emailOnly, plainEmail)).code);
        await waitForPath(emailOnly, "/account/api-keys", "");
        await heading(emailOnly, "API keys");

        await emailOnly.getByLabel("Key name").fill("Fresh again");
        const createdFresh = apiResponse(emailOnly, "POST", "/account/api-keys");
        await emailOnly.getByRole("button", { name: "Create key" }).click();
        assert.equal((await createdFresh).status(), 201, "a new sign-in is recent: no dialog this time");
        await emailOnly.getByRole("region", { name: "Your new key “Fresh again”" }).waitFor();
        assert.equal(await emailOnly.getByRole("dialog").count(), 0);
    }));

test("adding a passkey on a stale sign-in asks to confirm first; without a passkey that is a fresh sign-in, then the passkey is added", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const baseURL = reauthBaseUrl();
        const context = await newContext({ baseURL });
        const page = await context.newPage();
        await addVirtualAuthenticator(context, page);
        const email = newEmail("reauth-add-passkey");
        await signUpWithCode(page, email);
        await openAccountSection(page, "Passkeys", "Passkeys");
        await waitUntilSignInIsStale(page);

        // A stolen cookie would stop here: a new passkey needs a recent sign-in.
        const refused = apiResponse(page, "POST", "/auth/webauthn/register/start");
        await page.getByRole("button", { name: "Add a passkey" }).click();
        const refusedResponse = await refused;
        assert.equal(refusedResponse.status(), 403);
        assert.equal((await refusedResponse.json()).error.code, "reauthentication_required");
        const dialog = page.getByRole("dialog", { name: "Confirm it’s you" });
        await dialog.getByText("your sign-in isn’t recent enough").waitFor();
        await screenshot(page, "72-reauth-add-passkey");

        await dialog.getByRole("button", { name: "Sign in again" }).click();
        await waitForPath(page, "/signin", `?next=${encodeURIComponent("/account/passkeys")}`);
        await enterCode(page, (await requestSignInMail(page, email)).code);
        await waitForPath(page, "/account/passkeys", "");
        await heading(page, "Passkeys");

        const registered = apiResponse(page, "POST", "/auth/webauthn/register/finish");
        await page.getByRole("button", { name: "Add a passkey" }).click();
        assert.equal((await registered).status(), 201, "a fresh sign-in adds the passkey with no dialog");
        await page.getByRole("list", { name: "Your passkeys" }).getByRole("listitem").first().waitFor();
        assert.equal(await page.getByRole("dialog").count(), 0);
    }));
