import { createCookie } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, localeFromTag, type Locale } from "~/utils/i18n";
import { getSessionUser } from "~/utils/auth.server";
import { languageOfLink } from "~/models/invitation-link.server";

/** Remembers the language chosen by a visitor without an account (or before logging in). */
export const localeCookie = createCookie("lng", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  maxAge: 60 * 60 * 24 * 365,
});

/**
 * The language of a request: the user's saved choice, else the cookie (both
 * made with the language switcher), else, behind the personal link of an
 * invitation, the language recorded for the person it was sent to (their
 * emails are in it), else the browser's Accept-Language, else English.
 */
export async function resolveLocale(request: Request): Promise<Locale> {
  const user = await getSessionUser(request);
  if (user && isLocale(user.locale)) return user.locale;
  const fromCookie = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  return (await languageOfPersonalLink(request)) ?? localeFromAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LOCALE;
}

// The invitation page, its data request and the files beside it (calendar, materials).
const PERSONAL_LINK = /^\/invitation\/([A-Za-z0-9_-]+)(?:\.data)?(?:\/|$)/;
const linkLanguages = new WeakMap<Request, Promise<Locale | null>>();

/** The recorded language of the person whose personal link the request is for; asked once per request (the root, the page and the renderer all ask). */
function languageOfPersonalLink(request: Request): Promise<Locale | null> {
  const token = PERSONAL_LINK.exec(new URL(request.url).pathname)?.[1];
  if (!token) return Promise.resolve(null);
  let language = linkLanguages.get(request);
  if (!language) {
    language = languageOfLink(token);
    linkLanguages.set(request, language);
  }
  return language;
}

/** Picks the best of our locales from an Accept-Language header, honouring q-values. */
export function localeFromAcceptLanguage(header: string | null): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.tag && entry.tag !== "*" && Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of ranked) {
    const locale = localeFromTag(entry.tag);
    if (locale) return locale;
  }
  return null;
}
