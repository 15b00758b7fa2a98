// A brand-new person signs in with the 8-digit code from the sign-in mail.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiResponse, enterCode, expectSignedInAs, heading, meStatus, newEmail, requestSignInMail, screenshot, waitForPath, withBrowser } from "./harness.mjs";

test("opening the app at its address (/) serves the app, which sends a new person to sign-in", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const context = await newContext();
        const root = await context.request.get("/");
        assert.equal(root.status(), 200, "GET / answers with the app's index.html");
        assert.match(root.headers()["content-type"] ?? "", /^text\/html/);
        const page = await context.newPage();
        await page.goto("/");
        await waitForPath(page, "/signin", "");
        await heading(page, "Sign in to FitFolio");
    }));

test("a new person signs in with the emailed code and declines the passkey offer", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const context = await newContext();
        const page = await context.newPage();
        const email = newEmail("code");

        await page.goto("/signin");
        await heading(page, "Sign in to FitFolio");
        await page.getByRole("button", { name: "Sign in with a passkey" }).waitFor();
        assert.equal(await meStatus(context), 401, "nobody is signed in yet");
        await screenshot(page, "01-signin");

        const mail = await requestSignInMail(page, email);
        await waitForPath(page, "/signin/check-email", "");
        await screenshot(page, "02-check-email");

        const user = await enterCode(page, mail.code);
        assert.equal(user.email, email);
        assert.equal(user.passkeyCount, 0);

        // Someone without a passkey is offered one, on a page of its own.
        await waitForPath(page, "/welcome/passkey", "");
        await heading(page, "Sign in faster next time");
        await page.getByRole("button", { name: "Create a passkey" }).waitFor();
        await screenshot(page, "03-welcome-passkey");
        await page.getByRole("button", { name: "Not now" }).click();

        await waitForPath(page, "/", "");
        await heading(page, "Your training log");
        await expectSignedInAs(page, email);
        await page.getByRole("complementary", { name: "Account tip" }).getByRole("link", { name: "Add a passkey" }).waitFor();
        await screenshot(page, "04-home");

        // The session lives in an HttpOnly cookie the page's script cannot read.
        const cookies = await context.cookies();
        const session = cookies.find((cookie) => cookie.name === "ff_session");
        assert.ok(session, "a session cookie was set");
        assert.equal(session.httpOnly, true);
        assert.equal(session.sameSite, "Lax");
        assert.ok(!(await page.evaluate(() => document.cookie)).includes("ff_session"), "document.cookie hides the session");

        // The server agrees who this is.
        const me = await context.request.get("/api/v1/auth/me");
        assert.equal(me.status(), 200);
        assert.equal((await me.json()).email, email);
    }));

test("a wrong code is refused with a message, and the right code still signs in", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const context = await newContext();
        const page = await context.newPage();
        const email = newEmail("wrongcode");

        await page.goto("/signin");
        const mail = await requestSignInMail(page, email);
        const wrong = `${(Number(mail.code[0]) + 1) % 10}${mail.code.slice(1)}`;

        await page.getByLabel("8-digit code").fill(wrong);
        const refused = apiResponse(page, "POST", "/auth/magic-link/verify");
        await page.getByRole("button", { name: "Sign in with code" }).click();
        assert.equal((await refused).status(), 400);
        await page.getByRole("alert").filter({ hasText: "That code is wrong, already used, or expired." }).waitFor();
        await waitForPath(page, "/signin/check-email", "");
        assert.equal(await meStatus(context), 401, "a wrong code signs nobody in");

        await enterCode(page, mail.code);
        await heading(page, "Sign in faster next time");
        assert.equal(await meStatus(context), 200);
    }));
