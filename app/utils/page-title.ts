import { isRouteErrorResponse, type MetaDescriptor } from "@remix-run/react";
import { DEFAULT_LOCALE, i18nFor, isLocale, loadedLocale, type Locale } from "./i18n";

// Every page's <title>, in the page's language: "<page> · <thing> · Durable",
// or "<page> · Durable" where the page shows no one thing (an event, a person,
// a guideline). Each page route's `meta` calls `pageTitle` with the key of its
// name and, where it shows one, the thing's name from its own loader data or
// from its layout's (`eventTitle`). The language is the root loader's.

/** The part of Remix's meta arguments the titles read. */
type Matches = ReadonlyArray<{ id: string; data?: unknown } | undefined>;

function dataOf(matches: Matches, id: string): Record<string, unknown> | undefined {
  const data = matches.find((match) => match?.id === id)?.data;
  return data && typeof data === "object" ? (data as Record<string, unknown>) : undefined;
}

/** The page's language, as the root loader chose it. */
export function metaLocale(matches: Matches): Locale {
  const locale = dataOf(matches, "root")?.locale;
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/** The `meta` of a page: its name (a message key) and, where the page shows one, the thing it is about. */
export function pageTitle(matches: Matches, page: string, thing?: string | null): MetaDescriptor[] {
  // In the browser, the page's language is loaded before the page is drawn (root.tsx); should its file not have come, the title speaks the language the page is in.
  const { t } = i18nFor(loadedLocale(metaLocale(matches)));
  return [{ title: [t(page), thing?.trim(), t("app.name")].filter(Boolean).join(" · ") }];
}

/** The <link> that lets a feed reader find a guideline's Atom feed of versions from its pages. */
export function feedLink(slug: string, title: string): MetaDescriptor {
  return { tagName: "link", rel: "alternate", type: "application/atom+xml", href: `/guidelines/${slug}/feed.atom`, title };
}

/** The event's title from the event pages' layout (app/routes/events.$id.tsx), when the reader may see it. */
export function eventTitle(matches: Matches): string | undefined {
  const event = dataOf(matches, "routes/events.$id")?.event as { title?: string } | null | undefined;
  return event?.title ?? undefined;
}

/** What the error page says for an error: its status and the keys of its heading and text. */
export function errorPage(error: unknown): { status: number; title: string; text: string } {
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) return { status: 404, title: "errors.notFoundTitle", text: "errors.notFound" };
    if (error.status === 403) return { status: 403, title: "errors.forbiddenTitle", text: "errors.forbidden" };
    if (error.status === 400) return { status: 400, title: "errors.badRequestTitle", text: "errors.badRequest" };
    // A post to an address that takes none, or a GET of one that only takes posts.
    if (error.status === 405) return { status: 405, title: "errors.methodNotAllowedTitle", text: "errors.methodNotAllowed" };
    if (error.status === 429) return { status: 429, title: "errors.tooManyTitle", text: "errors.tooMany" };
    // The database busy or unreachable for a moment (app/utils/database-unavailable.server.ts).
    if (error.status === 503) return { status: 503, title: "errors.busyTitle", text: "errors.busy" };
    // A body no form of ours sends, or too large (app/utils/request.server.ts).
    if (error.status === 413) return { status: 413, title: "forms.refused.title", text: "forms.refused.tooLarge" };
    if (error.status === 415) return { status: 415, title: "forms.refused.title", text: "forms.refused.text" };
    return { status: error.status, title: "errors.serverErrorTitle", text: "errors.serverError" };
  }
  return { status: 500, title: "errors.serverErrorTitle", text: "errors.serverError" };
}
