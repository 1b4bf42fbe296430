import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { DEFAULT_LOCALE, i18nFor, loadMessages, localeFromTag } from "~/utils/i18n";

// The server chose the language; <html lang> carries it to the browser, and
// the root route names the file of its messages in a preload link, which
// the browser has been fetching since it read the page's head. The page is
// hydrated once they are in: drawn with any other words, it would not match
// the server's HTML. Should they not come, the page stays as the server sent
// it, which works without JavaScript.
const locale = localeFromTag(document.documentElement.lang) ?? DEFAULT_LOCALE;
const url = document.querySelector<HTMLLinkElement>("link[data-messages]")?.getAttribute("href");

void (url ? loadMessages(locale, url) : Promise.resolve(false)).then((loaded) => {
  if (!loaded) return;
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <I18nextProvider i18n={i18nFor(locale)}>
          <RemixBrowser />
        </I18nextProvider>
      </StrictMode>,
    );
  });
});
