// The served OpenAPI document passes Redocly's recommended rules (web/redocly.yaml) with no error. The
// CLI comes from web/package.json's devDependencies; telemetry and the update check are off (offline).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { url } from "./harness.mjs";

const web = join(dirname(fileURLToPath(import.meta.url)), "..");

// Warnings still expected, each for a reason: starting a provider sign-in is a browser navigation whose success
// is a redirect to the provider (302, no 2xx), the health probes have no 4xx answer at all, and the server is
// the stack's public origin, which is localhost when the stack runs on this machine.
const KNOWN_WARNINGS = {
    "operation-2xx-response": (pointer) => /^#\/paths\/~1api~1v1~1auth~1external~1[^/]+~1start\//.test(decodeURIComponent(pointer)),
    "operation-4xx-response": (pointer) => pointer.startsWith("#/paths/~1healthz~1"),
    "no-server-example.com": () => new URL(url("/")).hostname === "localhost",
};

test("the OpenAPI document passes Redocly's recommended lint with no error", { timeout: 120_000 }, async (t) => {
    const response = await fetch(url("/api/v1/openapi.json"));
    assert.equal(response.status, 200);
    const dir = await mkdtemp(join(tmpdir(), "fitfolio-openapi-"));
    try {
        const file = join(dir, "openapi.json");
        await writeFile(file, await response.text());
        const lint = spawnSync(join(web, "node_modules", ".bin", "redocly"), ["lint", "--format", "json", file], {
            cwd: web,
            encoding: "utf8",
            env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
        });
        assert.ok(lint.stdout, `redocly printed nothing: ${lint.error ?? lint.stderr}`);
        const report = JSON.parse(lint.stdout);
        const problems = report.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
        t.diagnostic(`redocly: ${report.totals.errors} errors, ${report.totals.warnings} warnings`);

        assert.deepEqual(
            problems.filter((p) => p.startsWith("error")),
            [],
            "no lint errors",
        );
        const unexpected = report.problems.filter((p) => !KNOWN_WARNINGS[p.ruleId]?.(p.location[0]?.pointer ?? ""));
        assert.deepEqual(
            unexpected.map((p) => `${p.ruleId} ${p.location[0]?.pointer}`),
            [],
            "no warning beyond the known ones",
        );
        assert.equal(lint.status, 0, lint.stderr);
    } finally {
        await rm(dir, { recursive: true, force: true });
    }
});
