// `./fitfolio dev`, end to end: it starts its own PostgreSQL, Redis and mailbox (here in a temporary directory
// on free ports), the API under dotnet watch and Vite's dev server; a person signs in by emailed code through
// Vite's origin alone, with the session and CSRF cookies and checks of production.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { STEP_TIMEOUT, newEmail, screenshot, withBrowser } from "./harness.mjs";

const repository = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The first start builds the API in Debug under dotnet watch: minutes on a busy machine. */
const START_TIMEOUT = 8 * 60_000;

function freePort() {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.on("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

/** Polls until `check` answers true, the process exits, or the deadline passes. */
async function until(what, check, dev, timeout = START_TIMEOUT) {
    const deadline = Date.now() + timeout;
    for (;;) {
        if (dev.exitCode !== null) throw new Error(`./fitfolio dev exited (${dev.exitCode}) before ${what}:\n${dev.output.slice(-4000)}`);
        if (await check().catch(() => false)) return;
        if (Date.now() > deadline) throw new Error(`no ${what} within ${timeout} ms:\n${dev.output.slice(-4000)}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
    }
}

/** The newest mail to `email` in the dev mailbox (smtp4dev's REST API), as plain text. */
async function signInCode(mailbox, email, origin) {
    let text = "";
    await until(
        "a sign-in mail",
        async () => {
            const messages = await (await fetch(`${mailbox}/api/messages`)).json();
            const message = (messages.results ?? messages).find((m) => (m.to ?? []).some((to) => to.toLowerCase() === email));
            if (!message) return false;
            text = await (await fetch(`${mailbox}/api/messages/${message.id}/plaintext`)).text();
            return true;
        },
        { exitCode: null, output: "" },
        STEP_TIMEOUT,
    );
    const link = /(https?:\/\/\S+\/auth\/link#token=\S+)/.exec(text)?.[1];
    assert.equal(new URL(link).origin, origin, "the mailed link points at the dev server's origin");
    return /^\s+(\d{8})\s*$/m.exec(text)[1];
}

test("./fitfolio dev serves the app with hot reload and signs a person in through one origin", { timeout: START_TIMEOUT + 120_000 }, async (t) => {
    const [port, apiPort, mailPort, smtpPort, pgPort, redisPort] = await Promise.all(Array.from({ length: 6 }, freePort));
    const data = await mkdtemp(join(tmpdir(), "fitfolio-dev-"));
    // PostgreSQL runs as its own user when the suite runs as root: it must be able to enter the folder.
    await chmod(data, 0o755);
    const origin = `http://localhost:${port}`;
    const mailbox = `http://127.0.0.1:${mailPort}`;
    // Its own process group, so the whole tree can be stopped as Ctrl-C would.
    const child = spawn(join(repository, "fitfolio"), ["dev"], {
        cwd: repository,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
        env: {
            ...process.env,
            FITFOLIO_DEV_DATA: data,
            FITFOLIO_DEV_PORT: `${port}`,
            FITFOLIO_DEV_API_PORT: `${apiPort}`,
            FITFOLIO_DEV_MAIL_PORT: `${mailPort}`,
            FITFOLIO_DEV_SMTP_PORT: `${smtpPort}`,
            FITFOLIO_DEV_PG_PORT: `${pgPort}`,
            FITFOLIO_DEV_REDIS_PORT: `${redisPort}`,
            // A silo of its own on any free port, beside the suite's stack.
            Silo__Port: "0",
        },
    });
    const dev = {
        get exitCode() {
            return child.exitCode;
        },
        output: "",
    };
    child.stdout.on("data", (chunk) => (dev.output += chunk));
    child.stderr.on("data", (chunk) => (dev.output += chunk));
    try {
        // Through Vite's proxy: the API answers /api on the app's origin.
        await until("the API through the dev server", async () => (await fetch(`${origin}/api/v1/auth/me`)).status === 401, dev);
        assert.match(dev.output, /dotnet watch/, "the API runs under dotnet watch");

        await withBrowser(t, async ({ newContext }) => {
            const context = await newContext({ baseURL: origin });
            const page = await context.newPage();
            const hmr = page.waitForEvent("websocket", (socket) => new URL(socket.url()).port === `${port}`);
            const email = newEmail("dev");
            await page.goto("/signin");
            // Vite's client, not a production bundle, runs the page, and keeps its hot-update socket open.
            await hmr;
            assert.ok(await page.evaluate(() => [...document.scripts].some((s) => s.src.includes("/@vite/client"))), "the page runs Vite's client");

            await page.getByRole("heading", { level: 1, name: "Sign in to FitFolio" }).waitFor();
            await page.getByLabel("Email address").fill(email);
            await page.getByRole("button", { name: "Email me a sign-in link" }).click();
            await page.getByRole("heading", { level: 1, name: "Check your email" }).waitFor();
            await page.getByLabel("8-digit code").fill(await signInCode(mailbox, email, origin));
            const verified = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/auth/magic-link/verify");
            await page.getByRole("button", { name: "Sign in with code" }).click();
            const response = await verified;
            assert.equal(response.status(), 200, "the code is accepted, CSRF header and Origin included");
            assert.equal(new URL(response.url()).origin, origin, "the browser talks to one origin");
            await page.getByRole("button", { name: "Not now" }).click();
            await page.getByRole("heading", { level: 1, name: "Your training log" }).waitFor();
            await page.getByRole("banner").getByText(email, { exact: true }).waitFor();
            await screenshot(page, "95-dev-server-home");

            // The cookies of `run` on http://localhost: HttpOnly session, no Secure flag, no __Host- prefix.
            const cookies = await context.cookies(origin);
            const session = cookies.find((c) => c.name === "ff_session");
            assert.ok(session, `a session cookie: ${cookies.map((c) => c.name)}`);
            assert.equal(session.httpOnly, true);
            assert.equal(session.secure, false);
            assert.ok(
                cookies.some((c) => c.name === "ff_csrf"),
                "the CSRF cookie",
            );

            // A state-changing request without the CSRF header is refused through the proxy, as in production.
            const forged = await context.request.post(`${origin}/api/v1/auth/logout`, { headers: { Origin: origin } });
            assert.equal(forged.status(), 403);
            assert.equal((await forged.json()).error.code, "csrf_failed");
            const signedOut = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/auth/logout");
            await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
            assert.equal((await signedOut).status(), 204, "the app's own sign-out passes the CSRF check");
        });
    } finally {
        try {
            process.kill(-child.pid, "SIGTERM");
        } catch {
            // Already gone.
        }
        if (child.exitCode === null) await new Promise((resolve) => child.once("exit", resolve));
        await rm(data, { recursive: true, force: true });
    }
    // Ctrl-C stops everything: nothing answers on the app's or the API's port afterwards.
    for (const p of [port, apiPort]) {
        await assert.rejects(fetch(`http://localhost:${p}/api/v1/auth/me`), `port ${p} is closed`);
    }
});
