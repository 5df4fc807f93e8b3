// The engineer app's service worker: the app shell from the cache, so the page opens with no
// network. API calls are not cached here — the page keeps its data in IndexedDB and queues
// its writes there (outbox.js), so nothing a tap sends is ever answered from a cache.
// The shell includes the shared language files under /static/i18n/ (outside this scope, but
// fetched by the page, so this worker answers them too); the version covers them.

const VERSION = "__SHELL_VERSION__";
const CACHE = `fixroute-engineer-${VERSION}`;
const SHELL = [
  "./", "app.css", "app.js", "api.js", "flow.js", "outbox.js", "scan.js", "signature.js", "store.js", "ui.js",
  "manifest.webmanifest", "icon-192.png", "icon-512.png",
];
const SHARED = ["/static/i18n/i18n.js", "/static/i18n/zh-CN.json", "/static/i18n/en.json"];

self.addEventListener("install", (event) => {
  // "reload": past the HTTP cache, so a new version never caches an old file.
  const requests = [...SHELL, ...SHARED].map((url) => new Request(url, { cache: "reload" }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("fixroute-engineer-") && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  if (SHARED.includes(url.pathname)) {
    event.respondWith(fromCache(event.request).then((hit) => hit || fetch(event.request)));
    return;
  }
  if (!url.pathname.startsWith(new URL("./", self.location).pathname)) return;
  if (event.request.mode === "navigate") {
    // Every page of the app is the one shell; routes live in the #hash.
    event.respondWith(fromCache("./").then((hit) => hit || fetch(event.request)));
    return;
  }
  event.respondWith(fromCache(event.request).then((hit) => hit || fetch(event.request)));
});

async function fromCache(request) {
  const cache = await caches.open(CACHE);
  return cache.match(request, { ignoreSearch: true });
}
