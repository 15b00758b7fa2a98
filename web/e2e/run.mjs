// Runs the browser tests with Node's own test runner, one file at a time (each starts a Chromium).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const chromium = process.env.FITFOLIO_E2E_CHROMIUM || "/usr/bin/chromium";
for (const name of ["FITFOLIO_E2E_BASE_URL", "FITFOLIO_E2E_MAILBOX_URL"]) {
    if (!process.env[name]) {
        console.error(`${name} is not set. Run scripts/e2e.sh from the repository root (see web/e2e/README.md).`);
        process.exit(2);
    }
}
if (!existsSync(chromium)) {
    console.error(`No Chromium at ${chromium}: apt-get install chromium, or set FITFOLIO_E2E_CHROMIUM.`);
    process.exit(2);
}

// Words on the command line narrow the run to the files whose names contain one of them.
const wanted = process.argv.slice(2);
const files = readdirSync(here)
    .filter((name) => name.endsWith(".test.mjs"))
    .filter((name) => wanted.length === 0 || wanted.some((word) => name.includes(word)))
    .sort()
    .map((name) => join(here, name));
if (files.length === 0) {
    console.error(`e2e: no test file matches ${wanted.join(", ")}`);
    process.exit(2);
}
console.log(`e2e: ${files.length} files`);

const result = spawnSync(process.execPath, ["--test", "--test-reporter=spec", "--test-concurrency=1", "--test-timeout=180000", ...files], { stdio: "inherit" });
process.exit(result.status ?? 1);
