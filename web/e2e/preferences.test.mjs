// Preferences live with the account, not the device: a unit chosen in one browser is what another
// browser signed in as the same person shows, and a fresh browser gets it from the server.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiResponse, heading, newEmail, signUpWithCode, withBrowser } from "./harness.mjs";

async function openBodyWeight(page) {
    await page.getByRole("navigation", { name: "Training" }).getByRole("link", { name: "Body weight" }).click();
    await heading(page, "Body weight");
}

test("a weight unit chosen in one browser is the one another browser of the same person shows", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const email = newEmail("preferences");
        const phone = await (await newContext()).newPage();
        await signUpWithCode(phone, email);
        await openBodyWeight(phone);
        assert.equal(await phone.getByLabel("Weight unit").inputValue(), "kg", "kilograms until the person chooses");

        const saved = apiResponse(phone, "PUT", "/account/preferences");
        await phone.getByLabel("Weight unit").selectOption("lb");
        const response = await saved;
        assert.equal(response.status(), 200);
        assert.deepEqual(response.request().postDataJSON(), { weightUnit: "lb", effortScale: "rpe", defaultRestSeconds: 90 });
        await phone.getByLabel("Weight (lb)").waitFor();

        const laptop = await (await newContext()).newPage();
        await signUpWithCode(laptop, email);
        assert.equal(await laptop.evaluate(() => localStorage.getItem("fitfolio.weightUnit")), null, "nothing on this device says lb");
        await openBodyWeight(laptop);
        await laptop.getByLabel("Weight (lb)").waitFor();
        assert.equal(await laptop.getByLabel("Weight unit").inputValue(), "lb");
    }));
