// Recovery codes for passkey-only accounts, the whole loop in Chromium: email sign-in off, the codes
// shown once, a code signing in on a new device, a new passkey, and the code refused the second time.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
    apiResponse,
    expectSignedInAs,
    heading,
    mailIds,
    meStatus,
    newEmail,
    nextMail,
    openAccountSection,
    screenshot,
    signUpWithCode,
    waitForPath,
    withBrowser,
} from "./harness.mjs";
import { addVirtualAuthenticator } from "./passkey-helpers.mjs";
import { addPasskey, authenticators } from "./recovery-helpers.mjs";

const RECOVERY_CODE_USED_SUBJECT = "A recovery code was used to sign in to your FitFolio account";

test("a passkey-only account gets recovery codes; one signs in once, ends the other sessions and asks for a new passkey", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const email = newEmail("recovery");
        const laptop = await newContext();
        const page = await laptop.newPage();
        await signUpWithCode(page, email);
        const devices = await authenticators(laptop, page);
        await openAccountSection(page, "Passkeys", "Passkeys");
        await addPasskey(page, "Laptop");
        await devices.next();
        await addPasskey(page, "Phone");

        // Turning email sign-in off shows the codes, once.
        await openAccountSection(page, "Email", "Email");
        const off = apiResponse(page, "PUT", "/auth/email-sign-in");
        // The label, as a person clicks it: the switch's drawn track covers the checkbox itself.
        await page.getByText("Allow signing in with email links", { exact: true }).click();
        const offResponse = await off;
        assert.equal(offResponse.status(), 200);
        const list = page.getByRole("list", { name: "Recovery codes" });
        await list.waitFor();
        const codes = (await list.getByRole("listitem").allTextContents()).map((code) => code.trim());
        assert.equal(codes.length, 10);
        assert.deepEqual(codes, (await offResponse.json()).recoveryCodes);
        codes.forEach((code) => assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/));
        await page.getByRole("button", { name: "Download codes" }).waitFor();
        await page.getByRole("button", { name: "Copy codes" }).waitFor();
        await screenshot(page, "90-recovery-codes");
        await page.getByRole("button", { name: "I’ve saved my codes" }).click();
        assert.equal(await list.count(), 0, "the codes are not shown again");
        await page.getByText("You have 10 unused recovery codes.", { exact: false }).waitFor();

        // The laptop and its passkeys are lost. On a new device, a recovery code signs in.
        const seen = await mailIds(email);
        await page.close();
        const newDevice = await newContext();
        const rescue = await newDevice.newPage();
        await addVirtualAuthenticator(newDevice, rescue);
        await rescue.goto("/signin");
        await rescue.getByRole("link", { name: "Lost your passkeys? Use a recovery code" }).click();
        await heading(rescue, "Use a recovery code");
        await rescue.getByLabel("Email address", { exact: true }).fill(email);
        await rescue.getByLabel("Recovery code", { exact: true }).fill(codes[0].toLowerCase());
        const verified = apiResponse(rescue, "POST", "/auth/recovery-codes/verify");
        await rescue.getByRole("button", { name: "Sign in with recovery code" }).click();
        const verifiedResponse = await verified;
        assert.equal(verifiedResponse.status(), 200);
        assert.equal((await verifiedResponse.json()).recoveryCodesRemaining, 9);

        // Asked for a new passkey straight away.
        await heading(rescue, "Add a new passkey");
        await rescue.getByText("You signed in with a recovery code (9 left)", { exact: false }).waitFor();
        await screenshot(rescue, "91-recovered-add-passkey");
        const registered = apiResponse(rescue, "POST", "/auth/webauthn/register/finish");
        await rescue.getByRole("button", { name: "Create a passkey" }).click();
        assert.equal((await registered).status(), 201);
        await heading(rescue, "You’re all set");
        await expectSignedInAs(rescue, email);

        assert.equal(await meStatus(laptop), 401, "every other session ended");
        const notice = await nextMail(email, RECOVERY_CODE_USED_SUBJECT, seen);
        assert.match(notice.textBody, /Recovery codes left: 9/);

        // The same code does not work twice.
        const again = await (await newContext()).newPage();
        await again.goto("/signin/recovery");
        await again.getByLabel("Email address", { exact: true }).fill(email);
        await again.getByLabel("Recovery code", { exact: true }).fill(codes[0]);
        const refused = apiResponse(again, "POST", "/auth/recovery-codes/verify");
        await again.getByRole("button", { name: "Sign in with recovery code" }).click();
        assert.equal((await refused).status(), 400);
        await again.getByRole("alert").filter({ hasText: "don’t sign in" }).waitFor();
        await waitForPath(again, "/signin/recovery");
    }));
