import type { LoaderFunctionArgs, ServerBuild } from "@remix-run/node";

/**
 * A form post that server.js refuses before it reaches the app (a page of
 * another site posting at one of ours) still gets the app's own error page,
 * styled and in the reader's language, never a bare "Forbidden". server.js
 * turns such a post into a GET of the same address and marks it in the load
 * context; every route but the root then throws the status, so no action
 * runs, the root loader still gives the page its language, and the root
 * error boundary explains. Requests that do not ask for a page (the door's
 * JSON, scripts) get a plain status from server.js itself.
 */
export type RefusedContext = { refusedStatus?: 400 | 403 };

type Loader = (args: LoaderFunctionArgs) => unknown;

function refusingWhenMarked(loader: Loader | undefined): Loader {
  return (args) => {
    const status = (args.context as RefusedContext).refusedStatus;
    if (status) throw new Response(null, { status });
    return loader ? loader(args) : null;
  };
}

/** The build with every page route (not the root, not resource routes) answering a refused request with its status. */
export function answeringRefusedRequests(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const isPage = id !== "root" && route.module.default !== undefined;
      if (!isPage) return [id, route];
      return [id, { ...route, module: { ...route.module, loader: refusingWhenMarked(route.module.loader as Loader | undefined) } }];
    }),
  ) as ServerBuild["routes"];
  return { ...build, routes };
}
