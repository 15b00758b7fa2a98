// Signing in with a provider in the browser, against the tests' own providers (FitFolio.TestProviders, started by
// scripts/e2e.sh): a real OpenID Connect server (OpenIddict) as "Test Provider", and a Discord-shaped OAuth 2 server. The person
// types their address and password on the provider's own login page and presses Allow (or Deny) on its consent page.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
    apiResponse,
    declinePasskeyOffer,
    expectSignedInAs,
    heading,
    mailIds,
    meStatus,
    newEmail,
    nextMail,
    screenshot,
    waitForPath,
    withBrowser,
} from "./harness.mjs";

const PROVIDERS_URL = process.env.FITFOLIO_E2E_PROVIDERS_URL;
const PROOF_SUBJECT = "Finish signing in to FitFolio";

/** Registers a person at both test providers (scripts/e2e.sh's launcher), with a password of their own; returns the person. */
async function registerPerson({ subject, email, emailVerified }) {
    assert.ok(PROVIDERS_URL, "FITFOLIO_E2E_PROVIDERS_URL names the test providers' control endpoint (scripts/e2e.sh sets it)");
    const person = { subject, email, emailVerified, password: `pw-${subject}` };
    const response = await fetch(new URL("/people", PROVIDERS_URL), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(person),
    });
    assert.equal(response.status, 204);
    return person;
}

// The first start of a provider's flow fetches its discovery document and keys: on a loaded machine that round trip can take
// longer than one UI step, so the click does not wait for the navigation and the provider's page gets a minute.
const PROVIDER_ROUND_TRIP = 60_000;

/** On the provider's login page (reached from a "Continue with" link or a link button): signs in, then answers its consent page. */
async function atProvider(page, provider, person, { press = "Allow", shot } = {}) {
    await page.getByRole("heading", { level: 1, name: `Sign in to ${provider}` }).waitFor({ timeout: PROVIDER_ROUND_TRIP });
    // The address when the provider knows one, as a person would type it; else the username (the subject).
    await page.getByLabel("Username or email").fill(person.email ?? person.subject);
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: `Allow FitFolio to use your ${provider} account?` }).waitFor();
    if (shot) await screenshot(page, shot);
    await page.getByRole("button", { name: press }).click({ noWaitAfter: true });
}

async function continueWith(page, name, person, pathname, search, options) {
    await page.getByRole("link", { name: `Continue with ${name}` }).click({ noWaitAfter: true });
    await atProvider(page, name, person, options);
    await page.waitForURL((current) => current.pathname === pathname && (search === undefined || current.search === search), {
        timeout: PROVIDER_ROUND_TRIP,
    });
}

/** A fresh id per run: the providers' subjects key the identities, like the fresh addresses key the accounts. */
function subject(prefix) {
    return `${prefix}${Date.now()}${Math.floor(Math.random() * 1000)}`;
}

test("a person continues with a provider, lands signed in, then links Discord from the account page", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const context = await newContext();
        const page = await context.newPage();
        const email = newEmail("provider");
        const person = await registerPerson({ subject: subject("e2e-oidc-"), email, emailVerified: true });

        await page.goto("/signin");
        await heading(page, "Sign in to FitFolio");
        await page.getByRole("link", { name: "Continue with Test Provider" }).click({ noWaitAfter: true });
        // The provider's login page: a wrong password answers the form again with the error, and goes nowhere.
        await page.getByRole("heading", { level: 1, name: "Sign in to Test Provider" }).waitFor({ timeout: PROVIDER_ROUND_TRIP });
        await page.getByLabel("Username or email").fill(email);
        await page.getByLabel("Password").fill("not my password");
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByRole("alert").filter({ hasText: "Wrong username or password." }).waitFor();
        await screenshot(page, "59-provider-login-wrong-password");
        // Then the right one, Allow on the consent page, our callback, and the app.
        await atProvider(page, "Test Provider", person, { shot: "59-provider-consent" });
        await page.waitForURL((current) => current.pathname === "/", { timeout: PROVIDER_ROUND_TRIP });
        await heading(page, "Your training log");
        await expectSignedInAs(page, email);
        await screenshot(page, "60-signed-in-with-provider");
        assert.equal(await meStatus(context), 200);

        const discordPerson = await registerPerson({ subject: subject("8035111"), email: newEmail("discord"), emailVerified: true });
        await page.goto("/account/providers");
        await heading(page, "Sign-in providers");
        const linked = page.getByRole("list", { name: "Your linked providers" });
        await linked.getByRole("heading", { name: "Test Provider" }).waitFor();
        const started = apiResponse(page, "POST", "/account/external-identities/discord/link");
        await page.getByRole("button", { name: "Link Discord" }).click();
        assert.equal((await started).status(), 200, "linking starts (the provider sign-in was recent)");
        await atProvider(page, "Discord", discordPerson);
        await page.waitForURL((current) => current.pathname === "/account/providers" && current.search === "?linked=discord", {
            timeout: PROVIDER_ROUND_TRIP,
        });
        await page.getByText("Provider linked. We emailed you about it.").waitFor();
        await linked.getByRole("heading", { name: "Discord" }).waitFor();
        await screenshot(page, "61-provider-linked");
    }));

test("a provider that vouches for no address: the person names one and finishes by the mailed link", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const context = await newContext();
        const page = await context.newPage();
        const email = newEmail("proved");
        const person = await registerPerson({ subject: subject("e2e-unverified-"), email: null, emailVerified: false });

        await page.goto("/signin");
        await continueWith(page, "Test Provider", person, "/signin/provider-email", "?provider=oidc");
        await heading(page, "Which email address is yours?");
        assert.equal(await meStatus(context), 401, "nothing is signed in before the address is proved");

        const seen = await mailIds(email);
        await page.getByLabel("Email address", { exact: true }).fill(email);
        const sent = apiResponse(page, "POST", "/auth/external/email/send");
        await page.getByRole("button", { name: "Email me a link" }).click();
        assert.equal((await sent).status(), 202);
        await page.getByText(`We sent a link to ${email}.`).waitFor();
        await screenshot(page, "62-provider-email-sent");

        const mail = await nextMail(email, PROOF_SUBJECT, seen);
        const link = /(https?:\/\/\S+\/auth\/provider-email#token=\S+)/.exec(mail.textBody ?? "")?.[1];
        assert.ok(link, `the mail carries the link:\n${mail.textBody}`);

        // The mail client opens the link in a new tab of the same browser: it holds the flow's secret cookie.
        const tab = await context.newPage();
        await tab.goto(link);
        await heading(tab, "Finish signing in");
        const confirmed = apiResponse(tab, "POST", "/auth/external/email/confirm");
        await tab.getByRole("button", { name: "Finish signing in" }).click();
        assert.equal((await confirmed).status(), 200);
        await declinePasskeyOffer(tab);
        await waitForPath(tab, "/", "");
        await expectSignedInAs(tab, email);
    }));

test("pressing Deny at the provider comes back to the sign-in page with a clear message, signed in to nothing", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const context = await newContext();
        const page = await context.newPage();
        const person = await registerPerson({ subject: subject("e2e-deny-"), email: newEmail("denied"), emailVerified: true });

        await page.goto("/signin");
        await continueWith(page, "Test Provider", person, "/signin", "?external_error=denied", { press: "Deny" });
        await heading(page, "Sign in to FitFolio");
        await page.getByText("You cancelled at the provider. Nothing was changed.").waitFor();
        await screenshot(page, "63-provider-denied");
        assert.equal(await meStatus(context), 401);
    }));
