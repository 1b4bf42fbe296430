// The service worker of the door's check-in page, built into build/sw.js by
// scripts/build-service-worker.mjs and served at /sw.js. It keeps a copy of
// each check-in page a trainer opens (with the build files it loads), so that
// a reload or a reopened browser with no connection still shows the list and
// takes taps into the phone's queue (app/components/check-in-queue.ts).
// Nothing else passes through it: every other page, and every post, goes to
// the network as if there were no worker. See
// docs/decisions/018-check-in-page-offline.md.

import {
  ASK_COPY,
  ASSET_CACHE,
  buildAssetsIn,
  changesSession,
  checkInPageKey,
  copyIsFresh,
  isBuildAsset,
  KEEP_PAGE,
  mayKeep,
  OUR_CACHES,
  PAGE_CACHE,
  type CopyAnswer,
} from "./scope";

// The few service-worker types used here (lib.webworker cannot be loaded beside lib.dom in one program).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  readonly resultingClientId: string;
  respondWith(response: Response | Promise<Response>): void;
}
interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown;
  readonly source: { readonly id: string } | null;
  readonly ports: readonly MessagePort[];
}
interface WorkerScope {
  readonly location: Location;
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchEvent) => void): void;
  addEventListener(type: "message", listener: (event: ExtendableMessageEvent) => void): void;
}
const worker = self as unknown as WorkerScope;

// Pages shown from a copy, by the id of the window they were shown in, until
// that window asks (app/components/check-in/kept-copy.tsx): the copy's date.
const copiesShown = new Map<string, string>();
// Counts the sessions started or ended while this worker runs: a page fetched
// before a log-out and answered after it is not kept.
let sessionChanges = 0;

worker.addEventListener("install", (event) => event.waitUntil(worker.skipWaiting()));

worker.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // Caches of an earlier version of these rules, and copies past their age.
      for (const name of await caches.keys()) {
        if (OUR_CACHES.test(name) && name !== PAGE_CACHE && name !== ASSET_CACHE) await caches.delete(name);
      }
      await dropStaleCopies();
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin) return;
  if (request.method === "POST" && changesSession(url)) {
    // Logging in or out: the post goes on untouched, and every kept page is forgotten.
    event.waitUntil(forgetPages());
    return;
  }
  if (request.method !== "GET") return;
  const key = checkInPageKey(url);
  if (key && request.mode === "navigate") return event.respondWith(networkFirst(event, key, mayKeep(url)));
  if (isBuildAsset(url)) return event.respondWith(cacheFirst(request));
});

worker.addEventListener("message", (event) => {
  const message = event.data as { type?: unknown; url?: unknown } | null;
  if (message?.type === KEEP_PAGE && typeof message.url === "string") {
    // The page that registered the worker was loaded before the worker ran, so nothing kept it yet.
    const url = new URL(message.url, worker.location.origin);
    const key = checkInPageKey(url);
    if (url.origin === worker.location.origin && key && mayKeep(url)) {
      const since = sessionChanges;
      event.waitUntil(fetch(url, { credentials: "same-origin", redirect: "manual" }).then((response) => keep(key, response, since)).catch(() => undefined));
    }
  } else if (message?.type === ASK_COPY) {
    const id = event.source?.id;
    const answer: CopyAnswer = { copyOf: (id && copiesShown.get(id)) || null };
    if (id) copiesShown.delete(id);
    event.ports[0]?.postMessage(answer);
  }
});

/**
 * The server's page when it answers; the kept copy when it cannot be reached,
 * or answers with a fault of its own (a 5xx: the database is restarting, the
 * proxy lost the app) while a copy is at hand.
 */
async function networkFirst(event: FetchEvent, key: string, keepable: boolean): Promise<Response> {
  const since = sessionChanges;
  let response: Response;
  try {
    response = await fetch(event.request);
  } catch (offline) {
    const copy = await showCopy(event, key);
    if (!copy) throw offline;
    return copy;
  }
  if (response.status >= 500) return (await showCopy(event, key)) ?? response;
  if (keepable || response.status !== 200) event.waitUntil(keep(key, response.clone(), since));
  return response;
}

async function showCopy(event: FetchEvent, key: string): Promise<Response | undefined> {
  const copy = await keptCopy(key);
  if (copy && event.resultingClientId) copiesShown.set(event.resultingClientId, copy.headers.get("Date") ?? "");
  return copy;
}

/**
 * Keeps the server's answer for a check-in page, or forgets: a page that is
 * no longer there (or no longer the trainer's to see) loses its copy, and a
 * redirect (to the login page: the session ended) loses every copy.
 */
async function keep(key: string, response: Response, since: number): Promise<void> {
  if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) return forgetPages();
  if (response.status >= 500 || since !== sessionChanges) return;
  const pages = await caches.open(PAGE_CACHE);
  const html = response.status === 200 && (response.headers.get("Content-Type") ?? "").startsWith("text/html") ? await response.text() : null;
  if (html === null) {
    await pages.delete(key);
    return;
  }
  // The body read here is already decoded: its headers must not say it is compressed.
  const headers = new Headers(response.headers);
  headers.delete("Content-Encoding");
  headers.delete("Content-Length");
  if (since !== sessionChanges) return;
  await pages.put(key, new Response(html, { status: 200, headers }));
  const assets = await caches.open(ASSET_CACHE);
  await Promise.all(
    buildAssetsIn(html, worker.location.origin).map(async (asset) => {
      if (!(await assets.match(asset))) await assets.add(asset).catch(() => undefined);
    }),
  );
  await dropStaleCopies();
}

async function keptCopy(key: string): Promise<Response | undefined> {
  const copy = await (await caches.open(PAGE_CACHE)).match(key, { ignoreVary: true });
  return copy && copyIsFresh(copy.headers.get("Date"), Date.now()) ? copy : undefined;
}

/** A build file from the phone's copy (its name changes with its content), else from the server. */
async function cacheFirst(request: Request): Promise<Response> {
  return (await (await caches.open(ASSET_CACHE)).match(request, { ignoreVary: true })) ?? fetch(request);
}

async function forgetPages(): Promise<void> {
  sessionChanges += 1;
  for (const name of await caches.keys()) if (OUR_CACHES.test(name)) await caches.delete(name);
}

/** Drops copies past their age, and the build files no kept page loads any more (those of an earlier release). */
async function dropStaleCopies(): Promise<void> {
  const pages = await caches.open(PAGE_CACHE);
  const needed = new Set<string>();
  for (const request of await pages.keys()) {
    const copy = await pages.match(request);
    if (!copy || !copyIsFresh(copy.headers.get("Date"), Date.now())) {
      await pages.delete(request);
      continue;
    }
    for (const asset of buildAssetsIn(await copy.text(), worker.location.origin)) needed.add(asset);
  }
  const assets = await caches.open(ASSET_CACHE);
  for (const request of await assets.keys()) if (!needed.has(request.url)) await assets.delete(request);
}
