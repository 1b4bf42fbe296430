import type { AppLoadContext } from "@remix-run/node";

/** The client's address as the server saw it (see server.js; behind a proxy set TRUST_PROXY). */
export function clientAddress(context: AppLoadContext): string | null {
  const address = (context as { clientAddress?: unknown }).clientAddress;
  return typeof address === "string" && address ? address : null;
}
