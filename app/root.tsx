import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import styles from "~/styles.css";
import { getSessionState, SECOND_FACTOR_SETUP_PATH, secondFactorSetUpUrl } from "~/utils/auth.server";
import { hasMessages, i18nFor, loadMessages, LOCALE_NAMES, LOCALE_TAGS, LOCALES, messagesFailed, type Locale } from "~/utils/i18n";
import { messagesUrl } from "~/utils/i18n.server";
import { useLocale } from "~/utils/use-locale";
import { useNonce } from "~/utils/nonce";
import { resolveLocale } from "~/utils/locale.server";
import { mailboxVisibleTo } from "~/models/mailbox.server";
import { can } from "~/utils/permissions.server";
import { errorPage, pageTitle } from "~/utils/page-title";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// A page's own `meta` gives its title (app/utils/page-title.ts); the root's is the error page's.
export const meta: MetaFunction<typeof loader> = ({ matches, error }) =>
  error ? pageTitle(matches, errorPage(error).title) : [{ title: "Durable" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [state, locale] = await Promise.all([getSessionState(request), resolveLocale(request)]);
  const user = state?.user ?? null;
  // An admin without a second factor sets it up before anything else.
  const url = new URL(request.url);
  if (state?.mustSetUpSecondFactor && url.pathname !== SECOND_FACTOR_SETUP_PATH) throw redirect(secondFactorSetUpUrl(url));
  return {
    locale,
    // The file of this language's messages, which the browser loads (app/entry.client.tsx).
    messages: messagesUrl(locale),
    user: user ? { name: user.name, email: user.email, roles: user.roles } : null,
    nav: {
      people: can(user, "people:read"),
      events: can(user, "events:read"),
      reports: can(user, "reports:read"),
      users: can(user, "users:manage"),
      mailbox: mailboxVisibleTo(user),
      contributions: can(user, "contributions:write") || can(user, "contributions:review"),
    },
  };
}

export function Layout({ children }: { children: ReactNode }) {
  // The language the root loader chose for this request (the account's saved
  // one once logged in); it changes without a full page load too, e.g. on
  // the client-side navigation that follows a log-in.
  const data = useRouteLoaderData<typeof loader>("root");
  const current = useLocale();
  const locale = pageLocale(data?.locale ?? current, data?.messages, current);
  return (
    <I18nextProvider i18n={i18nFor(locale)}>
      <Document locale={locale} messages={data?.messages}>
        {children}
      </Document>
    </I18nextProvider>
  );
}

/**
 * The language to draw the page in. The server has every language's
 * messages; the browser has the page's language, and fetches another when a
 * navigation brings one (a log-in with a saved language): until it is in,
 * the page suspends, and since Remix navigates in a React transition, the
 * reader goes on seeing the previous page meanwhile rather than the new one
 * in the old language. Should the file not come, the page keeps the language
 * it has.
 */
function pageLocale(chosen: Locale, url: string | undefined, current: Locale): Locale {
  if (hasMessages(chosen)) return chosen;
  if (!url || messagesFailed(url)) return current;
  throw loadMessages(chosen, url);
}

function Document({ locale, messages, children }: { locale: Locale; messages?: string; children: ReactNode }) {
  const nonce = useNonce();
  // The file the page was loaded with; a later language's file is fetched by pageLocale, not preloaded again.
  const [preloaded] = useState(messages);
  return (
    <html lang={LOCALE_TAGS[locale]}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* Zod probes whether eval works when a module builds its first object schema, and the
            Content-Security-Policy reports that probe as a violation. In "jitless" mode it does not
            probe; zod reads this setting at load, before any module runs, which z.config() would be too late for. */}
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: "globalThis.__zod_globalConfig={jitless:true};" }} />
        <Meta />
        <Links />
        {/* Fetched while the scripts load; entry.client.tsx reads its address. */}
        {preloaded ? <link rel="preload" as="fetch" href={preloaded} crossOrigin="anonymous" data-messages="" /> : null}
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/** Whether the page runs its JavaScript (false in the server's HTML and without JavaScript). */
function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

