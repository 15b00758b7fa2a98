// FitFolio's service worker: the app's shell on the device, so the logger opens with no network.
//
// The build (build/offline-shell.ts) writes this file to dist/sw.js with `self.__SHELL__` replaced by the shell of
// that build: every file of the app and its revision (a hash of its content). It answers the shell's files from the
// cache and every navigation outside /api/ with index.html; it never answers an API request, which the app keeps
// itself for offline use (IndexedDB, src/offline). A new build installs beside the old one and waits until the
// person says so (src/pwa/UpdatePrompt.tsx): switching by itself could interrupt someone logging a set.

/** @type {{ version: string, files: { url: string, revision: string }[] }} */
const SHELL = self.__SHELL__;

const PREFIX = "fitfolio-shell-";
const CACHE = PREFIX + SHELL.version;
const FALLBACK = "/index.html";

// A file is cached under its URL and revision, so a file whose revision did not change is copied from the old
// shell's cache instead of downloaded again.
const keyOf = (file) => `${file.url}?__rev=${file.revision}`;
const keys = new Map(SHELL.files.map((file) => [file.url, keyOf(file)]));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        SHELL.files.map(async (file) => {
          const key = keyOf(file);
          const kept = await caches.match(key);
          if (kept) return cache.put(key, kept);
          // "reload": past the HTTP cache, so the bytes are this build's and match the revision.
          const response = await fetch(new Request(file.url, { cache: "reload" }));
          if (!response.ok) throw new Error(`${file.url}: ${response.status}`);
          return cache.put(key, response);
        }),
      ),
    ),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((names) => Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)))),
  );
});

// The update prompt's "Reload to update".
self.addEventListener("message", (event) => {
  if (event.data?.type === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  const key = request.mode === "navigate" ? keys.get(FALLBACK) : keys.get(url.pathname);
  if (!key) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(key))
      .then((cached) => cached ?? fetch(request)),
  );
});
