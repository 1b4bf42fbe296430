import { randomBytes } from "node:crypto";
import { prisma } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import { hashToken } from "~/utils/tokens.server";

/**
 * How long a log-in lasts (decision 024): twelve hours at most, however busy,
 * and thirty minutes without a request. A check-in phone at the door asks the
 * server every few seconds, so it stays logged in for a working day.
 */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
export const SESSION_IDLE_MS = 30 * 60_000;
/** The last request is written at most this often: one write a minute per session, not one per request. */
const SEEN_RESOLUTION_MS = 60_000;
const USER_AGENT_MAX = 200;

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];
type Db = Tx | typeof prisma;

/** Whether a session, as stored, may still be used at `now`. */
export function sessionIsLive(session: { expiresAt: Date; lastSeenAt: Date }, now = new Date()): boolean {
  return session.expiresAt > now && now.getTime() - session.lastSeenAt.getTime() < SESSION_IDLE_MS;
}

/**
 * A new session for a user. Returns the token for the cookie; the database
 * keeps only its SHA-256, which is also the session's id.
 */
export async function createSession(userId: string, userAgent: string | null, db: Db = prisma): Promise<{ token: string; id: string }> {
  const token = randomBytes(32).toString("base64url");
  const id = hashToken(token);
  const now = new Date();
  await db.session.create({
    data: {
      id,
      userId,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      lastSeenAt: now,
      userAgent: userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null,
    },
  });
  return { token, id };
}

/**
 * The live session of a cookie's token, with its user, and the request
 * counted as activity. A session past either limit is deleted and counts as
 * none.
 */
export async function findLiveSession(token: string, now = new Date()) {
  const id = hashToken(token);
  const session = await prisma.session.findUnique({ where: { id }, include: { user: { include: { roles: true } } } });
  if (!session) return null;
  if (!sessionIsLive(session, now)) {
    await prisma.session.deleteMany({ where: { id } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= SEEN_RESOLUTION_MS) {
    await prisma.session.updateMany({ where: { id }, data: { lastSeenAt: now } });
  }
  return session;
}

export async function endSessionById(id: string) {
  await prisma.session.deleteMany({ where: { id } });
}

/** One's live sessions, the newest first. */
export async function listSessions(userId: string, now = new Date()) {
  const sessions = await prisma.session.findMany({ where: { userId }, orderBy: { lastSeenAt: "desc" } });
  return sessions.filter((session) => sessionIsLive(session, now));
}

/** Ends one of the user's own sessions (never someone else's: the id is looked up with the owner). */
export async function endOwnSession(userId: string, sessionId: string): Promise<boolean> {
  const ended = await prisma.session.deleteMany({ where: { id: sessionId, userId } });
  return ended.count === 1;
}

/** Ends every session of the user but `keepId` (the one asking), and says so in the audit log. */
export async function endOtherSessions(userId: string, keepId: string | null, db: Db = prisma): Promise<number> {
  const ended = await db.session.deleteMany({ where: { userId, ...(keepId ? { id: { not: keepId } } : {}) } });
  await recordAudit(db, { actorId: userId, action: "user.sessions_ended", subjectType: "User", subjectId: userId, details: { count: ended.count } });
  return ended.count;
}

/** Forgets sessions that can no longer be used (run by the scheduler). */
export async function deleteDeadSessions(now = new Date()) {
  const deleted = await prisma.session.deleteMany({
    where: { OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: new Date(now.getTime() - SESSION_IDLE_MS) } }] },
  });
  return deleted.count;
}
