// Signing in with a provider in the browser, against the tests' own providers (FitFolio.TestProviders, started by
// scripts/e2e.sh): a real OpenID Connect server (OpenIddict) as "Test Provider", and a Discord-shaped OAuth 2 server.
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

/** Says who the providers sign in next (scripts/e2e.sh's launcher; the person authenticated "now"). */
async function nextPerson(person) {
    assert.ok(PROVIDERS_URL, "FITFOLIO_E2E_PROVIDERS_URL names the test providers' control endpoint (scripts/e2e.sh sets it)");
    const response = await fetch(new URL("/next-person", PROVIDERS_URL), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(person),
    });
    assert.equal(response.status, 204);
}

// The first start of a provider's flow fetches its discovery document and keys: on a loaded machine that round trip can take
// longer than one UI step, so the click does not wait for the navigation and the landing page gets a minute.
const PROVIDER_ROUND_TRIP = 60_000;

async function continueWith(page, name, pathname, search) {
    await page.getByRole("link", { name: `Continue with ${name}` }).click({ noWaitAfter: true });
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
        await nextPerson({ subject: subject("e2e-oidc-"), email, emailVerified: true });

        await page.goto("/signin");
        await heading(page, "Sign in to FitFolio");
        // The provider's authorization endpoint, then our callback, then the app.
        await continueWith(page, "Test Provider", "/");
        await heading(page, "Your training log");
        await expectSignedInAs(page, email);
        await screenshot(page, "60-signed-in-with-provider");
        assert.equal(await meStatus(context), 200);

        await nextPerson({ subject: subject("8035111"), email: newEmail("discord"), emailVerified: true });
        await page.goto("/account/providers");
        await heading(page, "Sign-in providers");
        const linked = page.getByRole("list", { name: "Your linked providers" });
        await linked.getByRole("heading", { name: "Test Provider" }).waitFor();
        const started = apiResponse(page, "POST", "/account/external-identities/discord/link");
        await page.getByRole("button", { name: "Link Discord" }).click();
        assert.equal((await started).status(), 200, "linking starts (the provider sign-in was recent)");
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
        await nextPerson({ subject: subject("e2e-unverified-"), email: null, emailVerified: false });

        await page.goto("/signin");
        await continueWith(page, "Test Provider", "/signin/provider-email", "?provider=oidc");
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
