// The account screens end to end: API keys, changing the address, exporting, deleting.
// Every sign-in here is seconds old, so no sensitive change asks to re-authenticate
// (reauth.test.mjs covers that, against an instance with a short window).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import {
    apiResponse,
    declinePasskeyOffer,
    enterCode,
    expectAccessible,
    expectSignedInAs,
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
    waitForPath,
    withBrowser,
} from "./harness.mjs";

const CONFIRM_EMAIL_SUBJECT = "Confirm your new FitFolio email address";
const EMAIL_CHANGED_SUBJECT = "Your FitFolio email address was changed";
const ACCOUNT_DELETED_SUBJECT = "Your FitFolio account was deleted";

/** GET /api/v1/account the way a script would: Node's fetch, the key as a bearer token, no cookies. */
function accountWithKey(secret) {
    return fetch(url("/api/v1/account"), { headers: { Authorization: `Bearer ${secret}`, Accept: "application/json" } });
}

test("an API key is shown once, works as a bearer token, and stops working when deleted", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const context = await newContext();
        await context.grantPermissions(["clipboard-read", "clipboard-write"]);
        const page = await context.newPage();
        const email = newEmail("apikey");
        await signUpWithCode(page, email);

        const listed = apiResponse(page, "GET", "/account/api-keys");
        await openAccountSection(page, "API keys", "API keys");
        assert.equal((await listed).status(), 200);
        await page.getByRole("heading", { name: "No API keys" }).waitFor();

        // The sign-in is seconds old: the key is created without a re-authentication prompt.
        await page.getByLabel("Key name").fill("Nightly backup script");
        const created = apiResponse(page, "POST", "/account/api-keys");
        await page.getByRole("button", { name: "Create key" }).click();
        const createdResponse = await created;
        assert.equal(createdResponse.status(), 201, "the key is created");
        const { key, secret } = await createdResponse.json();
        assert.equal(await page.getByRole("dialog").count(), 0, "no re-authentication was asked for");
        assert.deepEqual(key.scopes, ["read"], "read is the default scope");
        assert.ok(secret.startsWith(key.prefix), "the prefix is the start of the secret");

        // The secret, once, with a warning and a copy button.
        await heading(page, "API keys");
        const notice = page.getByRole("region", { name: "Your new key “Nightly backup script”" });
        await notice.waitFor();
        assert.equal(await notice.getByLabel("Secret key").inputValue(), secret);
        await notice.getByText("This is the only time FitFolio shows this key").waitFor();
        await notice.getByRole("button", { name: "Copy key" }).click();
        await notice.getByRole("status").filter({ hasText: "Copied" }).waitFor();
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret, "the copy button copied the secret");
        await expectAccessible(page, "API keys");
        await screenshot(page, "50-api-key-created");

        // Listed by name and prefix, never by secret.
        const keys = page.getByRole("list", { name: "Your API keys" });
        const row = keys.getByRole("listitem").filter({ hasText: "Nightly backup script" });
        await row.getByText(`${key.prefix}…`, { exact: true }).waitFor();
        assert.equal(await keys.getByRole("listitem").count(), 1);
        assert.ok(!(await row.innerText()).includes(secret), "the list never shows the secret");

        // The key reads the account as a bearer token.
        const withKey = await accountWithKey(secret);
        assert.equal(withKey.status, 200, "GET /api/v1/account with the key");
        assert.equal((await withKey.json()).email, email);

        await page.getByRole("button", { name: "I’ve saved my key" }).click();
        await notice.waitFor({ state: "detached" });
        assert.ok(!(await page.content()).includes(secret), "the secret is gone from the page once dismissed");
        await page.getByRole("button", { name: "Create key" }).waitFor();

        // Deleting it in the UI revokes it: the same request is now refused.
        await row.getByRole("button", { name: "Delete Nightly backup script" }).click();
        const dialog = page.getByRole("dialog", { name: "Delete “Nightly backup script”?" });
        const revoked = apiResponse(page, "DELETE", `/account/api-keys/${key.id}`);
        await dialog.getByRole("button", { name: "Delete key" }).click();
        assert.equal((await revoked).status(), 204);
        await page.getByRole("status").filter({ hasText: "API key “Nightly backup script” deleted." }).waitFor();
        await page.getByRole("heading", { name: "No API keys" }).waitFor();
        assert.equal((await accountWithKey(secret)).status, 401, "the deleted key is refused");
        assert.equal(await meStatus(context), 200, "the session that deleted it is untouched");
    }));

