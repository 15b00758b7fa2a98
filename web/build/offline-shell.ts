import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import type { Plugin, ResolvedConfig } from "vite";

// What the shell holds: the app's code, styles, page, icons and manifest. Source maps and Vite's manifest stay out.
const SHELL_FILE = /\.(js|css|html|svg|png|webmanifest)$/;
const WORKER = "sw.js";
const PLACEHOLDER = "const SHELL = self.__SHELL__;";

/**
 * Writes the service worker (build/service-worker.js) into the build as `sw.js`, with the list of every file of
 * that build and a hash of each one's content. The worker caches them at install and answers them offline; a build
 * whose files changed is a new list, so an update is always a whole new shell, never a stale mix.
 */
export function offlineShell(): Plugin {
  let config: ResolvedConfig;
  return {
    name: "fitfolio:offline-shell",
    apply: "build",
    configResolved(resolved) {
      config = resolved;
    },
    // After the bundle and the public folder are written: the list is what is on disk.
    async closeBundle() {
      const outDir = resolve(config.root, config.build.outDir);
      const files = [];
      for (const path of await filesUnder(outDir)) {
        const url = "/" + relative(outDir, path).split(sep).join("/");
        if (url === `/${WORKER}` || !SHELL_FILE.test(url)) continue;
        files.push({ url, revision: hash(await readFile(path)) });
      }
      files.sort((a, b) => a.url.localeCompare(b.url));
      const version = hash(JSON.stringify(files));
      const source = await readFile(resolve(config.root, "build/service-worker.js"), "utf8");
      if (!source.includes(PLACEHOLDER)) throw new Error(`build/service-worker.js lost its placeholder: ${PLACEHOLDER}`);
      await writeFile(join(outDir, WORKER), source.replace(PLACEHOLDER, `const SHELL = ${JSON.stringify({ version, files })};`));
    },
  };
}

function hash(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex").slice(0, 16);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}
