// The WebAuthn Signal API after a deleted passkey and a changed address, spied on in Debian's Chromium
// (which has the functions): the password manager is told what FitFolio still accepts, and the new name.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiResponse, heading, newEmail, nextMail, openAccountSection, signUpWithCode, withBrowser } from "./harness.mjs";
import { addPasskey, authenticators, base64url, signalCalls, spyOnSignals } from "./recovery-helpers.mjs";

const CONFIRM_EMAIL_SUBJECT = "Confirm your new FitFolio email address";

test("the password manager is told which passkeys remain after a deletion, and the new name after an address change", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const email = newEmail("signals");
        const context = await newContext();
        await context.addInitScript(spyOnSignals);
        const page = await context.newPage();
        await signUpWithCode(page, email);
        const devices = await authenticators(context, page);
        await openAccountSection(page, "Passkeys", "Passkeys");
        await addPasskey(page, "Laptop");
        await devices.next();
        await addPasskey(page, "Phone");
        const [phone] = await devices.credentials();

        // Delete one: the browser hears the credential ids that remain, with the account's user handle.
        const rows = page.getByRole("list", { name: "Your passkeys" }).getByRole("listitem");
        const signals = apiResponse(page, "GET", "/auth/webauthn/signals");
        await page.getByRole("button", { name: "Delete Laptop" }).click();
        await page.getByRole("dialog", { name: "Delete “Laptop”?" }).getByRole("button", { name: "Delete passkey" }).click();
        assert.equal((await signals).status(), 200);
        await page.waitForFunction(() => (window.__ffSignals ?? []).some((call) => call.name === "signalAllAcceptedCredentials"));
        await rows.filter({ hasText: "Laptop" }).waitFor({ state: "detached" });
        const accepted = await signalCalls(page, "signalAllAcceptedCredentials");
        assert.equal(accepted.length, 1);
        assert.deepEqual(accepted[0].options, {
            rpId: "localhost",
            userId: base64url(phone.userHandle),
            allAcceptedCredentialIds: [base64url(phone.credentialId)],
        });

        // Change the address: after the confirmation, the browser hears the new name.
        const newAddress = newEmail("signals-new");
        await openAccountSection(page, "Email", "Email");
        await page.getByLabel("New email address").fill(newAddress);
        const requested = apiResponse(page, "POST", "/account/email-change");
        await page.getByRole("button", { name: "Change email" }).click();
        assert.equal((await requested).status(), 202);
        const mail = await nextMail(newAddress, CONFIRM_EMAIL_SUBJECT);
        const link = /(https?:\/\/\S+\/account\/email\/confirm#token=\S+)/.exec(mail.textBody ?? "")?.[1];
        assert.ok(link, mail.textBody);
        await page.goto(link);
        await page.getByRole("button", { name: "Confirm new address" }).click();
        await heading(page, "Address changed");
        await page.waitForFunction(() => (window.__ffSignals ?? []).some((call) => call.name === "signalCurrentUserDetails"));
        assert.deepEqual(
            (await signalCalls(page, "signalCurrentUserDetails")).map((call) => call.options),
            [{ rpId: "localhost", userId: base64url(phone.userHandle), name: newAddress, displayName: newAddress }],
        );
    }));
