// The production server: Express serving the Remix build, the outbox worker
// beside it, and a same-origin check on every form post.
import compression from "compression";
import express from "express";
import { createRequestHandler } from "@remix-run/express";

process.env.NODE_ENV ??= "production";
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "0.0.0.0";

const build = await import("./build/index.js");
const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY === "true" ? true : process.env.TRUST_PROXY);
app.use(compression());
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

// The old ?_data protocol is not used by this app (single fetch); Remix
// answers such requests with a 500, so refuse them plainly.
app.use((req, res, next) => (req.query._data === undefined ? next() : res.status(400).send("Bad Request")));

// CSRF: a state-changing request from a page of another site is refused.
// Browsers send Origin on cross-site posts; session cookies are SameSite=Lax too.
app.use((req, res, next) => {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  const origin = req.get("origin");
  if (!origin || origin === "null") return origin === "null" ? res.status(403).send("Forbidden") : next();
  let originHost;
  try {
    originHost = new URL(origin).host;
  } catch {
    return res.status(403).send("Forbidden");
  }
  const forwarded = app.get("trust proxy") ? req.get("x-forwarded-host") : undefined;
  if (originHost !== (forwarded || req.get("host"))) return res.status(403).send("Forbidden");
  next();
});

app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req) => ({ clientAddress: req.ip ?? null }),
  }),
);

const worker = process.env.OUTBOX_WORKER === "off" ? null : build.entry.module.startOutboxWorker();
const scheduler = process.env.OUTBOX_WORKER === "off" ? null : build.entry.module.startScheduler();

const server = app.listen(port, host, () => {
  const shown = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  console.log(`Durable is running at http://${shown}:${port}`);
  if (process.env.NODE_ENV === "development") {
    import("@remix-run/node").then(({ broadcastDevReady }) => broadcastDevReady(build));
  }
});

// Graceful shutdown: readiness turns 503 at once, the server stops accepting
// connections and finishes the requests in flight, the outbox worker finishes
// its current delivery (a message is marked sent only after the SMTP server
// accepted it), then the process exits. A stuck request cannot hold it forever.
let stopping = false;
function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  globalThis.durableShuttingDown = true;
  console.log(`${signal}: finishing requests in flight, then stopping`);
  const force = setTimeout(() => {
    console.error("shutdown: requests still open after 20 s; exiting");
    process.exit(1);
  }, Number(process.env.SHUTDOWN_TIMEOUT_MS || 20_000));
  force.unref();
  server.close(async () => {
    await scheduler?.stop();
    await worker?.stop();
    await build.entry.module.disconnectDatabase?.();
    console.log("stopped");
    process.exit(0);
  });
  server.closeIdleConnections?.();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
