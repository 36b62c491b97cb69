// The service worker a kiosk registers (src/web/main_web.cpp): the app's files are
// kept in Cache Storage, so a kiosk whose network drops keeps working and even
// restarts. The help server's /api/ always goes to the network (the app's outbox
// keeps what could not be sent). A new deployment installs beside the old one and
// waits: it is taken only when the page says so ("take-update", at an idle reset),
// never in the middle of someone's use. build_wasm.sh stamps the version.
// Font slices (9.7 MB in all) are not kept here: the app keeps each one it draws in its
// own cache ("anxin-files-v1"), which a new version leaves alone.
"use strict";
const VERSION = "__ANXIN_VERSION__";
const CACHE = "anxin-app-" + VERSION;
const FILES = ["index.html", "app.css", "mirror.js", "loader.js", "anxin.js", "anxin.wasm", "anxin.data", "FONT-LICENSE.txt"];

self.addEventListener("install", (event) => {
  // From the server, not the browser's HTTP cache: a new version must not keep an old file.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "reload" })))));
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

// The app's own page: the folder sw.js is in, or its index.html (any query, e.g. ?kiosk=1).
// Other pages beside it (the help desk's /console/) are never answered with the app.
function isAppPage(url) {
  const dir = new URL("./", self.location).pathname;
  return url.pathname === dir || url.pathname === dir + "index.html";
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin || url.pathname.includes("/api/")) return;
  const navigate = event.request.mode === "navigate";
  if (navigate && !isAppPage(url)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(navigate ? "index.html" : event.request, { ignoreSearch: navigate });
    // Anything else (font slices, which the app keeps in its own cache as it uses them) from the network.
    return hit || fetch(event.request);
  })());
});
