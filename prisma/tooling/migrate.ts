// Migrations without the Prisma CLI's native schema engine, for both engines.
//
//   tsx prisma/tooling/migrate.ts deploy         apply pending migrations to DATABASE_URL (SQLite or PostgreSQL)
//   tsx prisma/tooling/migrate.ts create <name>  write the next migration, for SQLite and for PostgreSQL, from prisma/schema.prisma
//   tsx prisma/tooling/migrate.ts check          exit 0 if schema and migrations agree, 2 if they drift
//
// DATABASE_URL defaults to file:./data/durable.db (as in app/db.server.ts).
// `check` replays the PostgreSQL migrations on a scratch database too when
// DATABASE_URL (or CHECK_POSTGRESQL_URL) names a PostgreSQL server.
import { readFile } from "node:fs/promises";
import { basename, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { databaseEngine, databaseUrl, sqliteFilePath } from "../../app/db-adapter.server";
import {
  currentPostgresqlSchema,
  POSTGRESQL_MIGRATIONS_DIR,
  POSTGRESQL_SCHEMA_PATH,
  SQLITE_MIGRATIONS_DIR,
  SQLITE_SCHEMA_PATH,
} from "../postgresql-schema.mjs";
import { postgresqlDrift } from "./postgresql-drift.ts";
import {
  applyMigrations,
  createMigration,
  createPostgresqlMigration,
  diffSchemaAgainstMigrations,
  migrationTimestamp,
} from "./schema-engine.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const USAGE = "Usage: tsx prisma/tooling/migrate.ts deploy | create <name> | check";

/** The migrations folder for a database URL's engine. */
export function migrationsDirFor(url: string): string {
  return databaseEngine(url) === "postgresql" ? POSTGRESQL_MIGRATIONS_DIR : SQLITE_MIGRATIONS_DIR;
}

/** Where a URL points, for messages: the file, or the server and database without the password. */
function describe(url: string): string {
  if (databaseEngine(url) === "sqlite") return relative(process.cwd(), sqliteFilePath(url)) || sqliteFilePath(url);
  const parsed = new URL(url);
  return `PostgreSQL ${parsed.host}${parsed.pathname}`;
}

async function deploy(): Promise<number> {
  const url = databaseUrl();
  const started = performance.now();
  const applied = await applyMigrations({ url, migrationsDir: migrationsDirFor(url) });
  const ms = Math.round(performance.now() - started);
  if (applied.length === 0) {
    console.log(`Database is up to date (${describe(url)}).`);
  } else {
    for (const name of applied) console.log(`Applied ${name}`);
    console.log(`${applied.length} migration(s) applied to ${describe(url)} in ${ms} ms.`);
  }
  return 0;
}

async function create(name: string): Promise<number> {
  const sqliteFolder = await createMigration({ schemaPath: SQLITE_SCHEMA_PATH, migrationsDir: SQLITE_MIGRATIONS_DIR, name });
  if (sqliteFolder) console.log(relative(root, `${sqliteFolder}/migration.sql`));
  // Same folder name on both sides, so the two histories read side by side.
  const postgresqlFolder = await createPostgresqlMigration({
    migrationsDir: POSTGRESQL_MIGRATIONS_DIR,
    snapshotPath: POSTGRESQL_SCHEMA_PATH,
    schemaText: currentPostgresqlSchema(),
    folderName: sqliteFolder ? basename(sqliteFolder) : `${migrationTimestamp()}_${name}`,
  });
  if (postgresqlFolder) console.log(relative(root, `${postgresqlFolder}/migration.sql`));
  if (!sqliteFolder && !postgresqlFolder) {
    console.error("No changes: prisma/schema.prisma matches the migrations of both engines.");
    return 1;
  }
  return 0;
}

async function check(): Promise<number> {
  let code = 0;
  const sqlite = await diffSchemaAgainstMigrations({ schemaPath: SQLITE_SCHEMA_PATH, migrationsDir: SQLITE_MIGRATIONS_DIR });
  if (sqlite.drift) {
    console.log("prisma/schema.prisma differs from prisma/migrations; a new migration would run:\n");
    console.log(sqlite.sql.trimEnd());
    code = 2;
  } else {
    console.log("SQLite: prisma/schema.prisma and prisma/migrations agree.");
  }

  const committed = await readFile(POSTGRESQL_SCHEMA_PATH, "utf8").catch(() => "");
  if (committed !== currentPostgresqlSchema()) {
    console.log("PostgreSQL: prisma/postgresql/schema.prisma is not derived from the current prisma/schema.prisma.");
    code = 2;
  } else {
    console.log("PostgreSQL: prisma/postgresql/schema.prisma is derived from prisma/schema.prisma.");
  }

  const serverUrl = process.env.CHECK_POSTGRESQL_URL || (databaseEngine(databaseUrl()) === "postgresql" ? databaseUrl() : "");
  if (serverUrl) {
    // Replays prisma/postgresql/migrations on a scratch database of that server.
    const drift = await postgresqlDrift({ serverUrl, migrationsDir: POSTGRESQL_MIGRATIONS_DIR, schemaText: committed });
    if (drift.length > 0) {
      console.log("PostgreSQL: the migrations do not produce prisma/postgresql/schema.prisma; the difference:\n");
      console.log(drift.join("\n"));
      code = 2;
    } else {
      console.log("PostgreSQL: prisma/postgresql/migrations produce prisma/postgresql/schema.prisma.");
    }
  } else {
    console.log("PostgreSQL: migrations not replayed (set CHECK_POSTGRESQL_URL to a server to do so).");
  }
  if (code !== 0) console.log("\nCreate the missing migration with: npm run db:migration -- <name>");
  return code;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "deploy":
      return deploy();
    case "create":
      if (!rest[0] || rest.length > 1) break;
      return create(rest[0]);
    case "check":
      return check();
  }
  console.error(USAGE);
  return 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // What this writes (the database, backups) is for this user's eyes only: people's data.
  process.umask(0o077);
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
