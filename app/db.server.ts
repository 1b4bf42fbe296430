import { PrismaClient } from "~/generated/prisma/client";
import { createAdapterFactory, databaseUrl } from "~/db-adapter.server";

export function createPrismaClient(url: string = databaseUrl()): PrismaClient {
  return new PrismaClient({ adapter: createAdapterFactory(url) });
}

// One client per process. In development it is kept on globalThis so that
// rebuilds reuse it instead of opening more connections.
const globalForPrisma = globalThis as unknown as { durablePrisma?: PrismaClient };
export const prisma: PrismaClient = globalForPrisma.durablePrisma ?? createPrismaClient();
if (process.env.NODE_ENV === "development") globalForPrisma.durablePrisma = prisma;

export type { PrismaClient };
