import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";

// Every test file gets a real SQLite file of its own, copied from the
// migrated template, before any app module reads DATABASE_URL.
const dir = mkdtempSync(join(tmpdir(), "durable-test-"));
const file = join(dir, "test.db");
copyFileSync(inject("templateDatabase"), file);
process.env.DATABASE_URL = `file:${file}`;
process.env.DATA_DIR = dir;
process.env.MAILBOX_DIR = join(dir, "mailbox");
delete process.env.SMTP_URL;
