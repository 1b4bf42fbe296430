import { LOCALE_TAGS, type Locale } from "./i18n";

/** The programme's time zone: times are stored in UTC and shown here unless the user chooses otherwise. */
export const DEFAULT_TIME_ZONE = "Europe/Belgrade";

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * An Intl.DateTimeFormat for a language tag and options, made once and kept:
 * making one costs a hundred times more than formatting with it, and a page
 * of fifty events would otherwise make a hundred.
 */
export function dateTimeFormat(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tag} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(tag, options);
    formats.set(key, format);
  }
  return format;
}

export function formatDateTime(date: Date | string, locale: Locale, timeZone = DEFAULT_TIME_ZONE): string {
  return dateTimeFormat(LOCALE_TAGS[locale], {
    dateStyle: "full",
    timeStyle: "short",
    // The 24-hour clock in every language (Albanian would otherwise get "9:00 p.d.").
    hourCycle: "h23",
    timeZone,
  }).format(new Date(date));
}

export function formatDate(date: Date | string, locale: Locale, timeZone = DEFAULT_TIME_ZONE): string {
  return dateTimeFormat(LOCALE_TAGS[locale], { dateStyle: "medium", timeZone }).format(new Date(date));
}
