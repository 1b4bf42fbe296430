// Migrations without the Prisma CLI's native schema engine.
//
//   tsx prisma/tooling/migrate.ts deploy         apply pending migrations to DATABASE_URL
//   tsx prisma/tooling/migrate.ts create <name>  write the next migration from prisma/schema.prisma
//   tsx prisma/tooling/migrate.ts check          exit 0 if schema and migrations agree, 2 if they drift
//
// DATABASE_URL defaults to file:./data/durable.db (as in app/db.server.ts).
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { sqliteFilePath } from "../../app/db-adapter.server";
import { applyMigrations, createMigration, diffSchemaAgainstMigrations } from "./schema-engine.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const schemaPath = fileURLToPath(new URL("../schema.prisma", import.meta.url));
const migrationsDir = fileURLToPath(new URL("../migrations", import.meta.url));
const DEFAULT_DATABASE_URL = "file:./data/durable.db";

const USAGE = "Usage: tsx prisma/tooling/migrate.ts deploy | create <name> | check";

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "deploy": {
      const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
      if (!url.startsWith("file:")) {
        console.error("Only SQLite (file:) database URLs are supported so far.");
        return 1;
      }
      const started = performance.now();
      const applied = await applyMigrations({ url, migrationsDir });
      const ms = Math.round(performance.now() - started);
      const where = relative(process.cwd(), sqliteFilePath(url)) || sqliteFilePath(url);
      if (applied.length === 0) {
        console.log(`Database is up to date (${where}).`);
      } else {
        for (const name of applied) console.log(`Applied ${name}`);
        console.log(`${applied.length} migration(s) applied to ${where} in ${ms} ms.`);
      }
      return 0;
    }
    case "create": {
      const name = rest[0];
      if (!name || rest.length > 1) {
        console.error(USAGE);
        return 1;
      }
      const folder = await createMigration({ schemaPath, migrationsDir, name });
      if (folder === null) {
        console.error("No changes: prisma/schema.prisma matches prisma/migrations.");
        return 1;
      }
      console.log(relative(root, `${folder}/migration.sql`));
      return 0;
    }
    case "check": {
      const { drift, sql } = await diffSchemaAgainstMigrations({ schemaPath, migrationsDir });
      if (!drift) {
        console.log("prisma/schema.prisma and prisma/migrations agree.");
        return 0;
      }
      console.log("prisma/schema.prisma differs from prisma/migrations; a new migration would run:\n");
      console.log(sql.trimEnd());
      console.log("\nCreate it with: tsx prisma/tooling/migrate.ts create <name>");
      return 2;
    }
    default:
      console.error(USAGE);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
