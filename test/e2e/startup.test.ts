// The server refuses to start in production without a valid public address
// (APP_URL), unless started for local use (`npm start`: `node server.js --local`).
import { spawn } from "node:child_process";
import { startApp } from "../helpers/app-server";

/** Runs `node server.js` until it exits or says it is running; then stops it. */
function runServer(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; output: string; started: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["server.js", ...args], {
      env: { ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", OUTBOX_WORKER: "off", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let started = false;
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (!started && output.includes("Durable is running")) {
        started = true;
        child.kill("SIGTERM");
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output, started });
    });
  });
}

describe("starting the server", { timeout: 60_000 }, () => {
  it("refuses to start in production without APP_URL, saying what to set", async () => {
    const { code, output, started } = await runServer({ APP_URL: "" });
    expect(started).toBe(false);
    expect(code).not.toBe(0);
    expect(output).toContain("APP_URL");
    expect(output).toContain("https://durable.example.org");
  });

  it.each([
    ["no scheme", "durable.example.org"],
    ["another scheme", "ftp://durable.example.org"],
    ["a path", "https://durable.example.org/app"],
    ["a query", "https://durable.example.org/?a=1"],
    ["a hash", "https://durable.example.org/#top"],
    ["a user name", "https://someone@durable.example.org"],
    ["not an address", "not a url"],
  ])("refuses an APP_URL with %s, naming the variable", async (_what, value) => {
    const { code, output, started } = await runServer({ APP_URL: value });
    expect(started).toBe(false);
    expect(code).not.toBe(0);
    expect(output).toContain("APP_URL");
  });

  it("starts with a valid APP_URL", async () => {
    const { started } = await runServer({ APP_URL: "https://durable.example.org/" });
    expect(started).toBe(true);
  });

  it("starts for local use (npm start) without APP_URL, and says emailed links point at this machine", async () => {
    const app = await startApp({ APP_URL: "" }, undefined, ["--local"]);
    try {
      expect(app.stdout()).toContain(`emailed links point at this machine: ${app.url}`);
      expect((await fetch(`${app.url}/login`)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it("is started for local use by npm start, and plainly (production rule) by npm run serve", async () => {
    const { readFile } = await import("node:fs/promises");
    const { scripts } = JSON.parse(await readFile("package.json", "utf8")) as { scripts: Record<string, string> };
    expect(scripts.start).toMatch(/node server\.js --local$/);
    expect(scripts.serve).toBe("node server.js");
  });
});
