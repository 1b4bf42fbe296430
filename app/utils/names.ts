import type { Locale } from "./i18n";
import { latinToCyrillic } from "../locales/transliterate";

type Named = { nameEn: string; nameSq: string; nameSr: string };

/**
 * Places have official names in Albanian and Serbian (and often an English
 * one). Show the reader's language; English readers get the English name.
 */
export function placeName(place: Named, locale: Locale): string {
  switch (locale) {
    case "sq":
      return place.nameSq;
    case "sr":
      return place.nameSr;
    case "sr-Cyrl":
      return latinToCyrillic(place.nameSr);
    default:
      return place.nameEn;
  }
}

export const clusterName = placeName;

/** Municipalities are shown with both official names where they differ, the reader's first. */
export function municipalityName(m: Named, locale: Locale): string {
  const own = placeName(m, locale);
  const other = locale === "sq" || locale === "en" ? m.nameSr : m.nameSq;
  return own === other ? own : `${own} / ${other}`;
}
