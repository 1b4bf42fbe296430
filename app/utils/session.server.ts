import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createCookieSessionStorage } from "@remix-run/node";

export const SESSION_MAX_AGE_SECONDS = 60 * 60 * 24 * 30;

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

export const sessionStorage = createCookieSessionStorage({
  cookie: {
    name: "__session",
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secrets: sessionSecrets(),
    maxAge: SESSION_MAX_AGE_SECONDS,
  },
});

export function getCookieSession(request: Request) {
  return sessionStorage.getSession(request.headers.get("Cookie"));
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
