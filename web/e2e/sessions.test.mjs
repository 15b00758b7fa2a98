// One person, two browsers: signing the other one out from the sessions page ends it there.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiResponse, expectAccessible, heading, meStatus, newEmail, screenshot, signUpWithCode, waitForPath, withBrowser } from "./harness.mjs";

// A second device that the sessions page can tell apart from this Chromium on Linux.
const OTHER_DEVICE_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0";

test("revoking the other session from the sessions page sends that browser to sign-in at its next action", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const email = newEmail("sessions");
        const laptop = await newContext();
        const other = await newContext({ userAgent: OTHER_DEVICE_UA });
        const page = await laptop.newPage();
        const otherPage = await other.newPage();

        await signUpWithCode(page, email);
        await signUpWithCode(otherPage, email);

        // The other browser sits on a signed-in page that makes no calls of its own.
        await otherPage.getByRole("link", { name: "Account" }).click();
        await otherPage.getByRole("navigation", { name: "Account settings" }).getByRole("link", { name: "Email" }).click();
        await waitForPath(otherPage, "/account/email", "");
        await heading(otherPage, "Email");

        // This browser lists both sessions and signs the other one out.
        await page.getByRole("link", { name: "Account" }).click();
        const listed = apiResponse(page, "GET", "/auth/sessions");
        await page.getByRole("navigation", { name: "Account settings" }).getByRole("link", { name: "Sessions" }).click();
        assert.equal((await listed).status(), 200);
        await waitForPath(page, "/account/sessions", "");
        await heading(page, "Sessions");
        const list = page.getByRole("list", { name: "Your sessions" });
        await list.getByRole("listitem").nth(1).waitFor();
        assert.equal(await list.getByRole("listitem").count(), 2, "both browsers are listed");
        const current = list.getByRole("listitem").filter({ hasText: "This device" });
        assert.equal(await current.count(), 1);
        assert.match(await current.getByRole("heading").innerText(), /Chrome on Linux/);
        assert.equal(await current.getByRole("button").count(), 0, "this session has no sign-out button of its own");
        await expectAccessible(page, "sessions");
        await screenshot(page, "07-sessions");

        const otherSessionRevoked = apiResponse(page, "DELETE", /^\/api\/v1\/auth\/sessions\/[0-9a-f-]{36}$/);
        await list.getByRole("button", { name: "Sign out Firefox on Windows" }).click();
        assert.equal((await otherSessionRevoked).status(), 204);
        await page.getByRole("status").filter({ hasText: "Signed out Firefox on Windows." }).waitFor();
        assert.equal(await list.getByRole("listitem").count(), 1, "only this session is left");
        assert.equal(await meStatus(laptop), 200, "this browser stays signed in");

        // The other browser's next action meets a 401 and lands on sign-in, keeping where it was going.
        const refused = apiResponse(otherPage, "GET", "/auth/sessions");
        await otherPage.getByRole("navigation", { name: "Account settings" }).getByRole("link", { name: "Sessions" }).click();
        assert.equal((await refused).status(), 401);
        await waitForPath(otherPage, "/signin", `?next=${encodeURIComponent("/account/sessions")}`);
        await heading(otherPage, "Sign in to FitFolio");
        await otherPage.getByRole("status").filter({ hasText: "Your session has ended." }).waitFor();
        assert.equal(await otherPage.getByRole("banner").getByRole("button", { name: "Sign out" }).count(), 0);
        await screenshot(otherPage, "08-session-ended");
        assert.equal(await meStatus(other), 401);
    }));
