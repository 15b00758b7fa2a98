// An admin, in another browser, ends a person's sessions and locks and unlocks the account; the
// person's browser feels each step at its next action, and the audit log shows what happened.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
    apiResponse,
    enterCode,
    expectAccessible,
    expectSignedInAs,
    heading,
    meStatus,
    newEmail,
    requestSignInMail,
    screenshot,
    signUpWithCode,
    url,
    waitForPath,
    withBrowser,
} from "./harness.mjs";
import { addVirtualAuthenticator } from "./passkey-helpers.mjs";

/** The address scripts/e2e.sh configures as an admin (Auth:AdminEmails). */
function adminEmail() {
    const email = process.env.FITFOLIO_E2E_ADMIN_EMAIL;
    if (!email) throw new Error("FITFOLIO_E2E_ADMIN_EMAIL is not set: run through scripts/e2e.sh, or name an address in Auth:AdminEmails");
    return email;
}

const signInPathTo = (next) => `?next=${encodeURIComponent(next)}`;

/** Creates an API key from the person's signed-in page, as the app would; answers its secret. */
async function createApiKey(page) {
    const created = await page.evaluate(async () => {
        const csrf = document.cookie
            .split("; ")
            .find((c) => c.startsWith("ff_csrf="))
            ?.split("=")[1];
        const response = await fetch("/api/v1/account/api-keys", {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
            body: JSON.stringify({ name: "sync script", scopes: ["read", "write"] }),
        });
        return { status: response.status, body: await response.json() };
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body.secret;
}

const accountWithKey = (secret) => fetch(url("/api/v1/account"), { headers: { Authorization: `Bearer ${secret}`, Accept: "application/json" } });

/** The rows of the admin's audit table, as [type, user] pairs. */
async function auditRows(page) {
    const rows = page.getByRole("region", { name: "Audit events" }).locator("tbody tr");
    const count = await rows.count();
    const result = [];
    for (let i = 0; i < count; i += 1) {
        const cells = rows.nth(i).getByRole("cell");
        result.push([await cells.nth(1).innerText(), await cells.nth(2).innerText()]);
    }
    return result;
}

/** Filters the audit log by event type (the user filter stays) and waits for the answer. */
async function filterAuditByType(page, type) {
    const loaded = apiResponse(page, "GET", "/admin/audit/events");
    await page.getByLabel("Event type").fill(type);
    await page.getByRole("button", { name: "Apply filters" }).click();
    const response = await loaded;
    assert.equal(response.status(), 200, `audit events of type ${type}`);
    assert.equal(new URL(response.url()).searchParams.get("type"), type);
    await page
        .getByRole("status")
        .filter({ hasText: /^Showing \d+ events?\.$/ })
        .waitFor();
    return auditRows(page);
}

test("an admin signs a person out everywhere, locks and unlocks them, and the audit log shows it", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const email = newEmail("member");
        const admin = adminEmail();
        const personContext = await newContext();
        const adminContext = await newContext();
        const person = await personContext.newPage();
        const adminPage = await adminContext.newPage();

        // The person signs up by emailed code and takes the passkey offer, so the admin sees both a
        // session and a passkey. With presence off, the passkey answers nothing until the test says so.
        const authenticator = await addVirtualAuthenticator(personContext, person);
        await person.goto("/signin");
        const mail = await requestSignInMail(person, email);
        const user = await enterCode(person, mail.code);
        await heading(person, "Sign in faster next time");
        const registered = apiResponse(person, "POST", "/auth/webauthn/register/finish");
        await person.getByRole("button", { name: "Create a passkey" }).click();
        assert.ok((await registered).ok(), "the person's passkey is created");
        await heading(person, "You’re all set");
        await authenticator.setPresence(false);
        await person.getByRole("button", { name: "Continue" }).click();
        await heading(person, "Your training log");
        // A signed-in page that makes no calls of its own, so the next click is the first to learn.
        await person.getByRole("banner").getByRole("link", { name: "Account" }).click();
        await person.getByRole("navigation", { name: "Account settings" }).getByRole("link", { name: "Email" }).click();
        await heading(person, "Email");
        // The person also holds an API key, which outlives every session unless the admin revokes it too.
        const secret = await createApiKey(person);
        assert.equal((await accountWithKey(secret)).status, 200);

        // The admin signs in elsewhere by emailed code. Admin pages need a session last proved with a
        // passkey, so they first ask the admin to add one (registering is no proof) and confirm with it.
        await addVirtualAuthenticator(adminContext, adminPage);
        await signUpWithCode(adminPage, admin);
        const refusedProbe = apiResponse(adminPage, "GET", "/admin/audit/event-types");
        await adminPage.getByRole("banner").getByRole("link", { name: "Admin" }).click();
        const refusedProbeResponse = await refusedProbe;
        assert.equal(refusedProbeResponse.status(), 403);
        assert.equal((await refusedProbeResponse.json()).error.code, "admin_passkey_required");
        await heading(adminPage, "Confirm with a passkey");
        await screenshot(adminPage, "59-admin-passkey-required");
        const adminRegistered = apiResponse(adminPage, "POST", "/auth/webauthn/register/finish");
        await adminPage.getByRole("button", { name: "Add a passkey" }).click();
        assert.equal((await adminRegistered).status(), 201);
        assert.equal(await adminPage.getByRole("heading", { level: 1 }).innerText(), "Confirm with a passkey", "a new passkey is not yet a proof");
        const reauthenticated = apiResponse(adminPage, "POST", "/auth/reauthenticate/finish");
        const users = apiResponse(adminPage, "GET", "/admin/users");
        await adminPage.getByRole("button", { name: "Confirm with a passkey" }).click();
        assert.equal((await reauthenticated).status(), 204);
        await heading(adminPage, "Users");
        assert.equal((await users).status(), 200);
        const searched = apiResponse(adminPage, "GET", "/admin/users");
        await adminPage.getByLabel("Search by email or user ID").fill(email);
        await adminPage.getByRole("button", { name: "Search" }).click();
        assert.equal(new URL((await searched).url()).searchParams.get("query"), email);
        await adminPage.getByRole("status").filter({ hasText: "1 user found." }).waitFor();
        const found = adminPage.getByRole("region", { name: "Users" }).locator("tbody tr");
        assert.equal(await found.count(), 1);
        const foundCells = found.first().getByRole("cell");
        assert.equal(await foundCells.nth(2).innerText(), "1", "one session");
        assert.equal(await foundCells.nth(3).innerText(), "1", "one passkey");
        assert.equal(await foundCells.nth(4).innerText(), "Active");
        await expectAccessible(adminPage, "admin users");
        await screenshot(adminPage, "60-admin-users");

        const detailLoaded = apiResponse(adminPage, "GET", `/admin/users/${user.id}`);
        await found.getByRole("link", { name: email }).click();
        assert.equal((await detailLoaded).status(), 200);
        await waitForPath(adminPage, `/admin/users/${user.id}`);
        await heading(adminPage, email);
        const sessions = adminPage.getByRole("region", { name: "Sessions" });
        await sessions.getByRole("cell", { name: "Chrome on Linux" }).waitFor();
        assert.equal(await sessions.locator("tbody tr").count(), 1);
        const passkeys = adminPage.getByRole("region", { name: "Passkeys" });
        assert.equal(await passkeys.locator("tbody tr").count(), 1);
        await adminPage.getByRole("heading", { name: "Sessions (1)" }).waitFor();
        await adminPage.getByRole("heading", { name: "Passkeys (1)" }).waitFor();
        await screenshot(adminPage, "61-admin-user-detail");

        // 1. Sign out everywhere, after a confirmation, ticking "also revoke every API key".
        await adminPage.getByRole("button", { name: "Sign out everywhere" }).click();
        const revokeDialog = adminPage.getByRole("dialog", { name: `Sign ${email} out everywhere?` });
        const alsoKeys = revokeDialog.getByRole("checkbox", { name: "Also revoke every API key" });
        assert.equal(await alsoKeys.isChecked(), false, "keys are kept unless the admin asks");
        await alsoKeys.check();
        await screenshot(adminPage, "61b-admin-revoke-with-keys");
        const revoked = apiResponse(adminPage, "POST", `/admin/users/${user.id}/revoke-sessions`);
        await revokeDialog.getByRole("button", { name: "Sign out everywhere" }).click();
        const revokedResponse = await revoked;
        assert.equal(revokedResponse.status(), 200);
        assert.deepEqual(revokedResponse.request().postDataJSON(), { revokeApiKeys: true });
        assert.deepEqual(await revokedResponse.json(), { revoked: 1, apiKeysRevoked: 1 });
        await adminPage
            .getByRole("status")
            .filter({ hasText: `Signed ${email} out of 1 session and revoked 1 API key.` })
            .waitFor();
        assert.equal((await accountWithKey(secret)).status, 401, "the key is refused once the admin's answer is in");
        await adminPage.getByRole("heading", { name: "Sessions (0)" }).waitFor();
        await adminPage.getByText("No active sessions.").waitFor();

        // The person's next action meets a 401 and lands on sign-in, keeping where it was going.
        const refused = apiResponse(person, "GET", "/auth/sessions");
        await person.getByRole("navigation", { name: "Account settings" }).getByRole("link", { name: "Sessions" }).click();
        assert.equal((await refused).status(), 401);
        await waitForPath(person, "/signin", signInPathTo("/account/sessions"));
        await heading(person, "Sign in to FitFolio");
        await person.getByRole("status").filter({ hasText: "Your session has ended." }).waitFor();
        await screenshot(person, "62-signed-out-by-admin");
        assert.equal(await meStatus(personContext), 401);

        // They may sign in again: the passkey answers the sign-in page's autofill.
        await person.goto("about:blank");
        await authenticator.setPresence(true);
        const passkeySignIn = apiResponse(person, "POST", "/auth/webauthn/authenticate/finish");
        await person.goto(`/signin${signInPathTo("/account/sessions")}`);
        assert.equal((await passkeySignIn).status(), 200, "signing in again is allowed");
        await waitForPath(person, "/account/sessions", "");
        await heading(person, "Sessions");

        // 2. Lock, for 15 minutes: it ends the new session too.
        await adminPage.reload();
        await adminPage.getByRole("heading", { name: "Sessions (1)" }).waitFor();
        await adminPage.getByLabel("Lock for").selectOption({ label: "15 minutes" });
        await adminPage.getByRole("button", { name: "Lock account" }).click();
        const lockDialog = adminPage.getByRole("dialog", { name: `Lock ${email} for 15 minutes?` });
        const locked = apiResponse(adminPage, "POST", `/admin/users/${user.id}/lock`);
        await lockDialog.getByRole("button", { name: "Lock account" }).click();
        const lockedResponse = await locked;
        assert.equal(lockedResponse.status(), 204);
        assert.deepEqual(lockedResponse.request().postDataJSON(), { minutes: 15 });
        await adminPage
            .getByRole("status")
            .filter({ hasText: `${email} is locked for 15 minutes.` })
            .waitFor();
        await adminPage.getByText(/^Locked until /).waitFor();
        await adminPage.getByRole("heading", { name: "Sessions (0)" }).waitFor();
        await adminPage.getByRole("button", { name: "Unlock account" }).waitFor();
        await screenshot(adminPage, "63-admin-user-locked");

        // The person's next action lands on sign-in, where the passkey (answering autofill at once) is refused...
        const refusedAgain = apiResponse(person, "GET", "/auth/webauthn/credentials");
        const lockedPasskey = apiResponse(person, "POST", "/auth/webauthn/authenticate/finish");
        await person.getByRole("navigation", { name: "Account settings" }).getByRole("link", { name: "Passkeys" }).click();
        assert.equal((await refusedAgain).status(), 401);
        await waitForPath(person, "/signin", signInPathTo("/account/passkeys"));
        const lockedAnswer = await lockedPasskey;
        assert.equal(lockedAnswer.status(), 403);
        assert.equal((await lockedAnswer.json()).error.code, "account_locked");
        await person.getByRole("alert").filter({ hasText: "This account is locked." }).waitFor();
        assert.equal(await meStatus(personContext), 401);
        await screenshot(person, "64-sign-in-while-locked");

        // ...and email sign-in answers as always (it tells nobody whether an address is locked) but
        // sends nothing: the audit log below shows the refusal.
        await person.getByLabel("Email address").fill(email);
        const mailStarted = apiResponse(person, "POST", "/auth/magic-link/start");
        await person.getByRole("button", { name: "Email me a sign-in link" }).click();
        assert.equal((await mailStarted).status(), 202);
        await heading(person, "Check your email");

        // 3. Unlock: the passkey signs the person in again.
        const unlocked = apiResponse(adminPage, "POST", `/admin/users/${user.id}/unlock`);
        await adminPage.getByRole("button", { name: "Unlock account" }).click();
        assert.equal((await unlocked).status(), 204);
        await adminPage
            .getByRole("status")
            .filter({ hasText: `${email} is unlocked.` })
            .waitFor();
        await adminPage.getByRole("main").getByText("Active", { exact: true }).waitFor();
        const unlockedSignIn = apiResponse(person, "POST", "/auth/webauthn/authenticate/finish");
        await person.goto(`/signin${signInPathTo("/account/passkeys")}`);
        assert.equal((await unlockedSignIn).status(), 200, "the unlocked account signs in");
        await waitForPath(person, "/account/passkeys", "");
        await expectSignedInAs(person, email);

        // 4. The audit log, narrowed to this person, then to each kind of event.
        const userEvents = apiResponse(adminPage, "GET", "/admin/audit/events");
        await adminPage.getByRole("link", { name: "View this user’s audit events" }).click();
        await heading(adminPage, "Audit log");
        assert.equal(new URL((await userEvents).url()).searchParams.get("userId"), user.id);
        assert.equal(await adminPage.getByLabel("User ID").inputValue(), user.id);
        const all = await auditRows(adminPage);
        assert.ok(all.length > 5, "the person's sign-ins and the admin's actions are all there");
        assert.ok(
            all.every(([, who]) => who === email),
            "only this person's events",
        );
        const types = all.map(([type]) => type);
        for (const type of [
            "session_created",
            "webauthn_register_finish_success",
            "session_revoked",
            "api_key_revoked",
            "account_locked",
            "account_unlocked",
            "magic_link_refused",
        ]) {
            assert.ok(types.includes(type), `the log has ${type}`);
        }
        assert.ok(types.indexOf("account_unlocked") < types.indexOf("account_locked"), "newest first");
        await expectAccessible(adminPage, "admin audit");
        await screenshot(adminPage, "65-audit-log");

        assert.deepEqual(
            await filterAuditByType(adminPage, "session_revoked"),
            [
                ["session_revoked", email],
                ["session_revoked", email],
            ],
            "one session ended by sign out everywhere, one by the lock",
        );
        assert.deepEqual(await filterAuditByType(adminPage, "api_key_revoked"), [["api_key_revoked", email]]);
        const keyRevocation = adminPage.getByRole("region", { name: "Audit events" }).locator("tbody tr").first();
        await keyRevocation.getByText("Show").click();
        await keyRevocation.getByText('"reason": "revoked_by_admin"').waitFor();
        assert.deepEqual(await filterAuditByType(adminPage, "account_locked"), [["account_locked", email]]);
        assert.deepEqual(await filterAuditByType(adminPage, "account_unlocked"), [["account_unlocked", email]]);
        assert.deepEqual(await filterAuditByType(adminPage, "magic_link_refused"), [["magic_link_refused", email]]);
        const refusal = adminPage.getByRole("region", { name: "Audit events" }).locator("tbody tr").first();
        await refusal.getByText("Show").click();
        await refusal.getByText('"reason": "account_locked_by_admin"').waitFor();
        await screenshot(adminPage, "66-audit-log-filtered");
    }));
