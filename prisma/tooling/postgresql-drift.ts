// The drift check for PostgreSQL. The schema engine cannot read a
// PostgreSQL catalog through the pg driver adapter (its introspection
// selects columns of type "char", which the adapter cannot decode), so the
// check compares two real databases instead: one built by replaying
// prisma/postgresql/migrations, one built straight from the committed
// PostgreSQL schema. Their tables, columns, enums, indexes and constraints
// must be the same.
import { randomUUID } from "node:crypto";
import { createAdapterFactory } from "../../app/db-adapter.server";
import { databaseUrlFor, withPostgresqlClient } from "./postgresql.ts";
import { applyMigrations, diffSchemas, offlinePostgresqlAdapterFactory } from "./schema-engine.ts";

/** One line per table column, enum, index and constraint of the public schema, sorted (column order ignored). */
const CATALOG_QUERIES = [
  `SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || udt_name || ' null=' || is_nullable || ' default=' || coalesce(column_default, '') AS line
     FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
  `SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS line
     FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' GROUP BY t.typname`,
  `SELECT 'index ' || indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  `SELECT 'constraint ' || c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) AS line
     FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE n.nspname = 'public' AND c.conrelid::regclass::text NOT IN ('_prisma_migrations', '"_prisma_migrations"')`,
];

function catalog(url: string): Promise<string[]> {
  return withPostgresqlClient(url, async (client) => {
    const lines: string[] = [];
    for (const query of CATALOG_QUERIES) {
      const result = await client.query<{ line: string }>(query);
      lines.push(...result.rows.map((row) => row.line));
    }
    return lines.sort();
  });
}

function withScratchDatabases<T>(serverUrl: string, count: number, fn: (names: string[]) => Promise<T>): Promise<T> {
  return withPostgresqlClient(serverUrl, async (admin) => {
    const names = Array.from({ length: count }, () => `durable_check_${randomUUID().replace(/-/g, "")}`);
    try {
      for (const name of names) await admin.query(`CREATE DATABASE "${name}"`);
      return await fn(names);
    } finally {
      for (const name of names) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
}

/** The lines that differ between the migrations' result and the schema's ("-" only after migrations, "+" only in the schema); empty when they agree. */
export async function postgresqlDrift(options: {
  serverUrl: string;
  migrationsDir: string;
  schemaText: string;
}): Promise<string[]> {
  return withScratchDatabases(options.serverUrl, 2, async ([migrated, direct]) => {
    const migratedUrl = databaseUrlFor(options.serverUrl, migrated);
    const directUrl = databaseUrlFor(options.serverUrl, direct);
    await applyMigrations({ adapterFactory: createAdapterFactory(migratedUrl), migrationsDir: options.migrationsDir });
    const sql = await diffSchemas({
      from: null,
      to: { files: [{ path: "schema.prisma", content: options.schemaText }] },
      adapterFactory: offlinePostgresqlAdapterFactory(),
    });
    await withPostgresqlClient(directUrl, (client) => client.query(sql));
    const [fromMigrations, fromSchema] = await Promise.all([catalog(migratedUrl), catalog(directUrl)]);
    const inSchema = new Set(fromSchema);
    const inMigrations = new Set(fromMigrations);
    return [
      ...fromMigrations.filter((line) => !inSchema.has(line)).map((line) => `- ${line}`),
      ...fromSchema.filter((line) => !inMigrations.has(line)).map((line) => `+ ${line}`),
    ];
  });
}
