// What the check-in service worker (./worker.ts) may keep on a phone, and
// when it must forget it: pure rules, shared by the worker, the page that
// registers it, and their tests. The reasons are in
// docs/decisions/018-check-in-page-offline.md.

/** Cache names carry a version: a worker with other rules drops the caches of the one before. */
export const PAGE_CACHE = "durable-checkin-pages-v1";
export const ASSET_CACHE = "durable-checkin-assets-v1";
export const OUR_CACHES = /^durable-checkin-/;

/** Where the worker is served, from the site's root so that its scope covers /events/…/checkin. */
export const WORKER_URL = "/sw.js";

/**
 * A kept page is never shown after this long: it holds the names of an
 * event's invitees, and taps older than this are refused as a wrong clock
 * anyway (docs/decisions/006-check-in-offline-and-qr.md).
 */
export const COPY_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

/** Messages between the check-in page and the worker. */
export const KEEP_PAGE = "durable:keep-check-in-page";
export const ASK_COPY = "durable:was-this-page-a-copy";
export type KeepPageMessage = { type: typeof KEEP_PAGE; url: string };
export type AskCopyMessage = { type: typeof ASK_COPY };
/** The worker's answer to AskCopyMessage: when the copy it served was made (ISO), or null for a page fresh from the server. */
export type CopyAnswer = { copyOf: string | null };

const CHECK_IN_PAGE = /^\/events\/([^/]+)\/checkin\/?$/;

/**
 * The address under which a check-in page is kept: an event's check-in page
 * for one day (or for the default day), or for one session of a day, whatever
 * else the address asks. Null for every other address.
 */
export function checkInPageKey(url: URL): string | null {
  const match = CHECK_IN_PAGE.exec(url.pathname);
  if (!match) return null;
  const day = url.searchParams.get("day");
  if (day !== null && !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const session = url.searchParams.get("session");
  if (session !== null && !/^[A-Za-z0-9_-]{1,64}$/.test(session)) return null;
  const query = [day ? `day=${day}` : null, session ? `session=${session}` : null].filter(Boolean).join("&");
  return `${url.origin}/events/${match[1]}/checkin${query ? `?${query}` : ""}`;
}

/**
 * Whether the server's answer to this address may be kept: only the page
 * itself, without a search (a search lists people of the directory who are
 * not invited, and those are not kept). Offline, an address with a search
 * is shown the kept page of its day, without the directory's matches.
 */
export function mayKeep(url: URL): boolean {
  return checkInPageKey(url) !== null && [...url.searchParams.keys()].every((name) => name === "day" || name === "session");
}

/**
 * The build's files, and the file of the page's language (without which the
 * page does not hydrate): their names carry a hash of their content, so a
 * kept copy never goes stale.
 */
export function isBuildAsset(url: URL): boolean {
  return url.pathname.startsWith("/build/") || /^\/locales\/[^/]+\.json$/.test(url.pathname);
}

/**
 * Posts that start or end a session (with JavaScript the app's forms post to
 * `<path>.data`). Every kept page is forgotten on either, so the next person
 * to sign in on the phone never sees the last one's pages.
 */
export function changesSession(url: URL): boolean {
  return /^\/(login|logout)(\.data)?$/.test(url.pathname);
}

/** The build files a page loads (scripts, module preloads, style sheets, its language's messages), as absolute addresses. */
export function buildAssetsIn(html: string, origin: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/["'](\/(?:build\/[^"'\s?#]+|locales\/[^"'\s?#/]+\.json))["']/g)) found.add(new URL(match[1], origin).href);
  return [...found];
}

/** Whether a copy made at `madeAt` (an HTTP date, as in the response's Date header) may still be shown at `now`. */
export function copyIsFresh(madeAt: string | null, now: number): boolean {
  if (!madeAt) return false;
  const made = Date.parse(madeAt);
  return Number.isFinite(made) && now - made < COPY_MAX_AGE_MS;
}
