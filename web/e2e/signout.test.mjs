// Signing out ends the session on the server, not only in the page.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
    apiResponse,
    enterCode,
    expectSignedInAs,
    heading,
    meStatus,
    newEmail,
    requestSignInMail,
    screenshot,
    signUpWithCode,
    waitForPath,
    withBrowser,
} from "./harness.mjs";

test("signing out returns to sign-in, /api/v1/auth/me answers 401, and the passkey offer stays declined", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const context = await newContext();
        const page = await context.newPage();
        const email = newEmail("signout");
        await signUpWithCode(page, email);
        const cookieBefore = (await context.cookies()).find((cookie) => cookie.name === "ff_session");
        assert.ok(cookieBefore);

        const loggedOut = apiResponse(page, "POST", "/auth/logout");
        await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
        assert.equal((await loggedOut).status(), 204);
        await waitForPath(page, "/signin", "");
        await heading(page, "Sign in to FitFolio");
        await page.getByRole("status").filter({ hasText: "You’re signed out." }).waitFor();
        assert.equal(await page.getByRole("banner").getByText(email).count(), 0, "the header no longer names anyone");
        await screenshot(page, "09-signed-out");

        assert.equal(await meStatus(context), 401, "the server no longer knows this browser");
        assert.equal(
            (await context.cookies()).find((cookie) => cookie.name === "ff_session"),
            undefined,
            "the cookie is gone",
        );

        // The old cookie, replayed, is dead on the server too: logout ended the session, not just the cookie.
        const replay = await newContext();
        await replay.addCookies([{ ...cookieBefore }]);
        assert.equal(await meStatus(replay), 401, "a copy of the old session cookie is refused");

        // A signed-in page opened now leads to sign-in.
        await page.goto("/account/email");
        await waitForPath(page, "/signin", `?next=${encodeURIComponent("/account/email")}`);

        // Signing in again on this device: "Not now" was remembered, so no offer this time.
        const mail = await requestSignInMail(page, email);
        await enterCode(page, mail.code);
        await waitForPath(page, "/account/email", "");
        await heading(page, "Email");
        await expectSignedInAs(page, email);
    }));
