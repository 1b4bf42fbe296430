// The production server: Express serving the Remix build, the outbox worker
// beside it, security headers on every response, and a same-origin check on
// every form post.
import { randomBytes } from "node:crypto";
import compression from "compression";
import express from "express";
import { createRequestHandler } from "@remix-run/express";

process.env.NODE_ENV ??= "production";
// Files the app creates (the SQLite database and its journal, the local
// mailbox, uploads, secrets) hold people's data: readable by this user only.
process.umask(0o077);
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "0.0.0.0";

const build = await import("./build/index.js");
const { log, redactedPath } = build.entry.module;

// The public address, the origin of every link in an email or a calendar feed
// (never the Host a request came with): APP_URL, required in production.
// `--local` (what `npm start` runs) is the one-command demo on this machine:
// without APP_URL, links point here. See docs/decisions/014-public-address.md.
const local = process.argv.slice(2).includes("--local");
const linksHere = local && !process.env.APP_URL?.trim();
if (linksHere) process.env.APP_URL = `http://localhost:${port}`;
let publicOrigin;
try {
  publicOrigin = build.entry.module.publicOrigin();
} catch (error) {
  console.error(`Durable cannot start: ${error.message}`);
  process.exit(1);
}
const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY === "true" ? true : process.env.TRUST_PROXY);

// Security headers, set first so that every response carries them: pages,
// data, resource routes (PDF, ICS, CSV), static files and errors alike.
// The reasons are in docs/decisions/007-security-headers.md.
// Pages whose address holds a secret token: no Referer at all, not even to
// our own origin (logs, proxies).
const TOKEN_IN_ADDRESS = /^\/(invitation|feedback|calendar|reset-password|verify-email)(\/|\.|$)/;
// Pages about people (names, contacts and the special categories: gender,
// community, needs) and pages behind a personal token: never kept by a
// browser's or a proxy's cache, page and data request (.data) alike.
const PRIVATE_ADDRESS = /^\/(people|reports|my|admin|dashboard|commissions|dev)(\/|\.|$)|^\/events\/[^/]+\/(checkin|invitations|report|attendance|certificates|sign-in-sheet)/;
function contentSecurityPolicy(nonce, path) {
  // The local mailbox shows each email's own HTML, styled inline throughout,
  // in a sandboxed frame without scripts; that frame inherits this policy.
  const styles = path.startsWith("/dev/mailbox/") ? "'self' 'unsafe-inline'" : "'self'";
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets WebAssembly compile (the check-in page's QR reader), and nothing else:
    // JavaScript's eval and new Function stay refused. On every page, since the check-in page
    // is often reached by a client-side navigation that keeps the first page's policy.
    `script-src 'self' 'nonce-${nonce}' 'wasm-unsafe-eval'`,
    `style-src ${styles}`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
// `Cache-Control: no-store` unless the route chose its own (Remix appends a route's header to one set here).
function noStoreUnlessSet(res) {
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    if (!this.getHeader("Cache-Control")) this.setHeader("Cache-Control", "no-store");
    return writeHead.apply(this, args);
  };
}
app.use((req, res, next) => {
  // A fresh nonce per request (128 random bits): entry.server.tsx puts it on every inline script.
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, req.path));
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", TOKEN_IN_ADDRESS.test(req.path) ? "no-referrer" : "strict-origin-when-cross-origin");
  if (TOKEN_IN_ADDRESS.test(req.path) || PRIVATE_ADDRESS.test(req.path)) noStoreUnlessSet(res);
  // The check-in page reads QR codes with the camera; nothing else is needed.
  res.setHeader("Permissions-Policy", "camera=(self), microphone=(), geolocation=(), payment=(), usb=()");
  // Only over HTTPS (as seen through TRUST_PROXY), and only in production:
  // a venue laptop serving plain http:// must not be told to refuse itself.
  if (process.env.NODE_ENV === "production" && req.secure) {
    res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  next();
});

app.use(compression());
// The check-in page's service worker (built by `npm run build`), from the
// site's root so that its scope covers /events/…/checkin; revalidated on
// every check, so a new release reaches phones at their next visit. See
// docs/decisions/018-check-in-page-offline.md.
app.get("/sw.js", (req, res, next) => {
  res.sendFile("build/sw.js", { root: process.cwd(), headers: { "Cache-Control": "no-cache", "Content-Type": "text/javascript; charset=utf-8" } }, (error) => {
    // Not built: the app's own 404 page (below), never a bare text.
    if (error && !res.headersSent) next();
  });
});
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

// One JSON log line per request (static files aside): an id the error lines
// share (and the X-Request-Id header shows, for a bug report), the path with
// its personal tokens and query values left out, the status and the time taken.
app.use((req, res, next) => {
  const started = performance.now();
  const requestId = crypto.randomUUID();
  res.locals.requestId = requestId;
  res.setHeader("X-Request-Id", requestId);
  res.once("close", () => {
    log.info("request", {
      requestId,
      method: req.method,
      path: redactedPath(req.originalUrl),
      status: res.statusCode,
      ms: Math.round(performance.now() - started),
      aborted: res.writableFinished ? undefined : true,
    });
  });
  next();
});

