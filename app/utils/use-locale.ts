import { useTranslation } from "react-i18next";
import { DEFAULT_LOCALE, localeFromTag, type Locale } from "./i18n";

/** The reader's locale, as the server chose it for this page. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return localeFromTag(i18n.language) ?? DEFAULT_LOCALE;
}
