// Passkeys people can keep track of: recovery codes for passkey-only accounts, and the WebAuthn
// Signal API telling the password manager what FitFolio no longer accepts. Debian's Chromium has the
// three signal functions; a spy wraps the real ones, so the browser still receives every call.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  apiResponse,
  expectSignedInAs,
  heading,
  mailIds,
  meStatus,
  newEmail,
  nextMail,
  openAccountSection,
  screenshot,
  signUpWithCode,
  waitForPath,
  withBrowser,
} from "./harness.mjs";
import { addVirtualAuthenticator, signOut } from "./passkey-helpers.mjs";

const RECOVERY_CODE_USED_SUBJECT = "A recovery code was used to sign in to your FitFolio account";
const CONFIRM_EMAIL_SUBJECT = "Confirm your new FitFolio email address";

/** Records every Signal API call (name and argument) in window.__ffSignals, then makes the real call. */
function spyOnSignals() {
  if (typeof PublicKeyCredential === "undefined") return;
  const calls = [];
  window.__ffSignals = calls;
  for (const name of ["signalUnknownCredential", "signalAllAcceptedCredentials", "signalCurrentUserDetails"]) {
    const real = PublicKeyCredential[name];
    if (typeof real !== "function") continue;
    PublicKeyCredential[name] = (options) => {
      calls.push({ name, options: JSON.parse(JSON.stringify(options)) });
      return real.call(PublicKeyCredential, options);
    };
  }
}

/** CDP hands ids back in standard base64; WebAuthn's JSON forms (and FitFolio) use base64url. */
const base64url = (base64) => base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

async function signalCalls(page, name) {
  return (await page.evaluate(() => window.__ffSignals ?? [])).filter((call) => call.name === name);
}

/** From the account's passkeys page: adds one named passkey with the virtual authenticator. */
async function addPasskey(page, name) {
  await page.getByLabel("Name (optional)").fill(name);
  const registered = apiResponse(page, "POST", "/auth/webauthn/register/finish");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  assert.equal((await registered).status(), 201, `passkey "${name}" added`);
  await page.getByRole("list", { name: "Your passkeys" }).getByRole("heading", { name }).waitFor();
}

test("a passkey-only account gets recovery codes; one signs in once, ends the other sessions and asks for a new passkey", (t) =>
  withBrowser(t, async ({ newContext }) => {
    const email = newEmail("recovery");
    const laptop = await newContext();
    const page = await laptop.newPage();
    await signUpWithCode(page, email);
    await addVirtualAuthenticator(laptop, page);
    await openAccountSection(page, "Passkeys", "Passkeys");
    await addPasskey(page, "Laptop");
    await addPasskey(page, "Phone");

    // Turning email sign-in off shows the codes, once.
    await openAccountSection(page, "Email", "Email");
    const off = apiResponse(page, "PUT", "/auth/email-sign-in");
    await page.getByRole("switch", { name: "Allow signing in with email links" }).click();
    const offResponse = await off;
    assert.equal(offResponse.status(), 200);
    const list = page.getByRole("list", { name: "Recovery codes" });
    await list.waitFor();
    const codes = (await list.getByRole("listitem").allTextContents()).map((code) => code.trim());
    assert.equal(codes.length, 10);
    assert.deepEqual(codes, (await offResponse.json()).recoveryCodes);
    codes.forEach((code) => assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/));
    await page.getByRole("button", { name: "Download codes" }).waitFor();
    await page.getByRole("button", { name: "Copy codes" }).waitFor();
    await screenshot(page, "90-recovery-codes");
    await page.getByRole("button", { name: "I’ve saved my codes" }).click();
    assert.equal(await list.count(), 0, "the codes are not shown again");
    await page.getByText("You have 10 unused recovery codes.", { exact: false }).waitFor();

    // The laptop and its passkeys are lost. On a new device, a recovery code signs in.
    const seen = await mailIds(email);
    await page.close();
    const newDevice = await newContext();
    const rescue = await newDevice.newPage();
    await addVirtualAuthenticator(newDevice, rescue);
    await rescue.goto("/signin");
    await rescue.getByRole("link", { name: "Lost your passkeys? Use a recovery code" }).click();
    await heading(rescue, "Use a recovery code");
    await rescue.getByLabel("Email address").fill(email);
    await rescue.getByLabel("Recovery code").fill(codes[0].toLowerCase());
    const verified = apiResponse(rescue, "POST", "/auth/recovery-codes/verify");
    await rescue.getByRole("button", { name: "Sign in with recovery code" }).click();
    const verifiedResponse = await verified;
    assert.equal(verifiedResponse.status(), 200);
    assert.equal((await verifiedResponse.json()).recoveryCodesRemaining, 9);

    // Asked for a new passkey straight away.
    await heading(rescue, "Add a new passkey");
    await rescue.getByText("You signed in with a recovery code (9 left)", { exact: false }).waitFor();
    await screenshot(rescue, "91-recovered-add-passkey");
    const registered = apiResponse(rescue, "POST", "/auth/webauthn/register/finish");
    await rescue.getByRole("button", { name: "Create a passkey" }).click();
    assert.equal((await registered).status(), 201);
    await heading(rescue, "You’re all set");
    await expectSignedInAs(rescue, email);

    assert.equal(await meStatus(laptop), 401, "every other session ended");
    const notice = await nextMail(email, RECOVERY_CODE_USED_SUBJECT, seen);
    assert.match(notice.textBody, /Recovery codes left: 9/);

    // The same code does not work twice.
    const again = await (await newContext()).newPage();
    await again.goto("/signin/recovery");
    await again.getByLabel("Email address").fill(email);
    await again.getByLabel("Recovery code").fill(codes[0]);
    const refused = apiResponse(again, "POST", "/auth/recovery-codes/verify");
    await again.getByRole("button", { name: "Sign in with recovery code" }).click();
    assert.equal((await refused).status(), 400);
    await again.getByRole("alert").filter({ hasText: "don’t sign in" }).waitFor();
    await waitForPath(again, "/signin/recovery");
  }));

