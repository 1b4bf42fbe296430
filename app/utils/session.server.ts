import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createCookieSessionStorage } from "@remix-run/node";
import { SESSION_ABSOLUTE_MS } from "~/models/session.server";

/** The cookie lives as long as the longest session; the server ends it sooner when idle (decision 024). */
const COOKIE_MAX_AGE_SECONDS = SESSION_ABSOLUTE_MS / 1000;

/**
 * SESSION_SECRET signs the session cookie. Without it, a random secret is
 * made once and kept in data/, so sessions survive restarts on one machine.
 * Several instances sharing a database must share SESSION_SECRET.
 */
function sessionSecrets(): string[] {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET.split(",");
  const file = resolve(process.env.DATA_DIR ?? "data", "session-secret");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return [readFileSync(file, "utf8").trim()];
}

const cookieOptions = { httpOnly: true, sameSite: "lax", path: "/", secrets: sessionSecrets(), maxAge: COOKIE_MAX_AGE_SECONDS } as const;

/**
 * Over HTTPS the session cookie is `__Host-session`: browsers take a cookie of
 * that name only when it is Secure, for the whole site (Path=/) and without a
 * Domain, so no sibling subdomain and no plain-HTTP page can set or shadow it.
 * Over plain HTTP (the local demo) such a cookie would be dropped, so it is
 * `__session` there.
 */
const secureStorage = createCookieSessionStorage({ cookie: { ...cookieOptions, name: "__Host-session", secure: true } });
const plainStorage = createCookieSessionStorage({ cookie: { ...cookieOptions, name: "__session", secure: false } });

/** The cookie storage for a request: the __Host- one whenever the cookie is sent over HTTPS (see cookieSecurity). */
export function sessionStorageFor(request: Request) {
  return cookieSecurity(request).secure ? secureStorage : plainStorage;
}

export function getCookieSession(request: Request) {
  return sessionStorageFor(request).getSession(request.headers.get("Cookie"));
}

/**
 * Cookies are marked Secure in production whenever the request came over
 * HTTPS (behind a proxy, set TRUST_PROXY so that its X-Forwarded-Proto
 * counts). Over plain HTTP a browser would drop a Secure cookie, so a local
 * demo on http:// keeps working; COOKIE_SECURE=always forces the flag.
 */
export function cookieSecurity(request: Request): { secure: boolean } {
  if (process.env.COOKIE_SECURE === "always") return { secure: true };
  return { secure: process.env.NODE_ENV === "production" && new URL(request.url).protocol === "https:" };
}
