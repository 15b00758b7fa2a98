// Signing in by opening the link from the sign-in mail; a link works once.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
    apiResponse,
    declinePasskeyOffer,
    expectSignedInAs,
    heading,
    meStatus,
    newEmail,
    requestSignInMail,
    screenshot,
    waitForPath,
    withBrowser,
} from "./harness.mjs";

test("a new person signs in by opening the emailed link, and the link cannot be used twice", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const context = await newContext();
        const page = await context.newPage();
        const email = newEmail("link");

        await page.goto("/signin");
        const mail = await requestSignInMail(page, email);

        // The mail client opens the link in a new tab of the same browser.
        const tab = await context.newPage();
        const verified = apiResponse(tab, "POST", "/auth/magic-link/verify");
        await tab.goto(mail.link);
        assert.equal((await verified).status(), 200, "the link's token is accepted");
        await declinePasskeyOffer(tab);
        await waitForPath(tab, "/", "");
        await heading(tab, "Your training log");
        await expectSignedInAs(tab, email);
        assert.equal(new URL(tab.url()).hash, "", "the token is wiped from the address bar");
        await screenshot(tab, "05-home-after-link");
        assert.equal(await meStatus(context), 200);

        // The same link opened again, say on another device, is refused.
        const other = await newContext();
        const otherPage = await other.newPage();
        const refused = apiResponse(otherPage, "POST", "/auth/magic-link/verify");
        await otherPage.goto(mail.link);
        assert.equal((await refused).status(), 400);
        await heading(otherPage, "That link didn’t work");
        await otherPage.getByRole("alert").filter({ hasText: "This link has expired or has already been used." }).waitFor();
        await screenshot(otherPage, "06-link-used");
        assert.equal(await meStatus(other), 401, "a spent link signs nobody in");

        await otherPage.getByRole("link", { name: "Get a new sign-in link" }).click();
        await waitForPath(otherPage, "/signin", "");
        await heading(otherPage, "Sign in to FitFolio");
    }));
