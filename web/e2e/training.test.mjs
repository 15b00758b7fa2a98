// The training log end to end: plan a program, train a day of it on a phone-sized screen, see the
// new record celebrated, finish, then find the workout in the charts, log body weight, import a CSV.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiResponse, expectAccessible, heading, newEmail, screenshot, signUpWithCode, waitForPath, withBrowser } from "./harness.mjs";

const PHONE = { width: 390, height: 844 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const STRONG_CSV = [
    "Date;Workout Name;Duration;Exercise Name;Set Order;Weight;Reps;Distance;Seconds;Notes;Workout Notes;RPE",
    "2026-01-05 07:30:00;Morning legs;45m;Squat (Barbell);1;100;5;0;0;;;",
    "2026-01-05 07:30:00;Morning legs;45m;Squat (Barbell);2;100;abc;0;0;;;",
    "",
].join("\n");

const LIFTS = ["Squat (Barbell)", "Bench Press (Barbell)", "Deadlift (Barbell)", "Overhead Press (Barbell)"];

/** A Strong export of years of training: a workout every other day from 2023, four lifts of five sets each (20 rows a workout). */
function strongHistory(workouts) {
    const lines = ["Date;Workout Name;Duration;Exercise Name;Set Order;Weight;Reps;Distance;Seconds;Notes;Workout Notes;RPE"];
    for (let w = 0; w < workouts; w++) {
        const day = new Date(Date.UTC(2023, 0, 1 + 2 * w, 18, 0, 0)).toISOString().slice(0, 19).replace("T", " ");
        for (const [i, lift] of LIFTS.entries()) {
            for (let set = 1; set <= 5; set++) lines.push(`${day};History ${w + 1};1h;${lift};${set};${40 + i * 10 + (w % 20)};5;0;0;;;`);
        }
    }
    return lines.join("\n") + "\n";
}

function trainingNav(page) {
    return page.getByRole("navigation", { name: "Training" });
}

test("plan a program, log a workout from it with a record, and see it in progress, body weight and import", (t) =>
    withBrowser(t, async ({ newContext }) => {
        const context = await newContext();
        const page = await context.newPage();
        await signUpWithCode(page, newEmail("training"));
        await screenshot(page, "30-training-home");

        // --- a program with one day and one exercise ---
        await trainingNav(page).getByRole("link", { name: "Programs" }).click();
        await heading(page, "Programs");
        await page.getByRole("link", { name: "New program" }).first().click();
        await heading(page, "New program");
        await page.getByLabel("Program name").fill("Strength A");
        await page.getByLabel("Day name").fill("Push");
        await page.getByRole("button", { name: "Add exercise to Push" }).click();
        const picker = page.getByRole("dialog", { name: "Add an exercise" });
        const searched = apiResponse(page, "GET", "/training/exercises");
        await picker.getByLabel("Search exercises").fill("bench");
        assert.equal((await searched).status(), 200);
        const bench = picker.getByRole("button", { name: /bench press/i }).first();
        const exerciseName = (await bench.locator(".picker__name").innerText()).trim();
        await bench.click();
        const item = page.getByRole("listitem", { name: `1. ${exerciseName}` });
        await item.getByLabel("Reps").fill("5");
        await item.getByLabel("Rest (seconds)").fill("60");
        const created = apiResponse(page, "POST", "/training/programs");
        await page.getByRole("button", { name: "Create program" }).click();
        assert.equal((await created).status(), 201);
        await heading(page, "Strength A");
        await page.getByRole("status").filter({ hasText: "Created “Strength A”." }).waitFor();
        await expectAccessible(page, "the program editor");
        await screenshot(page, "31-training-program");

        // --- start the day and log sets, on a phone-sized screen ---
        await page.setViewportSize(PHONE);
        const started = apiResponse(page, "POST", "/training/workouts");
        await page.getByRole("button", { name: "Start Push" }).click();
        assert.equal((await started).status(), 201);
        await heading(page, "Push");
        const card = page.getByRole("region", { name: exerciseName });
        assert.equal(await card.getByLabel("Reps").inputValue(), "5", "the program's target fills the reps in");

        await card.getByLabel("Weight (kg)").fill("60");
        let logged = apiResponse(page, "POST", /\/training\/workouts\/[^/]+\/exercises\/[^/]+\/sets$/);
        await card.getByRole("button", { name: "Log set 1" }).click();
        let response = await logged;
        assert.equal(response.status(), 201);
        const firstBody = response.request().postDataJSON();
        assert.match(firstBody.id, UUID, "the set id is made by the client");
        assert.ok((await response.json()).records.length > 0, "the first set of an exercise sets records");
        await page.getByRole("region", { name: "Rest timer" }).waitFor();

        // Heavier second set: a new best e1RM, celebrated in a status banner that explains Epley.
        assert.equal(await card.getByLabel("Weight (kg)").inputValue(), "60", "the next set copies the last one");
        await card.getByLabel("Weight (kg)").fill("70");
        logged = apiResponse(page, "POST", /\/training\/workouts\/[^/]+\/exercises\/[^/]+\/sets$/);
        await card.getByRole("button", { name: "Log set 2" }).click();
        response = await logged;
        assert.equal(response.status(), 201);
        const records = (await response.json()).records;
        assert.ok(
            records.some((record) => record.type === "best_e1rm"),
            `a new best e1RM: ${JSON.stringify(records)}`,
        );
        const banner = page.getByRole("status").filter({ hasText: `New records on ${exerciseName}` });
        await banner.waitFor();
        assert.match(await banner.innerText(), /best estimated 1RM 81\.7 kg \(was 70 kg\)/);
        assert.match(await banner.innerText(), /Epley/);
        await card
            .getByRole("list", { name: `Sets of ${exerciseName}` })
            .getByText("70 kg × 5")
            .waitFor();
        await card.getByText("Saving…").waitFor({ state: "detached" });
        await screenshot(page, "32-training-logger-phone");
        await page.emulateMedia({ colorScheme: "dark" });
        await screenshot(page, "33-training-logger-phone-dark");
        await page.emulateMedia({ colorScheme: "light" });

        // Retrying the very same set (as the offline queue does) stores it once.
        const workoutId = new URL(page.url()).pathname.split("/").at(-1);
        const retry = await page.evaluate(
            async ({ path, body }) => {
                const token =
                    document.cookie
                        .split("; ")
                        .find((part) => part.startsWith("ff_csrf="))
                        ?.split("=")[1] ?? "";
                const answer = await fetch(path, {
                    method: "POST",
                    headers: { "Content-Type": "application/json", "X-CSRF-Token": decodeURIComponent(token) },
                    body: JSON.stringify(body),
                });
                return answer.status;
            },
            { path: new URL(response.request().url()).pathname, body: firstBody },
        );
        assert.equal(retry, 200, "the same set again is answered with the stored one");

        const finished = apiResponse(page, "POST", `/training/workouts/${workoutId}/finish`);
        await page.getByRole("button", { name: "Finish workout" }).click();
        assert.equal((await finished).status(), 200);
        await waitForPath(page, `/training/history/${workoutId}`);
        await heading(page, "Push");
        const sets = page.getByRole("list", { name: `Sets of ${exerciseName}` });
        await page.getByRole("status").filter({ hasText: "Workout finished." }).waitFor();
        await sets.getByRole("listitem").nth(1).waitFor();
        assert.equal(await sets.getByRole("listitem").count(), 2, "two sets, the retried one stored once");
        await expectAccessible(page, "a past workout");
        await screenshot(page, "34-training-workout-done");
        await page.setViewportSize({ width: 1280, height: 900 });

        // --- progress: the e1RM chart has the workout's point ---
        await trainingNav(page).getByRole("link", { name: "Progress" }).click();
        await heading(page, "Progress");
        const e1rm = page.getByRole("figure", { name: `${exerciseName}: estimated 1RM` });
        await e1rm.locator("svg.recharts-surface").first().waitFor();
        await e1rm.locator(".recharts-line-dots circle, .recharts-line-dot").first().waitFor();
        assert.ok((await e1rm.locator(".recharts-line-dots circle, .recharts-line-dot").count()) >= 1, "the chart plots the workout");
        await page
            .getByRole("figure", { name: /Sets per muscle group/ })
            .locator(".recharts-bar-rectangle")
            .first()
            .waitFor();
        // The charts' text alternative: a one-sentence summary as the figure's caption, and the numbers in a table.
        assert.match(await e1rm.locator("figcaption").innerText(), /^1 entry on .+: latest 81\.7 kg, highest 81\.7 kg\.$/);
        const e1rmCard = page.getByRole("region", { name: `${exerciseName}: estimated 1RM` });
        await e1rmCard.getByText("Show the numbers").click();
        await e1rmCard.getByRole("table").getByRole("cell", { name: "81.7 kg" }).waitFor();
        await expectAccessible(page, "progress");
        await screenshot(page, "35-training-progress");

        // --- body weight ---
        await trainingNav(page).getByRole("link", { name: "Body weight" }).click();
        await heading(page, "Body weight");
        await page.getByLabel("Weight (kg)").fill("80.5");
        const saved = apiResponse(page, "PUT", /\/training\/body-weight\/\d{4}-\d{2}-\d{2}$/);
        await page.getByRole("button", { name: "Save" }).click();
        assert.ok([200, 201].includes((await saved).status()));
        const bodyWeight = page.getByRole("figure", { name: "Body weight over time" });
        await bodyWeight.locator("svg.recharts-surface").first().waitFor();
        assert.match(await bodyWeight.locator("figcaption").innerText(), /^1 entry on .+: latest 80\.5 kg, highest 80\.5 kg\.$/);
        await expectAccessible(page, "body weight");
        await screenshot(page, "36-training-body-weight");

        // --- import a Strong CSV: the summary lists the skipped row ---
        await trainingNav(page).getByRole("link", { name: "Import & export" }).click();
        await heading(page, "Import & export");
        await page.getByLabel("CSV file").setInputFiles({ name: "strong.csv", mimeType: "text/csv", buffer: Buffer.from(STRONG_CSV) });
        await page.getByText("strong.csv looks like a Strong export.").waitFor();
        const imported = apiResponse(page, "POST", "/training/import");
        await page.getByRole("button", { name: "Import" }).click();
        assert.equal((await imported).status(), 202);
        const summary = page.getByRole("region", { name: "Import finished" });
        await summary.waitFor();
        await summary.getByRole("cell", { name: "3", exact: true }).waitFor();
        await expectAccessible(page, "import & export");
        await screenshot(page, "37-training-import");

        // --- history lists both workouts ---
        await trainingNav(page).getByRole("link", { name: "History" }).click();
        await heading(page, "History");
        const past = page.getByRole("list", { name: "Past workouts" });
        await past.getByRole("link", { name: "Morning legs" }).waitFor();
        await past.getByRole("link", { name: "Push" }).waitFor();
        await expectAccessible(page, "history");
        await screenshot(page, "38-training-history");

        // --- the exercise library ---
        await trainingNav(page).getByRole("link", { name: "Exercises" }).click();
        await heading(page, "Exercises");
        await page
            .getByRole("list", { name: /exercises/i })
            .first()
            .getByRole("listitem")
            .first()
            .waitFor();
        await expectAccessible(page, "the exercise library");
        await screenshot(page, "39-training-exercises");

        // --- years of history: the server's progress while it imports, then the summary ---
        // Every value the progress bar takes is recorded as the page renders it (not sampled on a timer): the 202 answer is
        // always drawn first, at 0 %, before the first poll, so the sequence starts partial, never goes back, and ends at 100 %.
        const workouts = 150;
        await trainingNav(page).getByRole("link", { name: "Import & export" }).click();
        await heading(page, "Import & export");
        await page.getByLabel("CSV file").setInputFiles({ name: "years.csv", mimeType: "text/csv", buffer: Buffer.from(strongHistory(workouts)) });
        await page.getByText("years.csv looks like a Strong export.").waitFor();
        await page.evaluate(() => {
            window.importProgressSeen = [];
            const record = () => {
                const bar = document.querySelector('progress[aria-label="Import progress"]');
                const value = bar && Number(bar.getAttribute("aria-valuenow"));
                if (bar && window.importProgressSeen.at(-1) !== value) window.importProgressSeen.push(value);
            };
            new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-valuenow"] });
        });
        const posted = apiResponse(page, "POST", "/training/import");
        const polled = apiResponse(page, "GET", /^\/api\/v1\/training\/imports\/[0-9a-f-]{36}$/);
        await page.getByRole("button", { name: "Import" }).click();
        assert.equal((await posted).status(), 202);
        assert.equal((await polled).status(), 200);
        await page.getByText(`Import finished: ${workouts} of ${workouts} workouts, ${workouts * 20} sets written.`).waitFor();
        const seen = await page.evaluate(() => window.importProgressSeen);
        assert.equal(seen[0], 0, `the first progress drawn is the 202's: ${seen}`);
        assert.equal(seen.at(-1), 100, `the last progress drawn is 100 %: ${seen}`);
        assert.ok(
            seen.every((value, i) => i === 0 || value >= seen[i - 1]),
            `progress never goes back: ${seen}`,
        );
        const bar = page.getByRole("progressbar", { name: "Import progress" });
        assert.equal(await bar.getAttribute("aria-valuenow"), "100");
        const years = page.getByRole("region", { name: "Import finished" });
        assert.equal(await years.getByText("Workouts imported").locator("xpath=following-sibling::dd[1]").innerText(), String(workouts));
        assert.equal(await years.getByText("Sets imported").locator("xpath=following-sibling::dd[1]").innerText(), String(workouts * 20));
        await expectAccessible(page, "import progress and summary");
        await screenshot(page, "96-training-import-progress");
    }));
