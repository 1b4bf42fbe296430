import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { freshTestDatabase } from "./database";
import { seed } from "../../prisma/seed";

export type RunningApp = {
  url: string;
  databaseUrl: string;
  dataDir: string;
  /** Everything the app wrote, stdout and stderr. */
  output: () => string;
  /** Only what it wrote to stdout: its log. */
  stdout: () => string;
  stop(): Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the built app (`node server.js`, as `npm run serve` does, in
 * production) on a free loopback port with a database of its own, migrated and
 * seeded; or, given `shared`, on that database as it is (several instances of
 * one app). Its public address (APP_URL) is where it listens, unless `env`
 * says otherwise; `args` go to server.js (`--local`, as `npm start` runs it).
 */
export async function startApp(
  env: Record<string, string> = {},
  shared?: { databaseUrl: string; dataDir: string },
  args: string[] = [],
): Promise<RunningApp> {
  if (!existsSync("build/index.js")) throw new Error("The app is not built: run `npm run build` (npm test does).");
  const { url: databaseUrl, dir: dataDir } = shared ? { url: shared.databaseUrl, dir: shared.dataDir } : await freshTestDatabase();
  if (!shared) await seed(databaseUrl);
  const port = await freePort();
  let output = "";
  let stdout = "";
  const child: ChildProcess = spawn(process.execPath, ["server.js", ...args], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: `http://localhost:${port}`,
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      MAILBOX_DIR: join(dataDir, "mailbox"),
      OUTBOX_INTERVAL_MS: "250",
      // Timed work (reminders, feedback requests) runs once at start, before a test creates its data;
      // tests call those functions themselves, so a tick cannot race them.
      SCHEDULER_INTERVAL_MS: "3600000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const started = Date.now();
  while (!output.includes("Durable is running")) {
    if (child.exitCode !== null) throw new Error(`The app exited: ${output}`);
    if (Date.now() - started > 60_000) throw new Error(`The app did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://localhost:${port}`,
    databaseUrl,
    dataDir,
    output: () => output,
    stdout: () => stdout,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
