// The API reference at /api/v1/docs/ works under its own Content-Security-Policy: its scripts run by
// nonce, it draws the operations from our OpenAPI document, and the browser reports no violation.
import assert from "node:assert/strict";
import { test } from "node:test";
import { STEP_TIMEOUT, screenshot, url, withBrowser } from "./harness.mjs";

test("the API docs page renders the operations with no CSP violation", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const context = await newContext();
        // Recorded from the first script on, before Scalar runs: any blocked script, style, font or fetch lands here.
        await context.addInitScript(() => {
            window.__violations = [];
            document.addEventListener("securitypolicyviolation", (event) => window.__violations.push(`${event.effectiveDirective} ${event.blockedURI}`));
        });
        const page = await context.newPage();
        const consoleErrors = [];
        page.on("console", (message) => {
            if (message.type() === "error") consoleErrors.push(message.text());
        });
        const own = new URL(url("/")).origin;
        const outside = [];
        page.on("request", (request) => {
            const target = new URL(request.url());
            if (target.protocol.startsWith("http") && target.origin !== own) outside.push(request.url());
        });

        const response = await page.goto("/api/v1/docs/", { waitUntil: "domcontentloaded" });
        assert.equal(response.status(), 200);
        const policy = response.headers()["content-security-policy"];
        assert.match(policy, /script-src 'self' 'nonce-[A-Za-z0-9_-]{43}';/, "scripts run by nonce, not 'unsafe-inline'");
        assert.match(policy, /base-uri 'none'/);

        // The document's title and the first operations' summaries, drawn from /api/v1/openapi.json by Scalar's scripts.
        // Scalar's bundle is megabytes of script to fetch and parse, so its first render gets two steps' time.
        await page
            .getByRole("heading", { name: "FitFolio API" })
            .first()
            .waitFor({ timeout: 2 * STEP_TIMEOUT });
        await page.getByText("200 while the process runs.").first().waitFor();
        await page
            .getByRole("link", { name: "Account" })
            .or(page.getByRole("button", { name: "Account" }))
            .first()
            .waitFor();
        await screenshot(page, "90-api-docs");

        // One report is expected and harmless: Scalar's bundled validator (zod) probes `Function("")` inside
        // a try/catch to learn whether it may compile validators, and falls back when the policy says no.
        // Allowing 'unsafe-eval' to silence it would be the wrong trade.
        const violations = await page.evaluate(() => window.__violations);
        assert.deepEqual(
            violations.filter((violation) => violation !== "script-src eval"),
            [],
            "no CSP violation but the eval probe",
        );
        assert.deepEqual(
            consoleErrors.filter((text) => /Content Security Policy/i.test(text) && !/unsafe-eval/.test(text)),
            [],
            "no other CSP complaint in the console",
        );
        assert.deepEqual(outside, [], "nothing is fetched from another origin");
    }));
