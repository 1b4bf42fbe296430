// The PostgreSQL twin of prisma/schema.prisma. The model is written once, in
// prisma/schema.prisma (SQLite, the embedded default); the PostgreSQL schema
// is derived from it here, by changing only the datasource provider and the
// generated client's folder. Plain JavaScript so that prisma/generate.mjs
// (run at install, before tsx is needed) and the TypeScript tooling share it.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SQLITE_SCHEMA_PATH = fileURLToPath(new URL("./schema.prisma", import.meta.url));
/** The PostgreSQL schema as of the newest PostgreSQL migration (committed; written by `npm run db:migration`). */
export const POSTGRESQL_SCHEMA_PATH = fileURLToPath(new URL("./postgresql/schema.prisma", import.meta.url));
export const POSTGRESQL_MIGRATIONS_DIR = fileURLToPath(new URL("./postgresql/migrations", import.meta.url));
export const SQLITE_MIGRATIONS_DIR = fileURLToPath(new URL("./migrations", import.meta.url));
/** Where the derived schema is written for `prisma generate` (gitignored, beside the generated client). */
export const GENERATED_POSTGRESQL_SCHEMA_PATH = fileURLToPath(
  new URL("../app/generated/postgresql.prisma", import.meta.url),
);

const HEADER =
  "// GENERATED from prisma/schema.prisma by prisma/postgresql-schema.mjs: do not edit.\n" +
  "// It is the PostgreSQL schema as of the newest migration in prisma/postgresql/migrations.\n\n";

/**
 * The PostgreSQL schema for a SQLite schema's text. `outputFromDir` is the
 * folder the derived file will live in, so that the generator's relative
 * `output` still points at app/generated/prisma-postgresql.
 * @param {string} sqliteSchema
 * @param {"prisma/postgresql" | "app/generated"} outputFromDir
 * @returns {string}
 */
export function derivePostgresqlSchema(sqliteSchema, outputFromDir = "prisma/postgresql") {
  const provider = /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/;
  if (!provider.test(sqliteSchema)) throw new Error('prisma/schema.prisma must have datasource db { provider = "sqlite" }');
  const output = /(generator\s+client\s*\{[^}]*?output\s*=\s*)"[^"]*"/;
  if (!output.test(sqliteSchema)) throw new Error("prisma/schema.prisma must set the client generator's output");
  const clientDir = outputFromDir === "app/generated" ? "./prisma-postgresql" : "../../app/generated/prisma-postgresql";
  const body = sqliteSchema
    .replace(provider, '$1"postgresql"')
    .replace(output, `$1"${clientDir}"`)
    // The source file's own header comment speaks of itself; the twin has its own.
    .replace(/^(\/\/[^\n]*\n)+\n?/, "");
  return HEADER + body;
}

/** The derived PostgreSQL schema for the current prisma/schema.prisma. */
export function currentPostgresqlSchema(outputFromDir = "prisma/postgresql") {
  return derivePostgresqlSchema(readFileSync(SQLITE_SCHEMA_PATH, "utf8"), outputFromDir);
}
