/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

// The API and the SPA share one origin in production (ARCHITECTURE.md §5);
// in development Vite stands in for that origin and forwards /api to the backend.
export default defineConfig({
  plugins: [
    react(),
    // Workbox through vite-plugin-pwa: it precaches exactly the files of this build (hashed names, so an
    // update is a new list, never a stale mix) and serves index.html for app routes when offline.
    VitePWA({
      // "prompt": a new version waits until the person says so (UpdatePrompt), never reloads mid-set.
      registerType: "prompt",
      injectRegister: false,
      manifest: {
        name: "FitFolio",
        short_name: "FitFolio",
        description: "Your training log, with passwordless sign-in.",
        start_url: "/",
        scope: "/",
        display: "standalone",
        background_color: "#ffffff",
        theme_color: "#1f7a6b",
        icons: [
          { src: "/pwa-192.png", sizes: "192x192", type: "image/png" },
          { src: "/pwa-512.png", sizes: "512x512", type: "image/png" },
          { src: "/pwa-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      includeAssets: ["favicon.svg", "apple-touch-icon.png"],
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
        navigateFallback: "/index.html",
        // The API and its docs are never answered from the cache: no runtimeCaching at all, and
        // navigations under these paths go to the network. The offline logger keeps what it needs
        // itself, in IndexedDB under the person's id (training/workouts/sync).
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
      },
    }),
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
