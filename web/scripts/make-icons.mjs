// Draws the installable app's PNG icons from public/favicon.svg with Debian's Chromium (run once after
// changing the logo: node scripts/make-icons.mjs). "any" icons keep the rounded tile; the maskable one
// fills the square and keeps the mark inside the 80 % safe zone that launchers may crop to a circle.
import { readFile } from "node:fs/promises";
import { chromium } from "playwright-core";

const svg = await readFile(new URL("../public/favicon.svg", import.meta.url), "utf8");
const browser = await chromium.launch({ executablePath: process.env.FITFOLIO_E2E_CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage();
const icons = [
    { file: "pwa-192.png", size: 192, maskable: false },
    { file: "pwa-512.png", size: 512, maskable: false },
    { file: "pwa-maskable-512.png", size: 512, maskable: true },
    { file: "apple-touch-icon.png", size: 180, maskable: true },
];
for (const { file, size, maskable } of icons) {
    await page.setViewportSize({ width: size, height: size });
    const inner = maskable ? Math.round(size * 0.7) : size;
    const tile = maskable ? "#1f7a6b" : "transparent";
    await page.setContent(
        `<body style="margin:0;width:${size}px;height:${size}px;display:grid;place-items:center;background:${tile}">` +
            `<div style="width:${inner}px;height:${inner}px">${svg.replace("<svg ", `<svg width="${inner}" height="${inner}" `)}</div></body>`,
    );
    await page.screenshot({ path: new URL(`../public/${file}`, import.meta.url).pathname, omitBackground: !maskable });
}
await browser.close();
