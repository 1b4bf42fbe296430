import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";

/**
 * Counts the SQL statements the app sends to the database, at the driver
 * adapter (below Prisma: one Prisma call that needs two statements counts
 * two). A test file turns it on for the app's client with
 *
 *   vi.mock("~/db-adapter.server", async (original) => {
 *     const { countingAdapters } = await import("./helpers/query-count");
 *     return countingAdapters(await original());
 *   });
 *
 * and reads `statementsDuring(fn)`.
 */
const statements: string[] = [];

function counted<T extends SqlDriverAdapter | Transaction>(queryable: T): T {
  return new Proxy(queryable, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (property === "queryRaw" || property === "executeRaw") {
        return (query: SqlQuery) => {
          statements.push(query.sql);
          return value.call(target, query);
        };
      }
      if (property === "startTransaction") {
        return async (...args: unknown[]) => counted(await value.apply(target, args));
      }
      return value.bind(target);
    },
  });
}

/** The adapter module with its factory wrapped so that every connection's statements are counted. */
export function countingAdapters<M extends { createAdapterFactory: (url?: string) => SqlMigrationAwareDriverAdapterFactory }>(module: M): M {
  return {
    ...module,
    createAdapterFactory(url?: string) {
      const base = module.createAdapterFactory(url);
      return { ...base, connect: async () => counted(await base.connect()) } as SqlMigrationAwareDriverAdapterFactory;
    },
  };
}

/** The SQL statements sent while `fn` ran (nothing else may use the database meanwhile). */
export async function statementsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const from = statements.length;
  await fn();
  return statements.slice(from);
}
