import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ASK_COPY, KEEP_PAGE, WORKER_URL, type AskCopyMessage, type CopyAnswer, type KeepPageMessage } from "~/service-worker/scope";
import { DEFAULT_TIME_ZONE } from "~/utils/dates";
import { LOCALE_TAGS } from "~/utils/i18n";
import { useLocale } from "~/utils/use-locale";

// The check-in page kept on the phone for the door (app/service-worker/):
// once the page runs, it registers the worker that keeps it, asks it to keep
// this page if the worker was not there yet when it loaded, and says so when
// what is shown is the phone's copy rather than the server's page.

/** Asks the worker whether it showed this window its copy; null when not, or without an answer. */
function askWhetherCopy(worker: ServiceWorker): Promise<string | null> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(null), 3000);
    channel.port1.onmessage = (event: MessageEvent<CopyAnswer>) => {
      clearTimeout(timer);
      resolve(event.data?.copyOf ?? null);
    };
    worker.postMessage({ type: ASK_COPY } satisfies AskCopyMessage, [channel.port2]);
  });
}

/** When the copy shown was made (an HTTP date), or null when the page came from the server. */
function useKeptCopy(): string | null {
  const [copyOf, setCopyOf] = useState<string | null>(null);
  useEffect(() => {
    // Only the built app as server.js serves it (never `npm run dev`), and only where browsers allow workers (HTTPS, localhost).
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    let live = true;
    const { serviceWorker } = navigator;
    const controller = serviceWorker.controller;
    if (controller) void askWhetherCopy(controller).then((made) => live && setCopyOf(made));
    serviceWorker
      .register(WORKER_URL, { scope: "/" })
      .then(async () => {
        if (controller) return;
        const registration = await serviceWorker.ready;
        registration.active?.postMessage({ type: KEEP_PAGE, url: window.location.href } satisfies KeepPageMessage);
      })
      // No worker (offline while it looks for an update, private mode, storage refused): the page works as before, online.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return copyOf;
}

export function KeptCopyNotice() {
  const { t } = useTranslation();
  const locale = useLocale();
  const copyOf = useKeptCopy();
  const made = copyOf ? new Date(copyOf) : null;
  if (!made || Number.isNaN(made.getTime())) return null;
  const time = new Intl.DateTimeFormat(LOCALE_TAGS[locale], { dateStyle: "medium", timeStyle: "short", hourCycle: "h23", timeZone: DEFAULT_TIME_ZONE }).format(made);
  return (
    <p className="notice notice-info" role="status" data-testid="kept-copy">
      {t("invitations.checkinCopy.shown", { time })}
    </p>
  );
}
