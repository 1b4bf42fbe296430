// The built app as a separate process, the way `npm start` runs it, for the
// HTTP benchmarks.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

export type BenchApp = { base: string; stop(): Promise<void> };

export function requireBuild() {
  if (!existsSync("build/index.js")) {
    console.error("The app is not built: run `npm run build` first (the benchmark measures the production build).");
    process.exit(1);
  }
  const built = statSync("build/index.js").mtimeMs;
  const newest = Math.max(...["app", "emails"].flatMap((dir) => modifiedTimes(dir)));
  if (newest > built) console.error("Warning: app/ or emails/ changed after the last build; run `npm run build` to measure the current code.");
}

function modifiedTimes(dir: string): number[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Starts `node server.js` on a free loopback port with the given database; background work is off unless env says otherwise. */
export async function startBuiltApp(databaseUrl: string, dataDir: string, env: Record<string, string> = {}): Promise<BenchApp> {
  const port = await freePort();
  const child = spawn(process.execPath, ["server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: `http://localhost:${port}`,
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      // Background work (email delivery, reminders, sending invitations) would take CPU from the requests measured.
      OUTBOX_WORKER: "off",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const started = Date.now();
  while (!output.includes("Durable is running")) {
    if (child.exitCode !== null) throw new Error(`The app exited: ${output}`);
    if (Date.now() - started > 60_000) throw new Error(`The app did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Signs in through the login form and returns the session cookie. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password, redirectTo: "/dashboard" }),
    redirect: "manual",
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (response.status !== 302 || !cookie) throw new Error(`Signing in as ${email} failed: HTTP ${response.status}`);
  return cookie;
}