test("changing the address: the link mailed to the new one switches the account over", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const context = await newContext();
        const page = await context.newPage();
        const oldEmail = newEmail("before");
        const newAddress = newEmail("after");
        await signUpWithCode(page, oldEmail);
        const oldMailSeen = await mailIds(oldEmail);

        await openAccountSection(page, "Email", "Email");
        await page.getByLabel("New email address").fill(newAddress);
        const requested = apiResponse(page, "POST", "/account/email-change");
        await page.getByRole("button", { name: "Change email" }).click();
        assert.equal((await requested).status(), 202);
        await page
            .getByRole("status")
            .filter({ hasText: `We sent a confirmation link to ${newAddress}` })
            .waitFor();
        assert.equal(await page.getByRole("dialog").count(), 0, "no re-authentication was asked for");
        await expectSignedInAs(page, oldEmail);
        await screenshot(page, "51-email-change-requested");

        // The confirmation goes to the new address; the link's token rides in the fragment.
        const mail = await nextMail(newAddress, CONFIRM_EMAIL_SUBJECT);
        const link = /(https?:\/\/\S+\/account\/email\/confirm#token=\S+)/.exec(mail.textBody ?? "")?.[1];
        assert.ok(link, `the mail carries a confirmation link:\n${mail.textBody}`);
        assert.equal(new URL(link).origin, new URL(url("/")).origin);

        // The page asks first whether to sign out every other session with the change (ticked by default).
        await page.goto(link);
        await heading(page, "Confirm your new address");
        assert.equal(new URL(page.url()).hash, "", "the token is wiped from the address bar");
        assert.ok(await page.getByRole("checkbox", { name: "Also sign out every other session" }).isChecked());
        const confirmed = apiResponse(page, "POST", "/account/email-change/confirm");
        await page.getByRole("button", { name: "Confirm new address" }).click();
        const confirmedResponse = await confirmed;
        assert.equal(confirmedResponse.status(), 200);
        assert.equal(confirmedResponse.request().postDataJSON().endOtherSessions, true);
        await heading(page, "Address changed");
        await page
            .getByRole("status")
            .filter({ hasText: `Your account now uses ${newAddress}` })
            .waitFor();
        await expectSignedInAs(page, newAddress);

        await page.getByRole("link", { name: "Back to your account" }).click();
        await waitForPath(page, "/account/email", "");
        await heading(page, "Email");
        await page.getByRole("region", { name: "Your address" }).getByText(newAddress, { exact: true }).waitFor();
        await expectAccessible(page, "account email");
        await screenshot(page, "52-email-changed");
        const me = await context.request.get(url("/api/v1/auth/me"));
        assert.equal((await me.json()).email, newAddress, "the server agrees");

        // The old address is told, and the link cannot be spent twice.
        await nextMail(oldEmail, EMAIL_CHANGED_SUBJECT, oldMailSeen);
        await page.goto(link);
        await page.getByRole("button", { name: "Confirm new address" }).click();
        await heading(page, "That link didn’t work");
        await page.getByRole("alert").filter({ hasText: "This link has expired or has already been used." }).waitFor();
    }));

test("exporting downloads the account as JSON; deleting it signs out, and the address can start afresh", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const context = await newContext();
        const page = await context.newPage();
        const email = newEmail("data");
        await signUpWithCode(page, email);
        const before = await (await context.request.get(url("/api/v1/auth/me"))).json();

        // A page on another site links to the export. The browser follows the link with the session
        // cookie (SameSite=Lax lets a top-level GET carry it), and no file comes back: the export is a POST.
        await context.route("http://evil.example/**", (route) =>
            route.fulfill({ contentType: "text/html", body: `<a id="grab" href="${url("/api/v1/account/export")}">free plan</a>` }),
        );
        const attacker = await context.newPage();
        const stolen = [];
        attacker.on("download", (file) => stolen.push(file));
        await attacker.goto("http://evil.example/");
        const linked = attacker.waitForResponse((candidate) => new URL(candidate.url()).pathname === "/api/v1/account/export");
        await attacker.click("#grab");
        const refused = await linked;
        assert.equal(refused.status(), 405, "the cross-site GET is not the export");
        assert.equal(refused.headers()["content-disposition"], undefined);
        await attacker.close();
        assert.deepEqual(stolen, [], "nothing was downloaded");

        await openAccountSection(page, "Your data", "Your data");
        const downloaded = page.waitForEvent("download");
        const exported = apiResponse(page, "POST", "/account/export");
        await page.getByRole("button", { name: "Download my data" }).click();
        assert.equal((await exported).status(), 200);
        const download = await downloaded;
        assert.match(download.suggestedFilename(), /\.json$/);
        const data = JSON.parse(await readFile(await download.path(), "utf8"));
        assert.equal(data.account.email, email, "the export is this account's");
        assert.equal(data.account.id, before.id);
        assert.ok(data.sessions.length >= 1, "it lists the sessions");
        assert.ok(Array.isArray(data.securityEvents) && data.securityEvents.length > 0, "and the account's security events");
        await page
            .getByRole("status")
            .filter({ hasText: `Your export “${download.suggestedFilename()}” is downloading.` })
            .waitFor();

        // Delete: the button waits for the address to be typed.
        const deleteButton = page.getByRole("button", { name: "Delete my account" });
        assert.equal(await deleteButton.isDisabled(), true);
        await page.getByLabel(`Type ${email} to confirm`).fill(email);
        assert.equal(await deleteButton.isEnabled(), true);
        await expectAccessible(page, "account data");
        await screenshot(page, "53-your-data");
        const mailSeen = await mailIds(email);
        const deleted = apiResponse(page, "DELETE", "/account");
        await deleteButton.click();
        assert.equal((await deleted).status(), 204);
        await waitForPath(page, "/signin", "");
        await heading(page, "Sign in to FitFolio");
        await page.getByRole("status").filter({ hasText: "Your account and its data have been deleted." }).waitFor();
        assert.equal(await meStatus(context), 401, "the session ended with the account");
        await nextMail(email, ACCOUNT_DELETED_SUBJECT, mailSeen);

        // The same address signs up again as somebody new.
        const mail = await requestSignInMail(page, email);
        const user = await enterCode(page, mail.code);
        assert.notEqual(user.id, before.id, "a fresh account");
        assert.equal(user.email, email);
        await declinePasskeyOffer(page);
        await waitForPath(page, "/", "");
        await expectSignedInAs(page, email);
    }));
