// The API reference as a script author uses it: offline (nothing fetched from another origin), no vendor
// buttons, a field to paste an API key, examples that carry it, and a test request that works with it alone.
import assert from "node:assert/strict";
import { test } from "node:test";
import { STEP_TIMEOUT, newEmail, screenshot, signUpWithCode, url, withBrowser } from "./harness.mjs";

/** Signs a new person up in `context` and creates a read key through the API, as the app would. */
async function createReadKey(context, email) {
    const page = await context.newPage();
    await signUpWithCode(page, email);
    const created = await page.evaluate(async () => {
        const csrf = document.cookie
            .split("; ")
            .find((c) => c.startsWith("ff_csrf="))
            ?.split("=")[1];
        const response = await fetch("/api/v1/account/api-keys", {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
            body: JSON.stringify({ name: "docs", scopes: ["read"] }),
        });
        return { status: response.status, body: await response.json() };
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await page.close();
    return created.body.secret;
}

test("the API docs work offline with a pasted API key and show no vendor buttons", { timeout: 180_000 }, (t) =>
    withBrowser(t, async ({ newContext }) => {
        const email = newEmail("docs-key");
        const secret = await createReadKey(await newContext(), email);

        // A fresh browser with no session: whatever the docs page sends, the pasted key alone must carry it.
        const page = await (await newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
        const own = new URL(url("/")).origin;
        const outside = [];
        page.on("request", (request) => {
            const target = new URL(request.url());
            if (target.protocol !== "data:" && target.protocol !== "blob:" && target.origin !== own) outside.push(request.url());
        });

        await page.goto("/api/v1/docs/#tag/account/GET/api/v1/account");
        await page
            .getByRole("heading", { name: "FitFolio API" })
            .first()
            .waitFor({ timeout: 4 * STEP_TIMEOUT });
        await page.getByRole("heading", { name: "Get your account" }).first().waitFor();

        // Nothing that leads to the vendor's services: no deploy, AI, SDK, client-app or "powered by" entries.
        for (const name of [/deploy/i, /ask ai/i, /generate sdk/i, /open api client/i, /mcp/i, /powered by/i]) {
            assert.equal(await page.getByRole("button", { name }).or(page.getByRole("link", { name })).filter({ visible: true }).count(), 0, `${name}`);
        }

        // The API-key field of the document's bearer scheme; what is pasted shows up in the examples.
        const keyField = page.getByPlaceholder("Token").first();
        await keyField.waitFor();
        await keyField.fill(secret);
        await page.getByText(`Authorization: Bearer ${secret}`).first().waitFor();
        await screenshot(page, "91-api-docs-key");

        // Try it: the test request goes to our own origin with the key, and answers this person's account.
        await page
            .getByRole("button", { name: /Test Request.*get \/api\/v1\/account\)/i })
            .first()
            .click();
        const answered = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/account" && r.request().method() === "GET");
        await page.getByRole("button", { name: /^Send/ }).first().click();
        const response = await answered;
        assert.equal(response.request().headers().authorization, `Bearer ${secret}`);
        assert.equal(response.status(), 200);
        assert.equal((await response.json()).email, email);
        await screenshot(page, "92-api-docs-try-it");

        assert.deepEqual(outside, [], "nothing is fetched from another origin");
    }),
);
