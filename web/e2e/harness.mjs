// The small harness every e2e test uses: Chromium through playwright-core, the mailbox API, and
// the steps a person takes to sign in. Waits are on page state and network, never on a clock.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium } from "playwright-core";

function required(name) {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set; run the suite through scripts/e2e.sh (see web/e2e/README.md)`);
    return value.replace(/\/+$/, "");
}

export const BASE_URL = required("FITFOLIO_E2E_BASE_URL");
export const MAILBOX_URL = required("FITFOLIO_E2E_MAILBOX_URL");
const ARTIFACTS = process.env.FITFOLIO_E2E_ARTIFACTS || join(process.cwd(), "..", "artifacts", "e2e");
const CHROMIUM = process.env.FITFOLIO_E2E_CHROMIUM || "/usr/bin/chromium";

/** How long one UI step or one mail may take before the test fails. */
export const STEP_TIMEOUT = 15_000;

const CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/** An address nobody has used yet, so every test starts as a brand-new person. */
export function newEmail(label) {
    return `e2e-${label}-${randomBytes(5).toString("hex")}@example.com`;
}

export function url(path) {
    return `${BASE_URL}${path}`;
}

/**
 * Runs `body` with a fresh headless Chromium (playwright gives each launch its own temporary
 * user-data dir). On failure every open page is screenshotted under artifacts/e2e/failures/.
 * Uncaught exceptions in the app fail the test too.
 */
export async function withBrowser(t, body) {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const pageErrors = [];
    const contexts = [];
    const newContext = async (options = {}) => {
        const context = await browser.newContext({ baseURL: BASE_URL, ...options });
        context.setDefaultTimeout(STEP_TIMEOUT);
        context.setDefaultNavigationTimeout(STEP_TIMEOUT);
        context.on("page", (page) => page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`)));
        contexts.push(context);
        return context;
    };
    try {
        await body({ browser, newContext });
        assert.deepEqual(pageErrors, [], "the app threw uncaught exceptions");
    } catch (error) {
        const dir = join(ARTIFACTS, "failures");
        await mkdir(dir, { recursive: true });
        const name = t.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
        let n = 0;
        for (const context of contexts) {
            for (const page of context.pages()) {
                n += 1;
                await page.screenshot({ path: join(dir, `${name}-${n}.png`), fullPage: true }).catch(() => {});
            }
        }
        throw error;
    } finally {
        await browser.close();
    }
}

/**
 * A Chromium with its profile in `userDataDir`, so closing it and launching again on the same folder is a
 * browser restart: cookies, IndexedDB and the service worker survive. The caller closes it.
 */
export async function launchProfile(userDataDir, options = {}) {
    const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        baseURL: BASE_URL,
        ...options,
    });
    context.setDefaultTimeout(STEP_TIMEOUT);
    context.setDefaultNavigationTimeout(STEP_TIMEOUT);
    return context;
}

