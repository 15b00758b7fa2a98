// The JavaScript a phone downloads before the sign-in page or the workout logger can run, in gzip
// bytes, against a budget; run by `./fitfolio test` after `npm run build` (npm run budget).
// The first load of a route is the entry chunk and its static imports (Vite's build manifest),
// plus any lazy chunk the route itself needs. Charts (recharts, d3) and admin screens must stay out:
// their sources are looked for in the first-load chunks' source maps.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const dist = new URL("../dist/", import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8"));

/** Budgets in gzip bytes (README.md, "JavaScript budgets", says why these numbers). */
const ROUTES = [
    { route: "/signin", budget: 135_000, lazy: [] },
    { route: "/training/workouts/:id (logger)", budget: 135_000, lazy: [] },
];
const FORBIDDEN = [/node_modules\/recharts\//, /node_modules\/d3-/, /\/src\/admin\//, /\/src\/training\/progress\//];

function closure(keys, seen = new Set()) {
    for (const key of keys) {
        if (seen.has(key)) continue;
        seen.add(key);
        closure(manifest[key]?.imports ?? [], seen);
    }
    return seen;
}

let failed = false;
const rows = [];
for (const { route, budget, lazy } of ROUTES) {
    const files = [...closure(["index.html", ...lazy])].map((key) => manifest[key].file).filter((file) => file.endsWith(".js"));
    let bytes = 0;
    for (const file of files) {
        bytes += gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
        const { sources } = JSON.parse(readFileSync(join(dist, `${file}.map`), "utf8"));
        const leaked = sources.filter((source) => FORBIDDEN.some((pattern) => pattern.test(source)));
        if (leaked.length > 0) {
            failed = true;
            console.error(`js-budget: ${route} loads ${leaked.length} chart/admin sources in ${file}, e.g. ${leaked[0]}`);
        }
    }
    const ok = bytes <= budget;
    failed ||= !ok;
    rows.push(`| ${route} | ${files.length} | ${(bytes / 1024).toFixed(1)} KiB | ${(budget / 1024).toFixed(1)} KiB | ${ok ? "ok" : "OVER"} |`);
}
console.log("| first load | chunks | JS gzip | budget | |\n| --- | --- | --- | --- | --- |\n" + rows.join("\n"));
process.exit(failed ? 1 : 0);
