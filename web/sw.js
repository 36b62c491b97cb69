// The service worker a kiosk registers (src/web/main_web.cpp): the app's files are
// kept in Cache Storage, so a kiosk whose network drops keeps working and even
// restarts. The help server's /api/ always goes to the network (the app's outbox
// keeps what could not be sent). A new deployment installs beside the old one and
// waits: it is taken only when the page says so ("take-update", at an idle reset),
// never in the middle of someone's use. build_wasm.sh stamps the version.
"use strict";
const VERSION = "__ANXIN_VERSION__";
const CACHE = "anxin-app-" + VERSION;
const FILES = ["index.html", "app.css", "mirror.js", "loader.js", "anxin.js", "anxin.wasm", "anxin.data", "FONT-LICENSE.txt"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys())
      if (name.startsWith("anxin-app-") && name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data === "take-update") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin || url.pathname.includes("/api/")) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // The page itself, whatever its query (?kiosk=1): the cached index.html.
    const key = event.request.mode === "navigate" ? "index.html" : event.request;
    const hit = await cache.match(key, { ignoreSearch: event.request.mode === "navigate" });
    if (hit) return hit;
    return fetch(event.request);
  })());
});
