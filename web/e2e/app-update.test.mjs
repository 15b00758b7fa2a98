// A new deployment of the installed app: the service worker of the next build installs beside the running one and
// waits until the person says so; "Later" keeps the running version, "Reload to update" switches and drops the old
// shell's cache.
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { test } from "node:test";
import { heading, withBrowser } from "./harness.mjs";

// The server under test serves this build (scripts/e2e.sh: ASPNETCORE_WEBROOT is web/dist).
const WORKER = new URL("../dist/sw.js", import.meta.url);
const PROMPT = "A new version of FitFolio is ready.";

const shellCaches = (page) => page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith("fitfolio-shell-")).sort());

test("a new deployment waits for the person, and switching drops the old shell", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const deployed = await readFile(WORKER, "utf8");
        const version = /"version":"([0-9a-f]+)"/.exec(deployed)?.[1];
        assert.ok(version, "dist/sw.js names its shell's version");
        const page = await (await newContext()).newPage();
        try {
            await page.goto("/signin");
            await heading(page, "Sign in to FitFolio");
            await page.evaluate(() => navigator.serviceWorker.ready);
            await page.reload();
            assert.equal(await page.evaluate(() => !!navigator.serviceWorker.controller), true, "the service worker controls the page");
            assert.deepEqual(await shellCaches(page), [`fitfolio-shell-${version}`]);
            assert.equal(await page.getByText(PROMPT).count(), 0, "a first install asks nothing");

            // The next deployment: the same files under a new shell version, as a build with one changed file would be.
            await writeFile(WORKER, deployed.replace(`"version":"${version}"`, `"version":"${version}-next"`));
            await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
            const prompt = page.getByRole("status", { name: "App update" });
            await prompt.getByText(PROMPT).waitFor();

            // "Later": the running version goes on, and the next visit asks again.
            await prompt.getByRole("button", { name: "Later" }).click();
            await prompt.waitFor({ state: "detached" });
            await page.reload();
            await prompt.getByText(PROMPT).waitFor();
            assert.deepEqual(await shellCaches(page), [`fitfolio-shell-${version}`, `fitfolio-shell-${version}-next`], "both shells while one waits");

            // "Reload to update": the new worker takes over, the page reloads into it, the old shell is gone.
            await Promise.all([page.waitForEvent("load"), prompt.getByRole("button", { name: "Reload to update" }).click()]);
            await heading(page, "Sign in to FitFolio");
            await page.waitForFunction(async () => (await caches.keys()).filter((name) => name.startsWith("fitfolio-shell-")).length === 1, undefined, {
                timeout: 10_000,
            });
            assert.deepEqual(await shellCaches(page), [`fitfolio-shell-${version}-next`]);
            assert.equal(await page.getByText(PROMPT).count(), 0);
            assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting), null);
        } finally {
            await writeFile(WORKER, deployed);
        }
    }));