/** Saves a screenshot of a main screen as artifacts/e2e/NAME.png. */
export async function screenshot(page, name) {
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Runs axe-core (WCAG 2.0–2.2 A and AA rules, plus best practices) on the page as it is now and fails on any
 * serious or critical violation, naming the rule and the elements. `screen` names the screen in the message.
 */
export async function expectAccessible(page, screen) {
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
    const bad = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
    const described = bad.map(
        (violation) => `${violation.impact} ${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
    );
    assert.deepEqual(described, [], `axe finds no serious or critical violation on ${screen}`);
}

// --- the mailbox -------------------------------------------------------------------------------

const SIGN_IN_SUBJECT = "Your FitFolio sign-in link";

// smtp4dev 3.15's REST API: GET /api/messages lists summaries (`to` holds the envelope recipients),
// /api/messages/{id}/plaintext and /html return the decoded parts.
async function mailbox(path) {
    const response = await fetch(`${MAILBOX_URL}/api/messages${path}`);
    assert.equal(response.status, 200, `the mailbox API answers ${path}`);
    return response;
}

async function messagesTo(email) {
    const { results } = await (await mailbox("?pageSize=1000")).json();
    const wanted = email.toLowerCase();
    return results.filter((message) => (message.to ?? []).some((to) => to.toLowerCase() === wanted));
}

/** Ids of the mail already delivered to `email`, so a later wait can ask for a newer one. */
export async function mailIds(email) {
    return new Set((await messagesTo(email)).map((message) => message.id));
}

/**
 * Waits until a mail to `email` with exactly `subject` arrives that is not in `seen`, and returns it
 * (`id`, `subject`, `textBody`, `htmlBody`). Other mail to the same address (sign-in links, new-device
 * alerts, account notices) may arrive in between and is ignored. The mailbox has no push, so this polls
 * its API (a few requests a second) until the deadline.
 */
export async function nextMail(email, subject, seen = new Set()) {
    const deadline = Date.now() + STEP_TIMEOUT;
    for (;;) {
        const fresh = (await messagesTo(email)).filter((message) => !seen.has(message.id) && message.subject === subject);
        if (fresh.length > 0) {
            assert.equal(fresh.length, 1, `exactly one new "${subject}" mail to ${email}`);
            const { id } = fresh[0];
            const textBody = await (await mailbox(`/${id}/plaintext`)).text();
            const htmlBody = await (await mailbox(`/${id}/html`)).text();
            return { id, subject, textBody, htmlBody };
        }
        if (Date.now() > deadline) throw new Error(`no "${subject}" mail to ${email} within ${STEP_TIMEOUT} ms`);
        await new Promise((resolve) => setTimeout(resolve, 150));
    }
}

/**
 * Waits until a sign-in mail to `email` arrives that is not in `seen`, and returns its link and code.
 * `origin` is the app the mail should point at (another instance than BASE_URL for some tests).
 */
export async function nextSignInMail(email, seen = new Set(), origin = BASE_URL) {
    const message = await nextMail(email, SIGN_IN_SUBJECT, seen);
    const text = message.textBody ?? "";
    const code = /^\s+(\d{8})\s*$/m.exec(text)?.[1];
    const link = /(https?:\/\/\S+\/auth\/link#token=\S+)/.exec(text)?.[1];
    assert.ok(code, `the mail carries an 8-digit code:\n${text}`);
    assert.ok(link, `the mail carries a sign-in link:\n${text}`);
    assert.equal(new URL(link).origin, origin, "the link points at the app's public origin");
    assert.ok(message.htmlBody?.includes(code), "the HTML part carries the same code");
    return { id: message.id, code, link };
}

// --- steps a person takes ----------------------------------------------------------------------

/**
 * Starts waiting for the app's call to METHOD /api/v1PATH (or a pathname matching a RegExp); await it after the action that
 * makes it. If an earlier step fails first, the abandoned wait does not mask that failure.
 */
export function apiResponse(page, method, path) {
    const response = page.waitForResponse((candidate) => {
        if (candidate.request().method() !== method) return false;
        const pathname = new URL(candidate.url()).pathname;
        return typeof path === "string" ? pathname === `/api/v1${path}` : path.test(pathname);
    });
    response.catch(() => {});
    return response;
}

export async function heading(page, name) {
    const h1 = page.getByRole("heading", { level: 1, name });
    await h1.waitFor();
    return h1;
}

export async function waitForPath(page, pathname, search) {
    await page.waitForURL((current) => current.pathname === pathname && (search === undefined || current.search === search));
}

/**
 * On the sign-in page: types the address and asks for a link, lands on "Check your email".
 * Returns the mail that was sent.
 */
export async function requestSignInMail(page, email) {
    const seen = await mailIds(email);
    await heading(page, "Sign in to FitFolio");
    await page.getByLabel("Email address").fill(email);
    const started = apiResponse(page, "POST", "/auth/magic-link/start");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    assert.equal((await started).status(), 202, "magic-link/start answers 202");
    await heading(page, "Check your email");
    await page.getByText(email, { exact: true }).waitFor();
    return nextSignInMail(email, seen, new URL(page.url()).origin);
}

/** On "Check your email": types the emailed code and signs in. Returns the signed-in user. */
export async function enterCode(page, code) {
    await page.getByLabel("8-digit code").fill(code);
    const verified = apiResponse(page, "POST", "/auth/magic-link/verify");
    await page.getByRole("button", { name: "Sign in with code" }).click();
    const response = await verified;
    assert.equal(response.status(), 200, "the code is accepted");
    return (await response.json()).user;
}

/** The passkey offer shown after an email sign-in by someone without a passkey: "Not now". */
export async function declinePasskeyOffer(page) {
    await heading(page, "Sign in faster next time");
    await page.getByRole("button", { name: "Not now" }).click();
}

/** The header shows who is signed in, with a way to sign out. */
export async function expectSignedInAs(page, email) {
    const header = page.getByRole("banner");
    await header.getByText(email, { exact: true }).waitFor();
    await header.getByRole("button", { name: "Sign out" }).waitFor();
}

/** The whole email-code sign-in of a new person from the sign-in page, declining the passkey offer; ends on the home page. */
export async function signUpWithCode(page, email) {
    await page.goto("/signin");
    const mail = await requestSignInMail(page, email);
    await enterCode(page, mail.code);
    await declinePasskeyOffer(page);
    await waitForPath(page, "/");
    await heading(page, "Your training log");
    await expectSignedInAs(page, email);
}

/** From any signed-in page to one section of Account, by its link in the account menu. */
export async function openAccountSection(page, link, title) {
    await page.getByRole("banner").getByRole("link", { name: "Account" }).click();
    await page.getByRole("navigation", { name: "Account settings" }).getByRole("link", { name: link }).click();
    await heading(page, title);
}

/** GET /api/v1/auth/me with the cookies of `context`. */
export async function meStatus(context) {
    const response = await context.request.get(url("/api/v1/auth/me"));
    return response.status();
}
