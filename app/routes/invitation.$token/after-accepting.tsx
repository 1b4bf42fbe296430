import { useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

type Material = { id: string; title: string; fileName: string; sizeKb: number };

/**
 * Once the person will come: the event for their calendar (naming them as
 * attendee) and the event's public materials, both through the personal
 * link, without an account.
 */
export function AfterAccepting({ materials }: { materials: Material[] }) {
  const { t } = useTranslation();
  const link = `/invitation/${useParams().token ?? ""}`;
  return (
    <section className="card" aria-labelledby="after-accepting" data-testid="after-accepting">
      <h2 id="after-accepting">{t("invitations.page.forTheDay")}</h2>
      <p>
        <a className="button" href={`${link}/calendar.ics`} download>
          {t("invitations.page.addToCalendar")}
        </a>
      </p>
      <p className="hint">{t("invitations.page.calendarHint")}</p>
      {materials.length ? (
        <>
          <h3>{t("invitations.page.materials")}</h3>
          <ul className="materials">
            {materials.map((material) => (
              <li key={material.id}>
                <a href={`${link}/materials/${material.id}`} download>
                  {material.title}
                </a>{" "}
                <span className="muted">
                  ({material.fileName}, {material.sizeKb} KB)
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** The code to show at the door, once the person has a seat. */
export function CheckInCode({ svg }: { svg: string }) {
  const { t } = useTranslation();
  return (
    <section className="card invitation-qr" aria-labelledby="checkin-qr-title">
      <h2 id="checkin-qr-title">{t("invitations.checkin.qr.title")}</h2>
      <p className="hint">{t("invitations.checkin.qr.hint")}</p>
      {/* SVG made on the server by the qrcode library from our own code: no user text in it. */}
      <div role="img" aria-label={t("invitations.checkin.qr.alt")} data-testid="checkin-qr" dangerouslySetInnerHTML={{ __html: svg }} />
    </section>
  );
}
