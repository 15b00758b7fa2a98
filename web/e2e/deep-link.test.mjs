// A signed-out visitor who opens a page deep in the app signs in and lands on that page.
import assert from "node:assert/strict";
import { test } from "node:test";
import { declinePasskeyOffer, enterCode, heading, newEmail, requestSignInMail, waitForPath, withBrowser } from "./harness.mjs";

const NEXT = `?next=${encodeURIComponent("/account/sessions")}`;

async function expectOnOwnSessionsPage(page) {
    await waitForPath(page, "/account/sessions", "");
    await heading(page, "Sessions");
    const list = page.getByRole("list", { name: "Your sessions" });
    await list.getByRole("listitem").filter({ hasText: "This device" }).waitFor();
    assert.equal(await list.getByRole("listitem").count(), 1);
}

test("a deep link while signed out goes to sign-in and returns there after the code", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const page = await (await newContext()).newPage();
        const email = newEmail("deepcode");

        await page.goto("/account/sessions");
        await waitForPath(page, "/signin", NEXT);
        const mail = await requestSignInMail(page, email);
        await waitForPath(page, "/signin/check-email", NEXT);
        await enterCode(page, mail.code);

        await waitForPath(page, "/welcome/passkey", NEXT);
        await declinePasskeyOffer(page);
        await expectOnOwnSessionsPage(page);
    }));

test("a deep link while signed out goes to sign-in and returns there after the emailed link", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const context = await newContext();
        const page = await context.newPage();
        const email = newEmail("deeplink");

        await page.goto("/account/sessions");
        await waitForPath(page, "/signin", NEXT);
        const mail = await requestSignInMail(page, email);

        // The link carries no destination; the tab that asked for it remembered one for this browser.
        assert.ok(!mail.link.includes("next"), "the emailed link does not carry the destination");
        const tab = await context.newPage();
        await tab.goto(mail.link);
        await waitForPath(tab, "/welcome/passkey", NEXT);
        await declinePasskeyOffer(tab);
        await expectOnOwnSessionsPage(tab);
    }));

test("a crafted next pointing off-site is ignored: sign-in ends at home", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const page = await (await newContext()).newPage();
        const email = newEmail("offsite");

        await page.goto(`/signin?next=${encodeURIComponent("//evil.example/steal")}`);
        const mail = await requestSignInMail(page, email);
        await enterCode(page, mail.code);
        await declinePasskeyOffer(page);
        await waitForPath(page, "/", "");
        await heading(page, "Your training log");
        assert.equal(new URL(page.url()).host, new URL(process.env.FITFOLIO_E2E_BASE_URL).host);
    }));

// Shapes that once slipped past a prefix check: each parses to another host, a script, or a path
// whose decoded form is a network-path reference. All must end on our own home page.
const HOSTILE_NEXTS = [
    "/.//evil.example/steal",
    "/./\\evil.example",
    "/%2e//evil.example",
    "/%2F/evil.example",
    "/%5Cevil.example",
    "\\\\evil.example",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http://evil.example/",
];

test("a hostile next that normalizes off-site is ignored: sign-in ends on our own home page", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const page = await (await newContext()).newPage();
        const email = newEmail("dotslash");
        const ownHost = new URL(process.env.FITFOLIO_E2E_BASE_URL).host;
        const offSite = [];
        page.on("request", (request) => {
            if (new URL(request.url()).host !== ownHost) offSite.push(request.url());
        });

        await page.goto(`/signin?next=${encodeURIComponent(HOSTILE_NEXTS[0])}`);
        const mail = await requestSignInMail(page, email);
        // The destination was refused before it was remembered or carried along.
        await waitForPath(page, "/signin/check-email", "");
        await enterCode(page, mail.code);
        await declinePasskeyOffer(page);
        await waitForPath(page, "/", "");
        await heading(page, "Your training log");
        assert.equal(new URL(page.url()).host, ownHost);

        // Signed in, the sign-in page forwards at once to `next`: every shape lands at home, here.
        for (const next of HOSTILE_NEXTS) {
            await page.goto(`/signin?next=${encodeURIComponent(next)}`);
            await waitForPath(page, "/", "");
            await heading(page, "Your training log");
            assert.equal(new URL(page.url()).host, ownHost, next);
        }
        assert.deepEqual(offSite, []);
    }));
