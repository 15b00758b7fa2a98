// Lighthouse (npm `lighthouse`, its default mobile emulation: a mid-range phone, slow 4G, 4x CPU slowdown) on the
// pages named, each `--runs` times in a fresh headless Debian Chromium, printing one JSON object on stdout: the
// per-run scores and metrics and their medians. The bench's "Lighthouse" rows run it (bench/README.md); scores move
// with the machine's load, so they are reported, not gated.
//
//   node lighthouse.mjs --page sign-in=http://127.0.0.1:5000/signin [--page logger=URL] [--runs 3] [--cookie "a=b; c=d"]
//
// `--cookie` is sent with every request of the run (a signed-in page such as the logger). Progress goes to stderr.
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const { values } = parseArgs({
    options: {
        page: { type: "string", multiple: true, default: [] },
        runs: { type: "string", default: "3" },
        cookie: { type: "string" },
        chromium: { type: "string", default: process.env.FITFOLIO_CHROMIUM || "/usr/bin/chromium" },
    },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || values.page.length === 0) {
    console.error("usage: node lighthouse.mjs --page NAME=URL [--page NAME=URL] [--runs N] [--cookie HEADER]");
    process.exit(2);
}
const version = createRequire(import.meta.url)("lighthouse/package.json").version;

const CATEGORIES = ["performance", "accessibility", "best-practices"];
const METRICS = {
    fcpMs: "first-contentful-paint",
    lcpMs: "largest-contentful-paint",
    tbtMs: "total-blocking-time",
    cls: "cumulative-layout-shift",
    speedIndexMs: "speed-index",
    transferBytes: "total-byte-weight",
};

function median(numbers) {
    const sorted = numbers.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
    if (sorted.length === 0) return null;
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function once(url) {
    const chrome = await chromeLauncher.launch({
        chromePath: values.chromium,
        chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
    });
    try {
        const result = await lighthouse(url, {
            port: chrome.port,
            output: "json",
            logLevel: "error",
            onlyCategories: CATEGORIES,
            extraHeaders: values.cookie ? { Cookie: values.cookie } : undefined,
        });
        const lhr = result?.lhr;
        if (!lhr) throw new Error(`Lighthouse returned no result for ${url}`);
        if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const run = { finalUrl: lhr.finalDisplayedUrl };
        for (const id of CATEGORIES) run[id] = lhr.categories[id]?.score == null ? null : Math.round(lhr.categories[id].score * 100);
        for (const [name, audit] of Object.entries(METRICS)) run[name] = lhr.audits[audit]?.numericValue ?? null;
        // Audits that could not run (on an older Node than Lighthouse asks for, some unscored insights): named, not hidden.
        run.erroredAudits = Object.values(lhr.audits)
            .filter((audit) => audit.scoreDisplayMode === "error")
            .map((audit) => audit.id);
        run.warnings = lhr.runWarnings;
        return run;
    } finally {
        await chrome.kill();
    }
}

const pages = [];
for (const spec of values.page) {
    const at = spec.indexOf("=");
    const [name, url] = [spec.slice(0, at), spec.slice(at + 1)];
    const results = [];
    for (let n = 1; n <= runs; n += 1) {
        const started = Date.now();
        results.push(await once(url));
        console.error(`  lighthouse ${name} run ${n}/${runs}: performance ${results.at(-1).performance} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
    const medians = {};
    for (const key of [...CATEGORIES, ...Object.keys(METRICS)]) medians[key] = median(results.map((run) => run[key]));
    pages.push({ name, url, runs: results, median: medians });
}
process.stdout.write(JSON.stringify({ lighthouse: version, node: process.version, pages }) + "\n");
