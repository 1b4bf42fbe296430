import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicFeed } from "~/models/event-calendar.server";
import { isLocale, localeFromTag } from "~/utils/i18n";
import { localeFromAcceptLanguage } from "~/utils/locale.server";

/** The public feed of published public events, for anyone; ?lang=sq|sr|sr-Cyrl|en, else Accept-Language. */
export async function loader({ request }: LoaderFunctionArgs) {
  const asked = new URL(request.url).searchParams.get("lang");
  const locale = (isLocale(asked) ? asked : localeFromTag(asked)) ?? localeFromAcceptLanguage(request.headers.get("Accept-Language")) ?? "en";
  return new Response(await publicFeed(locale), {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "public, max-age=300", Vary: "Accept-Language" },
  });
}
