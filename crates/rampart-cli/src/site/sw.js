// Rampart's service worker, written by `rampart site build`: after the first
// visit the whole site works offline — lessons, grading (the worker and its
// WebAssembly) and certificate verification.
//
// 1. install: caches every file of this version (PRECACHE, names relative to
//    this file), so one visit is enough.
// 2. activate: deletes the caches of older versions and takes control.
// 3. fetch, for this site's own GET requests only:
//    - pages (navigations) and files whose names carry no content hash go to
//      the network first, so a new version is picked up on the next visit,
//      and fall back to the cache when offline (a page falls back to the app);
//    - files with a content hash in their name never change: cache first.
// Progress lives in localStorage, which this worker never touches.
'use strict';

const VERSION = '__VERSION__';
const CACHE = `rampart-${VERSION}`;
const PRECACHE = __PRECACHE__;
const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css|svg|png|webp|jpg|jpeg)$/;
const scope = new URL('./', self.location).href;
const appShell = new URL('index.html', scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        cache.addAll(PRECACHE.map((path) => new Request(new URL(path, scope), { cache: 'reload' }))),
      )
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((key) => key.startsWith('rampart-') && key !== CACHE).map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, fallback) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') {
      await cache.put(fallback ? appShell : request, response.clone());
    }
    return response;
  } catch (offline) {
    const cached = (await cache.match(request, { ignoreSearch: true })) ?? (fallback ? await cache.match(appShell) : undefined);
    if (cached) return cached;
    throw offline;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(scope)) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, true));
  } else if (HASHED.test(new URL(request.url).pathname)) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(request, false));
  }
});