// Whether the browser is loading a page to show, not a script fetching data
// (the same test as isDocumentRequest in app/utils/refused-request.server.ts).
function wantsPage(req) {
  const destination = req.get("sec-fetch-dest");
  if (destination) return destination === "document";
  return (req.get("accept") ?? "").includes("text/html");
}

// Marks a request as refused with `status`: the app answers a GET of `path`
// (with the query but `_data`) with its own error page, in the reader's
// language, and runs no action (app/utils/refused-request.server.ts).
function refuseWithPage(req, res, status, path = req.path) {
  const query = new URL(req.originalUrl, "http://localhost").searchParams;
  query.delete("_data");
  req.url = req.originalUrl = query.size ? `${path}?${query}` : path;
  req.method = "GET";
  res.locals.refusedStatus = status;
}

// Remix's own data addresses are for the app's scripts, not for people: the
// old ?_data protocol is not used by this app (single fetch; Remix would
// answer it with a 500), and a `.data` address or the route manifest opened
// by hand would show the bare data. A browser loading one as a page gets the
// error page at the page's address; anything else keeps the bare answer.
app.use((req, res, next) => {
  const page = wantsPage(req);
  if (req.query._data !== undefined && !page) return res.status(400).type("text/plain").send("Bad Request");
  if (!page) return next();
  if (req.query._data !== undefined) refuseWithPage(req, res, 400);
  else if (req.path.endsWith(".data")) refuseWithPage(req, res, 400, req.path.replace(/\.data$/, "").replace(/^\/_root$/, "/"));
  else if (req.path === "/__manifest") refuseWithPage(req, res, 404, "/__manifest/");
  next();
});

// CSRF: a state-changing request from a page of another site is refused.
// Sec-Fetch-Site is set by the browser, never by a page: where it is sent
// (every current browser) it alone decides. Without it (an older browser,
// or a client that is not a browser) the Origin header must name this host.
// A page whose address holds a personal token sends no Referer, so the
// browser posts its forms with `Origin: null`; such a post is let through
// only to an address holding a token, which a page of another site cannot
// know. Session cookies are SameSite=Lax too.
// See docs/decisions/007-security-headers.md and 015-personal-link-posts.md.
// The check is made here, once: Remix's own Origin check (which answers a
// post with `Origin: null` with a 500) sees no Origin on a post let through.
const refuseCrossSite = (res) => res.status(403).send("Forbidden");
function sameSite(req) {
  const site = req.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const origin = req.get("origin");
  if (!origin) return true;
  if (origin === "null") return TOKEN_IN_ADDRESS.test(req.path);
  try {
    const forwarded = app.get("trust proxy") ? req.get("x-forwarded-host") : undefined;
    return new URL(origin).host === (forwarded || req.get("host"));
  } catch {
    return false;
  }
}
app.use((req, res, next) => {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  if (sameSite(req)) {
    delete req.headers.origin;
    return next();
  }
  // A browser's form post: the app's own error page, in the reader's
  // language (app/utils/refused-request.server.ts). Anything else: the status.
  if (!wantsPage(req)) return refuseCrossSite(res);
  refuseWithPage(req, res, 403);
  next();
});

// `app.use`, not `app.all("*")`: a route pattern would decode the path as a
// parameter and answer a malformed one (`/%E0%A4%A`) with Express's bare 400.
// The refusal wrapper is outermost, so that it sees the 503s of the other.
app.use(
  createRequestHandler({
    build: build.entry.module.answeringRefusedRequests(build.entry.module.answeringDatabaseUnavailableWith503(build)),
    mode: process.env.NODE_ENV,
    getLoadContext: (req, res) => ({
      clientAddress: req.ip ?? null,
      cspNonce: res.locals.cspNonce,
      requestId: res.locals.requestId,
      refusedStatus: res.locals.refusedStatus,
    }),
  }),
);

const worker = process.env.OUTBOX_WORKER === "off" ? null : build.entry.module.startOutboxWorker();
const scheduler = process.env.OUTBOX_WORKER === "off" ? null : build.entry.module.startScheduler();

const server = app.listen(port, host, () => {
  const shown = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  const links = linksHere ? `emailed links point at this machine: ${publicOrigin}` : `links in emails use ${publicOrigin}`;
  log.always("server.started", { message: `Durable is running at http://${shown}:${port}; ${links}`, publicOrigin });
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
  log.always("server.stopping", { signal, message: `${signal}: finishing requests in flight, then stopping` });
  const force = setTimeout(() => {
    log.error("server.shutdown_timeout", { message: "requests still open after the shutdown timeout; exiting" });
    process.exit(1);
  }, Number(process.env.SHUTDOWN_TIMEOUT_MS || 20_000));
  force.unref();
  server.close(async () => {
    await scheduler?.stop();
    await worker?.stop();
    await build.entry.module.disconnectDatabase?.();
    log.always("server.stopped");
    process.exit(0);
  });
  server.closeIdleConnections?.();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
