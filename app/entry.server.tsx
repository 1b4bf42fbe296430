import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { i18nFor } from "~/utils/i18n";
// Loaded for its effect too: it hands every language's messages to i18nFor.
import "~/utils/i18n.server";
import { NonceProvider } from "~/utils/nonce";
import { resolveLocale } from "~/utils/locale.server";
import { prisma } from "~/db.server";
import { startOutboxWorker } from "~/models/outbox.server";
import { startScheduler } from "~/models/scheduler.server";
import { answeringDatabaseUnavailableWith503 } from "~/utils/database-unavailable.server";
import { answeringRefusedRequests } from "~/utils/refused-request.server";
import { errorFields, log, redactedPath } from "~/utils/log.server";
import { publicOrigin } from "~/utils/url.server";

// For server.js, which runs outside the build.
export { startOutboxWorker, startScheduler, answeringDatabaseUnavailableWith503, answeringRefusedRequests, log, redactedPath, publicOrigin };

/** Errors of loaders, actions and rendering: one log line each, with the request's id, never its body. */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  // A client that went away is not an error of ours.
  if (request.signal.aborted) return;
  log.error("request.error", {
    requestId: (context as { requestId?: string }).requestId,
    method: request.method,
    path: redactedPath(request.url),
    ...errorFields(error),
  });
};

/** For server.js: closes the database connection on shutdown. */
export async function disconnectDatabase() {
  await prisma.$disconnect();
}

const ABORT_DELAY = 5_000;

/**
 * React 18.3's streaming renderer writes stray NUL bytes where a multi-byte
 * character ("ë", "š", "ć") does not fit at the end of its 2 KB buffer
 * (https://github.com/facebook/react/issues/31134): browsers show them as
 * "�" inside Albanian and Serbian words. A page never holds NUL otherwise
 * (forms refuse it, app/utils/request.server.ts), so they are dropped.
 */
export function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? chunk.filter((byte) => byte !== 0) : chunk);
    },
  });
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // server.js names this nonce in the Content-Security-Policy header; every inline script must carry it.
  const nonce = String((loadContext as { cspNonce?: unknown }).cspNonce ?? "");
  const locale = await resolveLocale(request);
  // One instance per language, made once (as the root's Layout uses); nothing changes its language on the server.
  const i18n = i18nFor(locale);
  const callbackName = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        // React's own inline scripts (streamed Suspense boundaries) carry it too.
        nonce,
        [callbackName]: () => {
          shellRendered = true;
          const body = withoutNulBytes();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          responseHeaders.set("Content-Language", locale);
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Log only after the shell: errors before it are reported by the shell error.
          if (shellRendered) log.error("render.error", { path: redactedPath(request.url), ...errorFields(error) });
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
