import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresqlPrismaClient } from "~/generated/prisma-postgresql/client";
import { createAdapterFactory, databaseEngine, databaseUrl } from "~/db-adapter.server";

/**
 * A client for the database at `url`. Both generated clients come from the
 * one model in prisma/schema.prisma, so the PostgreSQL one is used through
 * the SQLite one's type: the app is written once for both.
 */
export function createPrismaClient(url: string = databaseUrl()): PrismaClient {
  const adapter = createAdapterFactory(url);
  // A transaction waits for a free connection (PostgreSQL's pool) or the
  // write lock (SQLite) for up to 10 s rather than Prisma's 2 s: a crowd
  // answering at once should queue, not fail.
  const transactionOptions = { maxWait: 10_000, timeout: 15_000 };
  if (databaseEngine(url) === "postgresql") {
    return new PostgresqlPrismaClient({ adapter, transactionOptions }) as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter, transactionOptions });
}

// One client per process. In development it is kept on globalThis so that
// rebuilds reuse it instead of opening more connections.
const globalForPrisma = globalThis as unknown as { durablePrisma?: PrismaClient };
export const prisma: PrismaClient = globalForPrisma.durablePrisma ?? createPrismaClient();
if (process.env.NODE_ENV === "development") globalForPrisma.durablePrisma = prisma;

export type { PrismaClient };