// One slim bar that stays in view: the name, a menu button opening the
// role's links (a native disclosure, so it works without JavaScript; on wide
// screens the links show in the bar), and the language picker, which applies
// a choice at once when JavaScript runs and keeps its button without it.
function Header() {
  const { t } = useTranslation();
  const data = useRouteLoaderData<typeof loader>("root");
  const location = useLocation();
  const current = useLocale();
  const hydrated = useHydrated();
  const menu = useRef<HTMLDetailsElement>(null);
  // A link followed inside the app closes the menu, as a new page would.
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [location.key]);
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <div className="bar">
        <Link to="/" className="brand">
          {t("app.name")}
        </Link>
        <details className="site-menu" ref={menu}>
          <summary>{t("nav.menu")}</summary>
          <nav aria-label={t("nav.menu")}>
            <ul>
              {data?.user ? (
                <>
                  <li>
                    <Link to="/dashboard">{t("nav.dashboard")}</Link>
                  </li>
                  <li>
                    <Link to="/my/invitations">{t("invitations.mine.title")}</Link>
                  </li>
                  {data.nav.events ? (
                    <li>
                      <Link to="/events">{t("events.title")}</Link>
                    </li>
                  ) : null}
                  {data.nav.reports ? (
                    <li>
                      <Link to="/reports">{t("invitations.reports.title")}</Link>
                    </li>
                  ) : null}
                  {data.nav.people ? (
                    <li>
                      <Link to="/people">{t("directory.title")}</Link>
                    </li>
                  ) : null}
                  {data.nav.users ? (
                    <li>
                      <Link to="/admin/users">{t("nav.users")}</Link>
                    </li>
                  ) : null}
                </>
              ) : null}
              {data?.nav.contributions ? (
                <li>
                  <Link to="/contributions">{t("guidelines.nav.contributions")}</Link>
                </li>
              ) : null}
              <li>
                <Link to="/guidelines">{t("guidelines.nav.guidelines")}</Link>
              </li>
              {data?.nav.mailbox ? (
                <li>
                  <Link to="/dev/mailbox">{t("nav.mailbox")}</Link>
                </li>
              ) : null}
              {data?.user ? (
                <li>
                  <Link to="/settings">{t("account.nav")}</Link>
                </li>
              ) : null}
              {data?.user ? (
                <li>
                  <Form method="post" action="/logout">
                    <button type="submit" className="link-button">
                      {t("nav.logout")}
                    </button>
                  </Form>
                </li>
              ) : (
                <>
                  <li>
                    <Link to="/login">{t("nav.login")}</Link>
                  </li>
                  <li>
                    <Link to="/register">{t("nav.register")}</Link>
                  </li>
                </>
              )}
            </ul>
          </nav>
        </details>
        <Form method="post" action="/language" className="language-switcher" reloadDocument>
          <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
          <label htmlFor="language-select" className="visually-hidden">
            {t("language.label")}
          </label>
          <select
            id="language-select"
            name="locale"
            defaultValue={current}
            onChange={(event) => event.currentTarget.form?.requestSubmit()}
          >
            {LOCALES.map((locale) => (
              <option key={locale} value={locale} lang={LOCALE_TAGS[locale]}>
                {LOCALE_NAMES[locale]}
              </option>
            ))}
          </select>
          {/* Without JavaScript (or before it runs) the choice needs a button to be sent. */}
          {hydrated ? null : <button type="submit">{t("language.change")}</button>}
        </Form>
      </div>
    </header>
  );
}

export default function App() {
  return (
    <>
      <Header />
      <main id="main" className="page">
        <Outlet />
      </main>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const { status, title, text } = errorPage(error);
  return (
    <>
      <Header />
      <main id="main" className="page">
        <h1>{t(title)}</h1>
        <p>{t(text)}</p>
        <p className="muted">{status}</p>
        <p>
          <Link to="/">{t("errors.backHome")}</Link>
        </p>
      </main>
    </>
  );
}
