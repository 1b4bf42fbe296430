import { createRequestHandler, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs, type ServerBuild } from "@remix-run/node";
import { errorFields, log, redactedPath } from "~/utils/log.server";

/**
 * No browser is ever shown a bare "Forbidden", "Not Found" or "Bad Request":
 * whatever refuses a page the browser is loading, it gets the app's own
 * error page, styled and in the reader's language (the root error boundary).
 *
 * - A form post that server.js refuses before it reaches the app (a page of
 *   another site posting at one of ours), and an address the app does not
 *   serve to people (Remix's own `?_data`, `.data` and `/__manifest`
 *   requests, opened by hand): server.js turns it into a GET of a page
 *   address and marks its status in the load context; every route but the
 *   root then throws that status, so no action runs, the root loader still
 *   gives the page its language, and the root error boundary explains.
 * - A resource route (a PDF, a calendar, a material, the door's JSON) that
 *   refuses or fails: a browser loading it as a page gets the same error page
 *   with the same status; a script's fetch keeps the route's own answer.
 */
export type RefusedContext = { refusedStatus?: number };

type RouteFunction = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;

/**
 * Whether the browser is loading a page to show (following a link, typing
 * an address, posting a form without scripts), rather than a script fetching
 * data. Sec-Fetch-Dest says so in every current browser; without it, a page
 * is what asks for HTML.
 */
export function isDocumentRequest(request: Request): boolean {
  const destination = request.headers.get("sec-fetch-dest");
  if (destination) return destination === "document";
  return (request.headers.get("accept") ?? "").includes("text/html");
}

function throwingMarkedStatus(loader: RouteFunction | undefined): RouteFunction {
  return (args) => {
    const status = (args.context as RefusedContext).refusedStatus;
    if (status) throw new Response(null, { status });
    return loader ? loader(args) : null;
  };
}

/** Resource routes have no page; this one stands in for them when an error page is drawn at their address. */
function NoPage() {
  return null;
}

/**
 * The build that draws error pages: every route but the root throws the
 * marked status, and resource routes are pages without content, so that the
 * root error boundary answers at any address, resource routes' included.
 */
function errorPageBuild(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      if (id === "root") return [id, route];
      const isPage = route.module.default !== undefined;
      const module = isPage
        ? { ...route.module, loader: throwingMarkedStatus(route.module.loader as RouteFunction | undefined) }
        : { default: NoPage, loader: throwingMarkedStatus(undefined) };
      return [id, { ...route, module }];
    }),
  ) as ServerBuild["routes"];
  return { ...build, routes };
}

/** Headers of a refusal worth keeping on its page: when to try again, and how to log in. */
const KEPT_HEADERS = ["Retry-After", "WWW-Authenticate", "Allow"];

function isHtml(response: Response): boolean {
  return (response.headers.get("Content-Type") ?? "").startsWith("text/html");
}

type PageHandler = (request: Request, context: AppLoadContext) => Promise<Response>;

async function errorPageResponse(pages: PageHandler, args: LoaderFunctionArgs, status: number, refusal?: Response): Promise<Response> {
  const { request, context } = args;
  const page = await pages(new Request(request.url, { method: "GET", headers: request.headers, signal: request.signal }), {
    ...context,
    refusedStatus: status,
  } as AppLoadContext);
  for (const name of KEPT_HEADERS) {
    const value = refusal?.headers.get(name);
    if (value) page.headers.set(name, value);
  }
  return page;
}

/**
 * A resource route's loader or action, answering a browser that loads it as
 * a page with the error page whenever it would refuse (a 4xx or 5xx that is
 * not HTML) or fail. `missing` is the status to refuse with when the route
 * has no such function (405: it takes no posts, or no GETs).
 */
function answeringDocumentsWithPages(routeId: string, fn: RouteFunction | undefined, pages: PageHandler): RouteFunction {
  return async (args) => {
    const document = isDocumentRequest(args.request);
    const marked = (args.context as RefusedContext).refusedStatus;
    if (document && marked) return errorPageResponse(pages, args, marked);
    if (!fn) {
      const refusal = new Response(null, { status: 405 });
      if (document) return errorPageResponse(pages, args, 405, refusal);
      throw refusal;
    }
    try {
      const answer = await fn(args);
      if (document && answer instanceof Response && answer.status >= 400 && !isHtml(answer)) {
        return errorPageResponse(pages, args, answer.status, answer);
      }
      return answer;
    } catch (error) {
      if (!document) throw error;
      if (error instanceof Response) {
        // Redirects (to the log-in page) and pages are answers, not refusals.
        if (error.status < 400 || isHtml(error)) throw error;
        return errorPageResponse(pages, args, error.status, error);
      }
      // Remix logs what a route throws through entry.server's handleError; caught here, it is logged here.
      log.error("request.error", {
        requestId: (args.context as { requestId?: string }).requestId,
        method: args.request.method,
        path: redactedPath(args.request.url),
        route: routeId,
        ...errorFields(error),
      });
      return errorPageResponse(pages, args, 500);
    }
  };
}

/**
 * The build with every page route (not the root) answering a request marked
 * as refused with its status, and every resource route answering a browser
 * that loads it as a page with the error page instead of a bare status text.
 * Apply it outermost, so that it sees what the other wrappers answer.
 */
export function answeringRefusedRequests(build: ServerBuild): ServerBuild {
  let handler: PageHandler | undefined;
  const pages: PageHandler = (request, context) => {
    handler ??= createRequestHandler(errorPageBuild(build), build.mode) as PageHandler;
    return handler(request, context);
  };
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      if (id === "root") return [id, route];
      const { loader, action } = route.module as { loader?: RouteFunction; action?: RouteFunction };
      const module =
        route.module.default !== undefined
          ? { ...route.module, loader: throwingMarkedStatus(loader) }
          : { ...route.module, loader: answeringDocumentsWithPages(id, loader, pages), action: answeringDocumentsWithPages(id, action, pages) };
      return [id, { ...route, module }];
    }),
  ) as ServerBuild["routes"];
  return { ...build, routes };
}
