import { createContext, useContext } from "react";

/**
 * The Content-Security-Policy nonce of the page being rendered: server.js
 * makes a fresh one per request and names it in the header, and every inline
 * script Remix writes must carry it. In the browser it is "": browsers hide a
 * nonce from the page once it is parsed, and scripts added after hydration
 * are modules loaded from our own origin, which the policy allows anyway.
 */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
