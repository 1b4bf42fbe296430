/**
 * The app's log: one JSON object per line on stdout, so that a log collector
 * (journald, Docker, a hosting platform) can filter by event, request or
 * message without parsing prose.
 *
 * Personal data never goes here. Callers pass ids (user, person, invitation,
 * outbox message), never emails, names, tokens, addresses, gender or
 * community; paths go through redactedPath. As a second line of defence every
 * text value is scrubbed of anything shaped like an email address or a
 * personal link's token, because error messages from libraries can quote
 * what they were given.
 *
 * LOG_LEVEL (debug, info, warn, error; default info) sets the lowest level
 * written, except for the lines of log.always.
 */

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, string | number | boolean | null | undefined>;

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function lowestLevel(): number {
  const configured = process.env.LOG_LEVEL?.toLowerCase();
  return configured && configured in SEVERITY ? SEVERITY[configured as LogLevel] : SEVERITY.info;
}

// Routes whose last path segment is the credential itself.
const TOKEN_PATH = /\/(invitation|feedback|calendar)\/(?!public\.ics\b)[^/?#\s"']+?(\.data)?(?=[/?#\s"']|$)/g;
const TOKEN_PARAM = /([?&](?:token|code)=)[^&#\s"']+/gi;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

function scrub(text: string): string {
  return text.replace(TOKEN_PATH, "/$1/:token$2").replace(TOKEN_PARAM, "$1:redacted").replace(EMAIL, "[email]");
}

/**
 * A request's path for the log: personal-link tokens replaced by `:token`,
 * and of the query string only the names (search terms can be names, and
 * verify/reset links carry tokens there).
 */
export function redactedPath(url: string): string {
  const parsed = new URL(url, "http://localhost");
  const names = [...new Set(parsed.searchParams.keys())];
  return scrub(parsed.pathname) + (names.length ? `?${names.join("&")}` : "");
}

/**
 * What to log of an error: its kind, code and message, and its stack frames.
 * Prisma's messages quote the arguments of the failed call (which can hold
 * personal data) before the reason on their last line: only that line is kept.
 */
export function errorFields(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: typeof error, message: scrub(String(error)).slice(0, 500) };
  const code = (error as { code?: unknown }).code;
  const lines = error.message.split("\n").filter((line) => line.trim() !== "");
  const message = error.name.startsWith("PrismaClient") ? (lines.at(-1) ?? "") : error.message;
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  return {
    error: error.name,
    code: typeof code === "string" || typeof code === "number" ? code : undefined,
    message: scrub(message.trim()).slice(0, 500),
    stack: scrub(frames.slice(0, 15).join("\n")) || undefined,
  };
}

export function writeLog(level: LogLevel, event: string, fields: LogFields = {}, always = false) {
  if (!always && SEVERITY[level] < lowestLevel()) return;
  const entry: Record<string, string | number | boolean | null> = { time: new Date().toISOString(), level, event };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || key in entry) continue;
    entry[key] = typeof value === "string" ? scrub(value) : value;
  }
  process.stdout.write(`${JSON.stringify(entry)}\n`);
}

export const log = {
  debug: (event: string, fields?: LogFields) => writeLog("debug", event, fields),
  info: (event: string, fields?: LogFields) => writeLog("info", event, fields),
  warn: (event: string, fields?: LogFields) => writeLog("warn", event, fields),
  error: (event: string, fields?: LogFields) => writeLog("error", event, fields),
  /**
   * An info line written whatever LOG_LEVEL says: the server's start and stop,
   * a few lines in a process's life that operators and the tools that start
   * the server (they wait for "Durable is running") must always see.
   */
  always: (event: string, fields?: LogFields) => writeLog("info", event, fields, true),
};
