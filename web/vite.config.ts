/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { offlineShell } from "./build/offline-shell.ts";

// The API and the SPA share one origin in production (ARCHITECTURE.md §5);
// in development Vite stands in for that origin and forwards /api to the backend.
export default defineConfig({
  plugins: [
    react(),
    // The installable, offline app: dist/sw.js holds the list of this build's files (hashed names, so an update is
    // a new list, never a stale mix) and answers app routes with index.html when offline; never an API request.
    offlineShell(),
  ],
  server: {
    // `./fitfolio dev` moves it with FITFOLIO_DEV_PORT; strict, because the API's App:PublicOrigin names this port.
    port: Number(process.env.FITFOLIO_DEV_PORT ?? 5173),
    strictPort: true,
    proxy: {
      // FITFOLIO_API points the proxy elsewhere, e.g. at a second checkout's backend. The Host header is kept
      // (changeOrigin: false), so the API sees the browser's origin, as behind the production proxy.
      "/api": { target: process.env.FITFOLIO_API ?? "http://localhost:8080", changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    sourcemap: true,
    // Read by scripts/js-budget.mjs: which chunks the first load of each route needs.
    manifest: true,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
    testTimeout: 30_000,
    unstubGlobals: true,
    pool: "threads",
    maxWorkers: 2,
  },
});
