// After a change a thief holding a copy of the session would also make (a new passkey, a new
// address), the app offers to sign out every other session; a changed address also strands the
// sign-in links mailed to the old one. One person, two browsers.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
    apiResponse,
    heading,
    mailIds,
    meStatus,
    newEmail,
    nextMail,
    openAccountSection,
    requestSignInMail,
    screenshot,
    signUpWithCode,
    url,
    withBrowser,
} from "./harness.mjs";
import { addVirtualAuthenticator } from "./passkey-helpers.mjs";

const OTHER_DEVICE_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0";
const PASSKEY_ADDED_SUBJECT = "A passkey was added to your FitFolio account";
const CONFIRM_EMAIL_SUBJECT = "Confirm your new FitFolio email address";

/** The same person signed in (by emailed code) in two browsers: this one and a "Firefox on Windows". */
async function signedInTwice(newContext, label) {
    const email = newEmail(label);
    const here = await newContext();
    const elsewhere = await newContext({ userAgent: OTHER_DEVICE_UA });
    const page = await here.newPage();
    await signUpWithCode(page, email);
    await signUpWithCode(await elsewhere.newPage(), email);
    assert.equal(await meStatus(elsewhere), 200);
    return { email, here, elsewhere, page };
}

test("adding a passkey mails the owner and offers to sign out the other sessions, which ends them", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const { email, here, elsewhere, page } = await signedInTwice(newContext, "offer-passkey");
        const seen = await mailIds(email);
        await addVirtualAuthenticator(here, page);

        await openAccountSection(page, "Passkeys", "Passkeys");
        await page.getByLabel("Name (optional)").fill("Work laptop");
        const registered = apiResponse(page, "POST", "/auth/webauthn/register/finish");
        await page.getByRole("button", { name: "Add a passkey" }).click();
        assert.equal((await registered).status(), 201, "a seconds-old sign-in adds a passkey without a confirmation");
        assert.equal(await page.getByRole("dialog").count(), 0);

        const offer = page.getByRole("region", { name: "Sign out your other sessions?" });
        await offer.getByText("You added a passkey. You have 1 other session open.").waitFor();
        await screenshot(page, "80-offer-to-end-other-sessions");
        const revoked = apiResponse(page, "POST", "/auth/sessions/revoke-all-others");
        await offer.getByRole("button", { name: "Sign out 1 other session" }).click();
        const revokedResponse = await revoked;
        assert.equal(revokedResponse.status(), 200);
        assert.deepEqual(await revokedResponse.json(), { revoked: 1 });
        await page.getByRole("status").filter({ hasText: "Signed out 1 other session." }).waitFor();
        assert.equal(await offer.count(), 0, "the offer goes once taken");
        assert.equal(await meStatus(elsewhere), 401, "the other browser is signed out");
        assert.equal(await meStatus(here), 200, "this one stays");

        // The owner hears of the passkey, with a link to review sessions and passkeys on the app.
        const notice = await nextMail(email, PASSKEY_ADDED_SUBJECT, seen);
        assert.match(notice.textBody, /Passkey: Work laptop/);
        // Line endings as the mailbox hands them back (smtp4dev's plain text uses \n).
        assert.ok(notice.textBody.replace(/\r\n/g, "\n").includes(`Review your sessions and passkeys:\n${url("/account/sessions")}`), notice.textBody);
    }));

test("confirming a new address asks whether to sign out everywhere else, and strands links mailed to the old one", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const { email, here, elsewhere, page } = await signedInTwice(newContext, "offer-address");
        const newAddress = newEmail("offer-address-new");

        // Someone asks for a sign-in link to the old address; it is still pending when the address changes.
        const strangerContext = await newContext();
        const stranger = await strangerContext.newPage();
        await stranger.goto("/signin");
        const pending = await requestSignInMail(stranger, email);

        await openAccountSection(page, "Email", "Email");
        await page.getByLabel("New email address").fill(newAddress);
        const requested = apiResponse(page, "POST", "/account/email-change");
        await page.getByRole("button", { name: "Change email" }).click();
        assert.equal((await requested).status(), 202);
        const mail = await nextMail(newAddress, CONFIRM_EMAIL_SUBJECT);
        const link = /(https?:\/\/\S+\/account\/email\/confirm#token=\S+)/.exec(mail.textBody ?? "")?.[1];
        assert.ok(link, `the mail carries a confirmation link:\n${mail.textBody}`);

        await page.goto(link);
        await heading(page, "Confirm your new address");
        const ask = page.getByRole("checkbox", { name: "Also sign out every other session" });
        assert.ok(await ask.isChecked(), "signing out elsewhere is the default");
        await screenshot(page, "81-confirm-new-address");
        const confirmed = apiResponse(page, "POST", "/account/email-change/confirm");
        await page.getByRole("button", { name: "Confirm new address" }).click();
        const confirmedResponse = await confirmed;
        assert.equal(confirmedResponse.status(), 200);
        assert.equal(confirmedResponse.request().postDataJSON().endOtherSessions, true);
        await heading(page, "Address changed");
        await page.getByRole("status").filter({ hasText: "Every other session was signed out." }).waitFor();
        assert.equal(await meStatus(elsewhere), 401, "the other browser is signed out");
        assert.equal((await (await here.request.get(url("/api/v1/auth/me"))).json()).email, newAddress, "this one stays, on the new address");

        // The link mailed to the old address before the change no longer signs anyone in.
        const refused = apiResponse(stranger, "POST", "/auth/magic-link/verify");
        await stranger.goto(pending.link);
        assert.equal((await refused).status(), 400);
        await heading(stranger, "That link didn’t work");
        assert.equal(await meStatus(strangerContext), 401);
    }));
