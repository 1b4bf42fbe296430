import { Form, Link, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";

const SENDING_REFRESH_SECONDS = 3;

export type Sending = { running: boolean; sent: string; total: string; when: string | null };

/** Sends the invitations not yet sent, and shows how far the sending got. */
export function SendingForm({ eventId, unsent, busy, sending }: { eventId: string; unsent: number; busy: boolean; sending: Sending | null }) {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const sendingRunning = !!sending?.running;
  // While invitations are being sent, the progress refreshes itself: here with JavaScript, by the <noscript> refresh below without.
  useEffect(() => {
    if (!sendingRunning) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, SENDING_REFRESH_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [sendingRunning, revalidator]);
  return (
    <Form method="post" className="card">
      <input type="hidden" name="intent" value="send" />
      <button type="submit" disabled={busy || unsent === 0}>
        {t("invitations.manage.send", { count: unsent })}
      </button>
      {sending ? (
        <p className="sending-progress" aria-live="polite" data-testid="sending-progress" data-running={sending.running ? "" : undefined}>
          {sending.running ? t("invitations.manage.sendingProgress", sending) : t("invitations.manage.sendingDone", sending)}
          {sending.running ? (
            <>
              {" "}
              <Link to=".">{t("invitations.manage.refresh")}</Link>
              <noscript>
                <meta httpEquiv="refresh" content={`${SENDING_REFRESH_SECONDS * 2}; url=/events/${eventId}/invitations`} />
              </noscript>
            </>
          ) : null}
        </p>
      ) : null}
    </Form>
  );
}
