import type { ActionFunctionArgs, LoaderFunctionArgs, ServerBuild } from "@remix-run/node";
import { errorFields, log, redactedPath } from "~/utils/log.server";

/**
 * A database that is busy (SQLite: another process holds the write lock past
 * the busy timeout; PostgreSQL: a row lock held past lock_timeout, a
 * serialization failure, a full pool) or unreachable is a passing condition,
 * not a bug: the request's transaction has rolled back, so nothing is
 * half-written, and the same request will work again in a moment. The person
 * gets a 503 "try again" page instead of a 500, and the log says which.
 */

// Driver-adapter error kinds (@prisma/driver-adapter-utils) that mean "busy or
// unreachable": SQLITE_BUSY comes through as SocketTimeout.
const UNAVAILABLE_KINDS = new Set(["SocketTimeout", "TransactionWriteConflict", "TooManyConnections", "DatabaseNotReachable", "ConnectionClosed"]);
// PostgreSQL SQLSTATEs the pg adapter passes through without a kind of their own:
// lock_not_available, query_canceled (statement_timeout), admin/crash shutdown, cannot_connect_now.
const UNAVAILABLE_SQLSTATES = new Set(["55P03", "57014", "57P01", "57P02", "57P03", "40001", "40P01", "53300"]);
// Prisma's codes: can't reach server, timed out, server closed the connection,
// connection pool timeout, transaction could not start or expired, write conflict, too many connections.
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1008", "P1017", "P2024", "P2028", "P2034", "P2037"]);

type DriverCause = { kind?: string; originalCode?: string; code?: string };

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, meta, cause } = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: DriverCause } }; cause?: DriverCause };
  if (typeof code === "string" && UNAVAILABLE_PRISMA_CODES.has(code)) return true;
  // Raw queries (P2010) and unmapped database errors carry the driver's error.
  const driver = meta?.driverAdapterError?.cause ?? (error.name === "DriverAdapterError" ? cause : undefined);
  if (!driver) return false;
  if (driver.kind && UNAVAILABLE_KINDS.has(driver.kind)) return true;
  const sqlState = driver.originalCode ?? driver.code;
  return typeof sqlState === "string" && (UNAVAILABLE_SQLSTATES.has(sqlState) || sqlState.startsWith("SQLITE_BUSY"));
}

export const RETRY_AFTER_SECONDS = 5;

type RouteFunction = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;

function answeringUnavailableWith503(routeId: string, fn: RouteFunction): RouteFunction {
  return async (args) => {
    try {
      return await fn(args);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      const { requestId } = args.context as { requestId?: string };
      log.warn("database.unavailable", {
        requestId,
        route: routeId,
        method: args.request.method,
        path: redactedPath(args.request.url),
        ...errorFields(error),
        stack: undefined,
      });
      // A thrown Response: the root error page shows it with its status (document
      // and data requests alike), a resource route returns it as it is.
      throw new Response("The service is busy. Nothing was saved; please try again in a moment.", {
        status: 503,
        headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      });
    }
  };
}

/**
 * The build with every route's loader and action answering 503 when the
 * database is unavailable: one place for every route (server.js applies it),
 * instead of a try/catch in each. Routes and models keep throwing Prisma's
 * errors, and tests of models see them as they are.
 */
export function answeringDatabaseUnavailableWith503(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const { loader, action } = route.module;
      const module = {
        ...route.module,
        ...(loader ? { loader: answeringUnavailableWith503(id, loader as RouteFunction) } : {}),
        ...(action ? { action: answeringUnavailableWith503(id, action as RouteFunction) } : {}),
      };
      return [id, { ...route, module }];
    }),
  ) as ServerBuild["routes"];
  return { ...build, routes };
}
