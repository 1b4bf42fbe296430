import { LOCALE_TAGS, type Locale } from "./i18n";

/** The programme's time zone: times are stored in UTC and shown here unless the user chooses otherwise. */
export const DEFAULT_TIME_ZONE = "Europe/Belgrade";

export function formatDateTime(date: Date | string, locale: Locale, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], {
    dateStyle: "full",
    timeStyle: "short",
    // The 24-hour clock in every language (Albanian would otherwise get "9:00 p.d.").
    hourCycle: "h23",
    timeZone,
  }).format(new Date(date));
}

export function formatDate(date: Date | string, locale: Locale, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { dateStyle: "medium", timeZone }).format(new Date(date));
}
