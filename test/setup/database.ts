import { rmSync } from "node:fs";
import { join } from "node:path";
import { freshTestDatabase } from "../helpers/database";

// Every test file gets a real database of its own (a copy of the migrated
// template: a SQLite file, or a PostgreSQL database when TEST_POSTGRESQL_URL
// is set), before any app module reads DATABASE_URL.
const { url, dir } = await freshTestDatabase();
process.env.DATABASE_URL = url;
process.env.DATA_DIR = dir;
process.env.MAILBOX_DIR = join(dir, "mailbox");
delete process.env.SMTP_URL;
// The app's info lines (each email sent, each request) would drown the test output; warnings and errors stay.
process.env.LOG_LEVEL ??= "warn";

// The file's folder (its SQLite database, mailbox and uploads) goes when the file's tests are done.
afterAll(() => rmSync(dir, { recursive: true, force: true }));
