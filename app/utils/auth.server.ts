import { redirect } from "@remix-run/node";
import type { Role } from "~/generated/prisma/enums";
import { secondFactorRequired } from "~/models/second-factor.server";
import { createSession, endSessionById, findLiveSession } from "~/models/session.server";
import { getCookieSession, sessionStorageFor } from "~/utils/session.server";

/** The cookie holds the session's token; the database knows it only by its SHA-256 (app/models/session.server.ts). */
const SESSION_KEY = "sessionToken";

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  locale: string;
  roles: Role[];
};

/**
 * The logged-in user of a request and the session they use (its id, for the
 * sessions page). `mustSetUpSecondFactor`: an admin without a second factor,
 * who is sent to set it up before anything else.
 */
export type SessionState = { user: SessionUser; sessionId: string; mustSetUpSecondFactor: boolean };

/** Where an admin without a second factor is sent, and the one page (with log-out) they may use until it is set up. */
export const SECOND_FACTOR_SETUP_PATH = "/settings/two-factor";

// One look-up per request, however many loaders ask.
const cache = new WeakMap<Request, Promise<SessionState | null>>();

/** The session of a request, or null. Disabled users and expired or idle sessions count as logged out. */
export function getSessionState(request: Request): Promise<SessionState | null> {
  let pending = cache.get(request);
  if (!pending) {
    pending = loadSessionState(request);
    cache.set(request, pending);
  }
  return pending;
}

/** The logged-in user of a request, or null. */
export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  return (await getSessionState(request))?.user ?? null;
}

async function loadSessionState(request: Request): Promise<SessionState | null> {
  const cookieSession = await getCookieSession(request);
  const token = cookieSession.get(SESSION_KEY);
  if (typeof token !== "string") return null;
  const session = await findLiveSession(token);
  if (!session || session.user.disabledAt) return null;
  const { user } = session;
  const roles = user.roles.map((r) => r.role);
  return {
    user: { id: user.id, email: user.email, name: user.name, locale: user.locale, roles },
    sessionId: session.id,
    mustSetUpSecondFactor: secondFactorRequired(roles) && !user.totpEnabledAt,
  };
}

/**
 * Starts a session for a user and redirects with the cookie set. The token is
 * always a new one (never one the browser brought along), and whatever else the
 * cookie held is dropped.
 */
export async function startSession(request: Request, userId: string, redirectTo: string) {
  const { token } = await createSession(userId, request.headers.get("User-Agent"));
  const storage = sessionStorageFor(request);
  const cookieSession = await storage.getSession();
  cookieSession.set(SESSION_KEY, token);
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": await storage.commitSession(cookieSession) } });
}

/** How long the second step of a log-in may take after the password was right. */
const SECOND_STEP_MS = 5 * 60_000;
const PENDING_USER_KEY = "secondStepUserId";
const PENDING_SINCE_KEY = "secondStepSince";

/**
 * The password was right and the account has a second factor: the cookie
 * (signed, HttpOnly) remembers whose code to ask for, for five minutes. No
 * session exists yet; it starts when the code is right.
 */
export async function startSecondStep(request: Request, userId: string, redirectTo: string) {
  const storage = sessionStorageFor(request);
  const cookieSession = await storage.getSession();
  cookieSession.set(PENDING_USER_KEY, userId);
  cookieSession.set(PENDING_SINCE_KEY, Date.now());
  const target = safeRedirect(redirectTo);
  return redirect(`/login/two-factor?${new URLSearchParams({ redirectTo: target })}`, {
    headers: { "Set-Cookie": await storage.commitSession(cookieSession) },
  });
}

/** The user whose second step this browser is in, or null when there is none or it took too long. */
export async function pendingSecondStep(request: Request): Promise<string | null> {
  const cookieSession = await getCookieSession(request);
  const userId = cookieSession.get(PENDING_USER_KEY);
  const since = cookieSession.get(PENDING_SINCE_KEY);
  if (typeof userId !== "string" || typeof since !== "number") return null;
  return Date.now() - since < SECOND_STEP_MS ? userId : null;
}

export async function endSession(request: Request) {
  const state = await getSessionState(request);
  if (state) await endSessionById(state.sessionId);
  const storage = sessionStorageFor(request);
  const cookieSession = await getCookieSession(request);
  return redirect("/", { headers: { "Set-Cookie": await storage.destroySession(cookieSession) } });
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

/**
 * The logged-in user and their session, or a redirect to the login page that
 * comes back here. An admin without a second factor is sent to set it up
 * (and back here after), unless `beforeSecondFactor` says this is the page
 * where that is done.
 */
export async function requireSessionState(request: Request, options: { beforeSecondFactor?: true } = {}): Promise<SessionState> {
  const state = await getSessionState(request);
  const url = new URL(request.url);
  if (!state) throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
  if (state.mustSetUpSecondFactor && !options.beforeSecondFactor) throw redirect(secondFactorSetUpUrl(url));
  return state;
}

/** The set-up page, coming back to `url` once done. */
export function secondFactorSetUpUrl(url: URL): string {
  return `${SECOND_FACTOR_SETUP_PATH}?${new URLSearchParams({ redirectTo: safeRedirect(url.pathname + url.search) })}`;
}

/** The logged-in user, or a redirect to the login page that comes back here. */
export async function requireUser(request: Request): Promise<SessionUser> {
  return (await requireSessionState(request)).user;
}
