import { randomBytes } from "node:crypto";
import { redirect } from "@remix-run/node";
import { prisma } from "~/db.server";
import type { Role } from "~/generated/prisma/enums";
import { cookieSecurity, getCookieSession, sessionStorage, SESSION_MAX_AGE_SECONDS } from "~/utils/session.server";

const SESSION_KEY = "sessionId";

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  locale: string;
  roles: Role[];
};

// One look-up per request, however many loaders ask.
const cache = new WeakMap<Request, Promise<SessionUser | null>>();

/** The logged-in user of a request, or null. Disabled users and expired sessions count as logged out. */
export function getSessionUser(request: Request): Promise<SessionUser | null> {
  let pending = cache.get(request);
  if (!pending) {
    pending = loadSessionUser(request);
    cache.set(request, pending);
  }
  return pending;
}

async function loadSessionUser(request: Request): Promise<SessionUser | null> {
  const cookieSession = await getCookieSession(request);
  const sessionId = cookieSession.get(SESSION_KEY);
  if (typeof sessionId !== "string") return null;
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    include: { user: { include: { roles: true } } },
  });
  if (!session || session.expiresAt < new Date() || session.user.disabledAt) return null;
  const { user } = session;
  return { id: user.id, email: user.email, name: user.name, locale: user.locale, roles: user.roles.map((r) => r.role) };
}

/** Starts a session for a user and redirects with the cookie set. */
export async function startSession(request: Request, userId: string, redirectTo: string) {
  const session = await prisma.session.create({
    data: {
      id: randomBytes(24).toString("base64url"),
      userId,
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
    },
  });
  const cookieSession = await getCookieSession(request);
  cookieSession.set(SESSION_KEY, session.id);
  return redirect(safeRedirect(redirectTo), {
    headers: { "Set-Cookie": await sessionStorage.commitSession(cookieSession, cookieSecurity(request)) },
  });
}

export async function endSession(request: Request) {
  const cookieSession = await getCookieSession(request);
  const sessionId = cookieSession.get(SESSION_KEY);
  if (typeof sessionId === "string") {
    await prisma.session.deleteMany({ where: { id: sessionId } });
  }
  return redirect("/", { headers: { "Set-Cookie": await sessionStorage.destroySession(cookieSession, cookieSecurity(request)) } });
}

/** Control characters (C0, DEL, C1), line and paragraph separators, and the backslash browsers read as "/". */
function isUnsafeInPath(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || char === "\\";
}

/** Stands for this app's origin when a redirect is checked: a path must resolve under it, never elsewhere. */
const OWN_ORIGIN = "http://durable.invalid";

/**
 * Only this site's own paths (with their query and #fragment): never another
 * host after log-in or a language switch, and never a 500. Refused, for the
 * fallback: anything not starting with one "/", raw characters other than
 * printable ASCII (browsers drop tabs and newlines, so "/\t/evil.example" is
 * "//evil.example"; others cannot stand in a Location header), backslashes,
 * and control or line-separator characters once percent-decoded.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/dashboard"): string {
  if (typeof to !== "string" || to.length > 2000 || !to.startsWith("/") || !/^[\x21-\x7e]+$/.test(to) || to.includes("\\")) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback;
  }
  if ([...decoded].some(isUnsafeInPath) || decoded.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(to, OWN_ORIGIN);
  } catch {
    return fallback;
  }
  return url.origin === OWN_ORIGIN ? to : fallback;
}

/** The logged-in user, or a redirect to the login page that comes back here. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
  }
  return user;
}
