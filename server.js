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

const server = app.listen(port, host, () => {
  const shown = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  console.log(`Durable is running at http://${shown}:${port}`);
  if (process.env.NODE_ENV === "development") {
    import("@remix-run/node").then(({ broadcastDevReady }) => broadcastDevReady(build));
  }
});

function shutdown() {
  server.close();
  Promise.resolve(worker?.stop()).finally(() => process.exit(0));
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
