// Conflicting edits detected (issue 20): one workout edited in two browsers. The second save was made against the
// version its page loaded, so it is refused (412) and shown as a conflict instead of overwriting the first;
// "Keep mine" saves it over the first on purpose, and "Reload" in the other browser shows what is stored now.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiResponse, expectAccessible, heading, newEmail, screenshot, signUpWithCode, withBrowser } from "./harness.mjs";

/** A call to the API from the page, with the session cookie and the CSRF token as the app sends them. */
function api(page, method, path, body) {
    return page.evaluate(
        async ({ method, path, body }) => {
            const csrf = document.cookie
                .split("; ")
                .find((c) => c.startsWith("ff_csrf="))
                ?.slice("ff_csrf=".length);
            const response = await fetch(`/api/v1${path}`, {
                method,
                headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf ?? "" },
                body: body === undefined ? undefined : JSON.stringify(body),
            });
            return { status: response.status, body: await response.json() };
        },
        { method, path, body },
    );
}

test("a workout edited in two browsers shows the conflict in the second instead of overwriting the first", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const email = newEmail("conflict");
        const laptop = await (await newContext()).newPage();
        const phone = await (await newContext()).newPage();
        await signUpWithCode(laptop, email);
        await signUpWithCode(phone, email);

        const started = await api(laptop, "POST", "/training/workouts", { name: "Leg day" });
        assert.equal(started.status, 201);
        const id = started.body.id;
        assert.equal((await api(laptop, "POST", `/training/workouts/${id}/finish`, {})).status, 200);

        // Both open the workout at the same version.
        for (const page of [laptop, phone]) {
            await page.goto(`/training/history/${id}`);
            await heading(page, "Leg day");
            await page.getByRole("form", { name: "Edit workout" }).waitFor();
        }

        // The laptop saves first, against the version it loaded.
        await laptop.getByLabel("Workout notes").fill("Felt strong");
        const laptopSave = apiResponse(laptop, "PATCH", `/training/workouts/${id}`);
        await laptop.getByRole("button", { name: "Save changes" }).click();
        const laptopSaved = await laptopSave;
        assert.equal(laptopSaved.status(), 200);
        assert.match(laptopSaved.request().headers()["if-match"] ?? "", /^"\d+"$/, "the save carries the loaded version");
        await laptop.getByRole("status").filter({ hasText: "Workout saved." }).waitFor();

        // The phone's save was made against the older version: refused, shown, and nothing overwritten.
        await phone.getByLabel("Workout name").fill("Legs and core");
        await phone.getByLabel("Workout notes").fill("From the phone");
        const phoneSave = apiResponse(phone, "PATCH", `/training/workouts/${id}`);
        await phone.getByRole("button", { name: "Save changes" }).click();
        const refused = await phoneSave;
        assert.equal(refused.status(), 412);
        const error = (await refused.json()).error;
        assert.equal(error.code, "version_mismatch");
        const conflict = phone.getByRole("alert").filter({ hasText: "This workout was changed somewhere else" });
        await conflict.waitFor();
        await expectAccessible(phone, "the edit conflict");
        await screenshot(phone, "60-edit-conflict");
        const stored = await api(phone, "GET", `/training/workouts/${id}`);
        assert.equal(stored.body.name, "Leg day");
        assert.equal(stored.body.notes, "Felt strong");
        assert.equal(stored.body.version, error.current_version);

        // "Keep mine" resends the phone's edit against the version the server reported.
        const keep = apiResponse(phone, "PATCH", `/training/workouts/${id}`);
        await conflict.getByRole("button", { name: "Keep mine" }).click();
        const kept = await keep;
        assert.equal(kept.status(), 200);
        assert.equal(kept.request().headers()["if-match"], `"${error.current_version}"`);
        await heading(phone, "Legs and core");
        await phone.getByRole("status").filter({ hasText: "Workout saved." }).waitFor();
        assert.equal(await conflict.count(), 0);

        // Now the laptop is behind: its next save is refused too, and "Reload" shows the phone's version.
        await laptop.getByLabel("Workout notes").fill("Edited on the laptop again");
        const laptopAgain = apiResponse(laptop, "PATCH", `/training/workouts/${id}`);
        await laptop.getByRole("button", { name: "Save changes" }).click();
        assert.equal((await laptopAgain).status(), 412);
        const laptopConflict = laptop.getByRole("alert").filter({ hasText: "This workout was changed somewhere else" });
        await laptopConflict.getByRole("button", { name: "Reload" }).click();
        await heading(laptop, "Legs and core");
        await laptop.getByRole("status").filter({ hasText: "Showing the latest version." }).waitFor();
        assert.equal(await laptop.getByLabel("Workout name").inputValue(), "Legs and core");
        assert.equal(await laptop.getByLabel("Workout notes").inputValue(), "From the phone");
        const final = await api(laptop, "GET", `/training/workouts/${id}`);
        assert.equal(final.body.notes, "From the phone");
    }));
