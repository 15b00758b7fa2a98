// The app in the gym, on a phone-sized screen: what a newcomer tripped over in the logger, axe on the
// screens of the way there, keyboard-only set logging; then the installed app with the network cut,
// across a reload and a browser restart, where every set logged offline arrives exactly once.
// One sign-in for the whole file, in a browser profile on disk (so a restart keeps it).
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { apiResponse, expectAccessible, heading, launchProfile, mailIds, newEmail, nextSignInMail, screenshot, url } from "./harness.mjs";

const PHONE = { width: 390, height: 844 };
const SET_WRITE = /\/training\/workouts\/[^/]+\/exercises\/[^/]+\/sets$/;

/** Presses Tab until `locator` has the focus (at most 25 times: the skip link and the header come first). */
async function tabTo(page, locator) {
    for (let presses = 0; presses < 25; presses += 1) {
        if (await locator.evaluate((element) => element === document.activeElement)) return;
        await page.keyboard.press("Tab");
    }
    assert.fail("Tab never reached the element");
}

/** The disclosure marker a `summary` draws (none when display:flex removed the browser's and nothing replaced it). */
function marker(summary) {
    return summary.evaluate((element) => getComputedStyle(element, "::before").content);
}

/** Runs `body` with a profile folder and the context's pages screenshotted on failure; uncaught app errors fail it. */
async function withProfile(t, body) {
    const dir = await mkdtemp(join(tmpdir(), "fitfolio-gym-"));
    const errors = [];
    let context = null;
    const launch = async (options = {}) => {
        context = await launchProfile(dir, options);
        context.on("page", (page) => page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`)));
        return context;
    };
    try {
        await body(launch);
        assert.deepEqual(errors, [], "the app threw uncaught exceptions");
    } catch (error) {
        for (const [n, page] of (context?.pages() ?? []).entries()) {
            await screenshot(page, `failures/${t.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}-${n}`).catch(() => {});
        }
        throw error;
    } finally {
        await context?.close().catch(() => {});
        await rm(dir, { recursive: true, force: true });
    }
}

// Its own timeout: one sign-in serves the whole story, which a loaded 2-core machine takes past the suite's 90 s.
test("a newcomer's workout on a phone, then offline across a reload and a browser restart", { timeout: 180_000 }, (t) =>
    withProfile(t, async (launch) => {
        const context = await launch();
        const page = context.pages()[0] ?? (await context.newPage());
        // Sign-in by keyboard alone: Tab to each field, type, Enter.
        await page.goto("/signin");
        await heading(page, "Sign in to FitFolio");
        await expectAccessible(page, "sign-in");
        const email = newEmail("gym");
        const seen = await mailIds(email);
        await tabTo(page, page.getByLabel("Email address"));
        await page.keyboard.type(email);
        const mailed = apiResponse(page, "POST", "/auth/magic-link/start");
        await page.keyboard.press("Enter");
        assert.equal((await mailed).status(), 202);
        await heading(page, "Check your email");
        const { code } = await nextSignInMail(email, seen);
        await tabTo(page, page.getByLabel("8-digit code"));
        await page.keyboard.type(code);
        const verified = apiResponse(page, "POST", "/auth/magic-link/verify");
        await page.keyboard.press("Enter");
        assert.equal((await verified).status(), 200);
        await heading(page, "Sign in faster next time");
        await tabTo(page, page.getByRole("button", { name: "Not now" }));
        await page.keyboard.press("Enter");
        await heading(page, "Your training log");
        await page.setViewportSize(PHONE);
        await expectAccessible(page, "training home");

        // An empty workout is named for the day and time, not "Workout".
        const started = apiResponse(page, "POST", "/training/workouts");
        await page.getByRole("button", { name: "Start an empty workout" }).click();
        assert.equal((await started).status(), 201);
        // The answer comes before the logger replaces the training home: wait for the logger's heading, then read it.
        const named = /^(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day (morning|afternoon|evening|night) workout$/;
        await page.getByRole("heading", { level: 1, name: named }).waitFor({ timeout: 15_000 });
        const title = await page.getByRole("heading", { level: 1 }).innerText();
        assert.match(title, named);

        // "squat" finds Squat (Barbell) first, not seventh behind Air Squat and Front Squat.
        await page.getByRole("button", { name: "Add exercise" }).click();
        const picker = page.getByRole("dialog", { name: "Add an exercise" });
        assert.equal(await picker.getByLabel("Search exercises").evaluate((element) => element === document.activeElement), true, "the dialog takes the focus");
        const searched = page.waitForResponse((response) => new URL(response.url()).searchParams.get("query") === "squat");
        await picker.getByLabel("Search exercises").fill("squat");
        assert.equal((await searched).status(), 200);
        const choices = picker.getByRole("list", { name: "Matching exercises" }).locator(".picker__name");
        await choices.first().filter({ hasText: "Squat (Barbell)" }).waitFor();
        await expectAccessible(page, "the exercise picker");
        await picker.getByRole("button", { name: /^Squat \(Barbell\)/ }).click();
        const card = page.getByRole("region", { name: "Squat (Barbell)" });
        await card.waitFor();

        // The toggles look like toggles: each summary draws a marker.
        for (const summary of [page.locator("summary", { hasText: "Logger settings" }), card.locator("summary", { hasText: "More for Squat (Barbell)" })]) {
            assert.notEqual(await marker(summary), "none", "a disclosure marker is drawn");
        }
        await card.locator("summary", { hasText: "More for" }).click();
        await card.getByRole("button", { name: "Skip" }).waitFor();

        // Set 1 by keyboard alone: focus the weight, type, Tab to the reps, Enter submits.
        await card.getByLabel("Weight (kg)").focus();
        await page.keyboard.type("100");
        await page.keyboard.press("Tab"); // the "−" stepper
        await page.keyboard.press("Tab"); // the "+" stepper
        await page.keyboard.press("Tab");
        assert.equal(await card.getByLabel("Reps").evaluate((element) => element === document.activeElement), true, "Tab reaches the reps");
        await page.keyboard.type("5");
        const logged = apiResponse(page, "POST", SET_WRITE);
        await page.keyboard.press("Enter");
        assert.equal((await logged).status(), 201);
        const timer = page.getByRole("region", { name: "Rest timer" });
        await timer.waitFor();
        await card.locator(".record-banner").filter({ hasText: "New records on Squat (Barbell)" }).waitFor();

        // The next set's inputs are on screen and not under the rest timer (or the records card).
        const timerBox = await timer.boundingBox();
        for (const label of ["Weight (kg)", "Reps"]) {
            const box = await card.getByLabel(label).boundingBox();
            assert.ok(
                box.y >= 0 && box.y + box.height <= timerBox.y,
                `${label} of set 2 (${box.y}–${box.y + box.height}) is above the rest timer (${timerBox.y})`,
            );
        }
        await card.getByRole("button", { name: "Log set 2" }).waitFor();
        await expectAccessible(page, "the workout logger");
        await screenshot(page, "40-gym-logger");
        await offlineAcrossReloadAndRestart(page, launch);
    }),
);

/**
 * Cuts the API off, or gives it back. setOffline alone let a write through now and then once the service worker
 * controlled the page (its network fallback is not always under the page's emulation); an aborted route is.
 */
async function cutApi(context, cut) {
    await context.setOffline(cut);
    if (cut) await context.route(/\/api\//, (route) => route.abort("internetdisconnected"));
    else await context.unroute(/\/api\//);
}

/** The workout's sets as the server holds them. */
async function serverSets(context, workoutId) {
    const response = await context.request.get(url(`/api/v1/training/workouts/${workoutId}`));
    assert.equal(response.status(), 200);
    return (await response.json()).exercises.flatMap((exercise) => exercise.sets.map((set) => ({ id: set.id, weight: set.weight })));
}

async function logSet(card, n, weight) {
    await card.getByLabel("Weight (kg)").fill(String(weight));
    await card.getByRole("button", { name: `Log set ${n}` }).click();
    await card.getByRole("button", { name: `Log set ${n + 1}` }).waitFor();
}

async function offlineAcrossReloadAndRestart(page, launch) {
    let context = page.context();
    const workoutPath = new URL(page.url()).pathname;
    const workoutId = workoutPath.split("/").at(-1);
    // The installed app: a manifest with icons, and a service worker that controls the page after one visit.
    const manifest = await (await context.request.get(url("/manifest.webmanifest"))).json();
    assert.equal(manifest.display, "standalone");
    assert.deepEqual(manifest.icons.map((icon) => icon.sizes).sort(), ["192x192", "512x512", "512x512"]);
    // The app's JavaScript goes out compressed (a third of its size: most of a phone's first paint), API answers never.
    const entry = await page.evaluate(() => document.querySelector('script[type="module"][src^="/assets/"]').getAttribute("src"));
    const compressed = await context.request.get(url(entry), { headers: { "Accept-Encoding": "br, gzip" } });
    assert.ok(["br", "gzip"].includes(compressed.headers()["content-encoding"]), `${entry} is compressed: ${compressed.headers()["content-encoding"]}`);
    const me = await context.request.get(url("/api/v1/auth/me"), { headers: { "Accept-Encoding": "br, gzip" } });
    assert.equal(me.headers()["content-encoding"], undefined, "API answers are not compressed");
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    assert.equal(await page.evaluate(() => !!navigator.serviceWorker.controller), true, "the service worker controls the page");
    await screenshot(page, "41-installed-app");

    // Every set POST the browser attempts, offline or not: the ids must be the same on every attempt.
    const attempts = [];
    const watch = (ctx) =>
        ctx.on(
            "request",
            (request) => SET_WRITE.test(new URL(request.url()).pathname) && request.method() === "POST" && attempts.push(request.postDataJSON().id),
        );
    watch(context);

    await cutApi(context, true);
    let card = page.getByRole("region", { name: "Squat (Barbell)" });
    await logSet(card, 2, 102.5);
    await page.getByText("You’re offline. FitFolio keeps working").waitFor();
    await page.getByRole("status").filter({ hasText: "1 change waiting to be saved." }).waitFor();
    await screenshot(page, "42-offline-banner");

    // A reload with no network: the shell from the service worker, the person and the workout from IndexedDB.
    await page.reload();
    card = page.getByRole("region", { name: "Squat (Barbell)" });
    await card.getByRole("button", { name: "Log set 3" }).waitFor();
    await logSet(card, 3, 105);
    await page.getByRole("status").filter({ hasText: "2 changes waiting to be saved." }).waitFor();

    // A browser restart, still offline: the profile keeps the queue. Offline from its first moment, and with no tab to
    // bring back: a restored tab loads the app, and replays the queue, before the new context's route can cut the API,
    // and setOffline alone does not cover the service worker's network fallback (a clean-clone run and a later one each
    // saw set 2 reach the server this way). The person closed the app, then the browser.
    await Promise.all(context.pages().map((open) => open.close()));
    await context.close();
    context = await launch({ viewport: PHONE, offline: true });
    await cutApi(context, true);
    watch(context);
    const again = context.pages()[0] ?? (await context.newPage());
    await again.goto(workoutPath);
    card = again.getByRole("region", { name: "Squat (Barbell)" });
    await card.getByRole("button", { name: "Log set 4" }).waitFor();
    const before = await serverSets(context, workoutId);
    assert.deepEqual(before.length, 1, `nothing logged offline has reached the server: ${JSON.stringify({ before, attempts })}`);

    // Back online: the queue replays in order, with the same ids.
    await cutApi(context, false);
    await again.evaluate(() => window.dispatchEvent(new Event("online")));
    // The status line clears once the first write lands; the rest follow one by one, so ask the server until
    // the queue has drained (every set it holds) or the step's time is up.
    let held = await serverSets(context, workoutId);
    for (const deadline = Date.now() + 15_000; held.length < 3 && Date.now() < deadline; held = await serverSets(context, workoutId)) {
        await again.waitForTimeout(200);
    }
    assert.deepEqual(
        held.map((set) => set.weight),
        [100, 102.5, 105],
        "every set arrives, once, in order",
    );
    assert.deepEqual(
        [...new Set(attempts)],
        held.slice(1).map((set) => set.id),
        "every attempt carried the set's one client id",
    );
    assert.equal(new Set(held.map((set) => set.id)).size, 3);
    await exercisesAddedOffline(again, context);
}

/** Opens the picker (add, or swap from a card's "More for …"), searches, and picks the exercise named `name`. */
async function pick(page, dialogName, query, name) {
    const picker = page.getByRole("dialog", { name: dialogName });
    await picker.getByLabel("Search exercises").fill(query);
    await picker.getByRole("button", { name: new RegExp(`^${name.replace(/[()]/g, "\\$&")}`) }).click();
    await picker.waitFor({ state: "detached" });
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * The next workout, started online, then with the network cut: exercises added from the library kept on the device,
 * "last time" for one done before, a move, a swap and a skip of exercises whose add has not reached the server, a set,
 * a reload; back online (the set's first attempt answered 503 by the test) every write arrives once, in order, each with
 * its own Idempotency-Key, the retried one with the same key.
 */
async function exercisesAddedOffline(page, context) {
    const finished = apiResponse(page, "POST", /\/training\/workouts\/[^/]+\/finish$/);
    await page.getByRole("button", { name: "Finish workout" }).click();
    assert.equal((await finished).status(), 200);
    // The app says so once the finished workout is kept on the device as the next "last time".
    await page.getByText("Workout finished. Well done!").waitFor();
    await page.goto("/");
    const started = apiResponse(page, "POST", "/training/workouts");
    await page.getByRole("button", { name: "Start an empty workout" }).click();
    const workoutId = (await (await started).json()).id;
    await page.getByRole("button", { name: "Add exercise" }).waitFor();

    // Every write the browser attempts from here, with its key and what came back.
    const writes = [];
    context.on("requestfinished", async (request) => {
        if (request.method() === "GET" || !new URL(request.url()).pathname.includes(`/training/workouts/${workoutId}/`)) return;
        const response = await request.response();
        writes.push({ route: `${request.method()} ${new URL(request.url()).pathname}`, key: request.headers()["idempotency-key"], status: response?.status() });
    });
    context.on("requestfailed", (request) => {
        if (request.method() === "GET" || !new URL(request.url()).pathname.includes(`/training/workouts/${workoutId}/`)) return;
        writes.push({ route: `${request.method()} ${new URL(request.url()).pathname}`, key: request.headers()["idempotency-key"], status: 0 });
    });

    await cutApi(context, true);
    await page.getByRole("button", { name: "Add exercise" }).click();
    await pick(page, "Add an exercise", "squat", "Squat (Barbell)");
    const squat = page.getByRole("region", { name: "Squat (Barbell)" });
    // Last time, from the workout finished above (kept on this device), though the add has not reached the server.
    await squat.getByText(/Last time .*100 kg × 5/).waitFor();
    assert.equal(await squat.getByLabel("Weight (kg)").inputValue(), "100", "the first set is filled in from last time");
    await page.getByRole("button", { name: "Add exercise" }).click();
    await pick(page, "Add an exercise", "bench", "Bench Press (Barbell)");
    const bench = page.getByRole("region", { name: "Bench Press (Barbell)" });
    await bench.locator("summary", { hasText: "More for" }).click();
    await bench.getByRole("button", { name: "Move up" }).click();
    await bench.getByRole("button", { name: "Swap exercise" }).click();
    await pick(page, "Swap Bench Press (Barbell) for…", "romanian", "Romanian Deadlift (Barbell)");
    const rdl = page.getByRole("region", { name: "Romanian Deadlift (Barbell)" });
    await rdl.getByRole("button", { name: "Skip" }).click();
    await rdl.getByText("Skipped", { exact: true }).waitFor();
    await squat.getByRole("button", { name: "Log set 1" }).click();
    await squat.getByRole("button", { name: "Log set 2" }).waitFor();
    await page.getByRole("status").filter({ hasText: "6 changes waiting to be saved." }).waitFor();

    // A reload with no network shows it all as it was left.
    await page.reload();
    await squat.getByText("100 kg × 5").first().waitFor();
    const titles = () => page.locator(".exercise-card .card__title").allInnerTexts();
    assert.deepEqual(await titles(), ["Romanian Deadlift (Barbell)", "Squat (Barbell)"]);
    await rdl.getByText("Skipped", { exact: true }).waitFor();

    // Back online; the set's first attempt gets a 503 from the test, so the queue must retry it.
    let refused = 0;
    await context.route(/\/training\/workouts\/[^/]+\/exercises\/[^/]+\/sets$/, (route) =>
        refused++ === 0 && route.request().method() === "POST"
            ? route.fulfill({ status: 503, contentType: "application/json", body: '{"error":{"code":"unavailable","message":"Try again."}}' })
            : route.continue(),
    );
    await cutApi(context, false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    let held = null;
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await page.waitForTimeout(250)) {
        held = await (await context.request.get(url(`/api/v1/training/workouts/${workoutId}`))).json();
        if (held.exercises.length === 2 && held.exercises[1].sets.length === 1 && held.exercises[0].skipped) break;
    }
    assert.deepEqual(
        held.exercises.map((exercise) => [exercise.exerciseName, exercise.skipped, exercise.sets.map((set) => `${set.weight}×${set.reps}`)]),
        [
            ["Romanian Deadlift (Barbell)", true, []],
            ["Squat (Barbell)", false, ["100×5"]],
        ],
        "the server holds what was done offline, once, in order",
    );
    await page
        .getByRole("status")
        .filter({ hasText: "waiting to be saved" })
        .waitFor({ state: "detached" })
        .catch(() => {});

    const landed = writes.filter((write) => write.status >= 200 && write.status < 300);
    assert.deepEqual(
        landed.map((write) => write.route.replace(/[0-9a-f-]{36}/g, "…")),
        [
            "POST /api/v1/training/workouts/…/exercises",
            "POST /api/v1/training/workouts/…/exercises",
            "PUT /api/v1/training/workouts/…/exercises/order",
            "POST /api/v1/training/workouts/…/exercises/…/swap",
            "PATCH /api/v1/training/workouts/…/exercises/…",
            "POST /api/v1/training/workouts/…/exercises/…/sets",
        ],
        "every write arrives once, in the order it was made",
    );
    for (const write of landed) assert.match(write.key ?? "", UUID_V4, `${write.route} carries an Idempotency-Key`);
    assert.equal(new Set(landed.map((write) => write.key)).size, landed.length, "one key per logical write");
    const setAttempts = writes.filter((write) => write.route.endsWith("/sets") && write.status !== 0);
    assert.deepEqual(
        setAttempts.map((write) => write.status),
        [503, 201],
        "the set was refused once, then retried",
    );
    assert.equal(setAttempts[0].key, setAttempts[1].key, "the retry repeats the key");
    await context.unroute(/\/training\/workouts\/[^/]+\/exercises\/[^/]+\/sets$/);
}
