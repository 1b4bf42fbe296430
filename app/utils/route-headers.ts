import type { HeadersFunction } from "@remix-run/node";

/**
 * With single fetch, the headers a loader or action returns (Retry-After on a
 * 429, Cache-Control on a page behind a personal link) reach the response only
 * through the route's `headers` export. A route whose own headers matter
 * exports this one, which passes them on; the action's win over the loader's.
 * The security headers are not among them: server.js sets those on every
 * response.
 */
export const routeHeaders: HeadersFunction = ({ loaderHeaders, actionHeaders, errorHeaders }) => {
  const headers = new Headers(loaderHeaders);
  for (const source of [actionHeaders, errorHeaders]) source?.forEach((value, name) => headers.set(name, value));
  headers.delete("Set-Cookie"); // Remix adds cookies itself; copying them would send them twice.
  return headers;
};