test("the password manager is told which passkeys remain after a deletion, and the new name after an address change", (t) =>
  withBrowser(t, async ({ newContext }) => {
    const email = newEmail("signals");
    const context = await newContext();
    await context.addInitScript(spyOnSignals);
    const page = await context.newPage();
    await signUpWithCode(page, email);
    const authenticator = await addVirtualAuthenticator(context, page);
    await openAccountSection(page, "Passkeys", "Passkeys");
    await addPasskey(page, "Laptop");
    const [laptop] = await authenticator.credentials();
    await addPasskey(page, "Phone");
    const phone = (await authenticator.credentials()).find((c) => c.credentialId !== laptop.credentialId);
    assert.ok(phone, "two credentials on the authenticator");

    // Delete one: the browser hears the credential ids that remain, with the account's user handle.
    const rows = page.getByRole("list", { name: "Your passkeys" }).getByRole("listitem");
    const signals = apiResponse(page, "GET", "/auth/webauthn/signals");
    await page.getByRole("button", { name: "Delete Laptop" }).click();
    await page.getByRole("dialog", { name: "Delete “Laptop”?" }).getByRole("button", { name: "Delete passkey" }).click();
    assert.equal((await signals).status(), 200);
    await page.waitForFunction(() => (window.__ffSignals ?? []).some((call) => call.name === "signalAllAcceptedCredentials"));
    await rows.filter({ hasText: "Laptop" }).waitFor({ state: "detached" });
    const accepted = await signalCalls(page, "signalAllAcceptedCredentials");
    assert.equal(accepted.length, 1);
    assert.deepEqual(accepted[0].options, {
      rpId: "localhost",
      userId: base64url(phone.userHandle),
      allAcceptedCredentialIds: [base64url(phone.credentialId)],
    });

    // Change the address: after the confirmation, the browser hears the new name.
    const newAddress = newEmail("signals-new");
    await openAccountSection(page, "Email", "Email");
    await page.getByLabel("New email address").fill(newAddress);
    const requested = apiResponse(page, "POST", "/account/email-change");
    await page.getByRole("button", { name: "Change email" }).click();
    assert.equal((await requested).status(), 202);
    const mail = await nextMail(newAddress, CONFIRM_EMAIL_SUBJECT);
    const link = /(https?:\/\/\S+\/account\/email\/confirm#token=\S+)/.exec(mail.textBody ?? "")?.[1];
    assert.ok(link, mail.textBody);
    await page.goto(link);
    await page.getByRole("button", { name: "Confirm new address" }).click();
    await heading(page, "Address changed");
    await page.waitForFunction(() => (window.__ffSignals ?? []).some((call) => call.name === "signalCurrentUserDetails"));
    assert.deepEqual((await signalCalls(page, "signalCurrentUserDetails")).map((call) => call.options), [
      { rpId: "localhost", userId: base64url(phone.userHandle), name: newAddress, displayName: newAddress },
    ]);
  }));

test("a passkey the server no longer knows is signalled as unknown when someone signs in with it", (t) =>
  withBrowser(t, async ({ newContext }) => {
    const email = newEmail("signals-unknown");
    const context = await newContext();
    await context.addInitScript(spyOnSignals);
    const page = await context.newPage();
    await signUpWithCode(page, email);
    const authenticator = await addVirtualAuthenticator(context, page);
    await openAccountSection(page, "Passkeys", "Passkeys");
    await addPasskey(page, "Only one");
    const [credential] = await authenticator.credentials();

    // Deleted elsewhere (another device, or support): this browser's password manager still holds it.
    const passkeyId = (await (await context.request.get("/api/v1/auth/webauthn/credentials")).json()).items[0].id;
    const deleted = await page.evaluate(async (id) => {
      const csrf = document.cookie.split("; ").find((c) => c.includes("ff_csrf="))?.split("=")[1] ?? "";
      return (await fetch(`/api/v1/auth/webauthn/credentials/${id}`, { method: "DELETE", headers: { "X-CSRF-Token": csrf } })).status;
    }, passkeyId);
    assert.equal(deleted, 204);
    assert.equal((await signalCalls(page, "signalAllAcceptedCredentials")).length, 0, "the app did not delete it, so said nothing");

    // Presence off while signing out, so the autofill request is not answered; the button's is.
    await authenticator.setPresence(false);
    await signOut(page);
    await heading(page, "Sign in to FitFolio");
    await authenticator.setPresence(true);
    const finished = apiResponse(page, "POST", "/auth/webauthn/authenticate/finish");
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    const answer = await finished;
    assert.equal(answer.status(), 400);
    assert.equal((await answer.json()).error.code, "unknown_credential");
    await page.waitForFunction(() => (window.__ffSignals ?? []).some((call) => call.name === "signalUnknownCredential"));
    assert.deepEqual((await signalCalls(page, "signalUnknownCredential")).map((call) => call.options), [
      { rpId: "localhost", credentialId: base64url(credential.credentialId) },
    ]);
  }));
