import { renderToStaticMarkup } from "react-dom/server";
import type { ReactNode } from "react";
import type { PersonDataExport } from "~/models/person-export.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { LOCALE_TAGS, type Locale } from "~/utils/i18n";
import { translator } from "~/utils/i18n.server";

/**
 * The person's data as one self-contained HTML page in their language, to
 * hand over or print: the same content as the JSON export, in tables.
 */
export function personExportPage(
  data: PersonDataExport,
  locale: Locale = data.language as Locale,
): string {
  const t = translator(locale);
  const x = (key: string, options?: Record<string, unknown>) =>
    t(`directory.export.${key}`, options);
  const when = (iso: string | null) =>
    iso ? formatDateTime(iso, locale) : "—";
  const day = (iso: string | null) => (iso ? formatDate(iso, locale) : "—");
  const yesNo = (value: boolean) => x(value ? "yes" : "no");
  const name = data.person.name || x("erased");
  const { person, account } = data;
  const rows: Array<[string, ReactNode]> = [
    [t("directory.fields.name"), person.name || "—"],
    [t("directory.fields.email"), person.email ?? "—"],
    [t("directory.fields.phone"), person.phone ?? "—"],
    [t("directory.fields.position"), person.position ?? "—"],
    [t("directory.fields.language"), person.preferredLanguage],
    [t("directory.fields.organisation"), person.organisation ?? "—"],
    [t("directory.fields.municipality"), person.municipality ?? "—"],
    ...("gender" in person
      ? ([
          [
            t("directory.fields.gender"),
            t(`directory.gender.${person.gender ?? "UNKNOWN"}`),
          ],
          [
            t("directory.fields.community"),
            t(`directory.community.${person.community ?? "UNKNOWN"}`),
          ],
        ] as Array<[string, ReactNode]>)
      : []),
    [t("directory.fields.consentGivenAt"), when(person.consentGivenAt)],
    [t("directory.fields.consentText"), person.consentText ?? "—"],
    ...(person.addedVia
      ? ([
          [
            x("fields.addedVia"),
            t(`invitations.checkin.method.${person.addedVia}`),
          ],
        ] as Array<[string, ReactNode]>)
      : []),
    [x("fields.created"), when(person.createdAt)],
    [x("fields.updated"), when(person.updatedAt)],
    ...(person.erasedAt
      ? ([[x("fields.erasedAt"), when(person.erasedAt)]] as Array<
          [string, ReactNode]
        >)
      : []),
  ];
  const table = (headings: string[], body: ReactNode[][]) =>
    body.length ? (
      <table>
        <thead>
          <tr>
            {headings.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.map((cells, i) => (
            <tr key={i}>
              {cells.map((cell, j) => (
                <td key={j}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    ) : (
      <p>{x("none")}</p>
    );
  const section = (key: string, content: ReactNode) => (
    <section key={key}>
      <h2>{x(`sections.${key}`)}</h2>
      {content}
    </section>
  );
  const eventCell = (event: { title: string; startsAt: string }) => (
    <>
      {event.title}
      <br />
      <small>{day(event.startsAt)}</small>
    </>
  );
  const page = (
    <html lang={LOCALE_TAGS[locale]}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${x("title", { name })} · Durable`}</title>
        <style>{`body{font:15px/1.45 system-ui,sans-serif;margin:1rem auto;max-width:60rem;padding:0 1rem;color:#1f2933}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #c8ced6;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#eef1f4}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
ul{margin:0;padding-left:1.1rem}h2{margin-top:1.6rem;border-bottom:2px solid #0b4f6c}small{color:#5b6470}@media print{h2{break-after:avoid}}`}</style>
      </head>
      <body>
        <h1>{x("title", { name })}</h1>
        <p>{x("intro", { date: when(data.exportedAt) })}</p>
        {section(
          "person",
          <dl>
            {rows.map(([label, value]) => (
              <div key={label} style={{ display: "contents" }}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>,
        )}
        {section(
          "account",
          account ? (
            <dl>
              <dt>{t("directory.fields.email")}</dt>
              <dd>{account.email}</dd>
              <dt>{t("directory.fields.name")}</dt>
              <dd>{account.name}</dd>
              <dt>{x("fields.roles")}</dt>
              <dd>
                {account.roles.map((role) => t(`roles.${role}`)).join(", ")}
              </dd>
              <dt>{x("fields.verified")}</dt>
              <dd>{when(account.emailVerifiedAt)}</dd>
              <dt>{x("fields.created")}</dt>
              <dd>{when(account.createdAt)}</dd>
            </dl>
          ) : (
            <p>{x("none")}</p>
          ),
        )}
        {section(
          "commissions",
          table(
            [
              t("directory.fields.commission"),
              x("fields.role"),
              x("fields.date"),
            ],
            data.commissions.map((m) => [
              m.commission,
              t(`directory.commissionRole.${m.role}`),
              day(m.joinedAt),
            ]),
          ),
        )}
        {section(
          "invitations",
          table(
            [
              x("fields.event"),
              x("fields.status"),
              x("fields.sent"),
              x("fields.needs"),
              x("fields.answers"),
              x("fields.reminders"),
            ],
            data.invitations.map((invitation) => [
              eventCell(invitation.event),
              t(`directory.invitationStatus.${invitation.status}`),
              when(invitation.sentAt),
              <ul key="needs">
                {invitation.needs.accessibility ? (
                  <li>
                    {x("needs.accessibility", {
                      text: invitation.needs.accessibility,
                    })}
                  </li>
                ) : null}
                {invitation.needs.interpretation ? (
                  <li>
                    {x("needs.interpretation", {
                      language: invitation.needs.interpretation,
                    })}
                  </li>
                ) : null}
                {invitation.needs.transport ? (
                  <li>{x("needs.transport")}</li>
                ) : null}
              </ul>,
              <ul key="answers">
                {invitation.answers.map((a, i) => (
                  <li key={i}>
                    {t("invitations.checkin.history.answer", {
                      status: t(`directory.invitationStatus.${a.status}`),
                      channel: t(
                        `invitations.checkin.history.channel.${a.channel}`,
                      ),
                      date: when(a.at),
                    })}
                    {a.recordedBy
                      ? ` (${t("invitations.checkin.history.recordedBy", { name: a.recordedBy })})`
                      : ""}
                  </li>
                ))}
              </ul>,
              <ul key="reminders">
                {invitation.reminders.map((r, i) => (
                  <li
                    key={i}
                  >{`${x(`reminderKind.${r.kind}`)}, ${when(r.at)}`}</li>
                ))}
              </ul>,
            ]),
          ),
        )}
        {section(
          "attendance",
          table(
            [
              x("fields.event"),
              x("fields.day"),
              x("fields.method"),
              x("fields.at"),
              x("fields.by"),
            ],
            data.attendance.map((a) => [
              a.event.title,
              day(`${a.day}T12:00:00Z`),
              t(`invitations.checkin.method.${a.method}`),
              when(a.checkedInAt),
              a.checkedInBy ?? "—",
            ]),
          ),
        )}
        {section(
          "feedback",
          table(
            [x("fields.event"), x("fields.sent"), x("fields.answered")],
            data.feedbackRequests.map((f) => [
              eventCell(f.event),
              when(f.sentAt),
              yesNo(f.answered),
            ]),
          ),
        )}
        {section(
          "facilitating",
          table(
            [x("fields.event")],
            data.facilitating.map((f) => [eventCell(f.event)]),
          ),
        )}
        {section(
          "emails",
          table(
            [x("fields.subject"), x("fields.status"), x("fields.at")],
            data.emails.map((e) => [
              e.subject || "—",
              x(`emailStatus.${e.status}`),
              when(e.sentAt ?? e.queuedAt),
            ]),
          ),
        )}
        {section(
          "subscriptions",
          table(
            [x("fields.guideline"), x("fields.date"), x("fields.confirmed")],
            data.guidelineSubscriptions.map((s) => [
              s.guideline,
              day(s.since),
              when(s.confirmedAt),
            ]),
          ),
        )}
        {section(
          "contributions",
          table(
            [x("fields.subject"), x("fields.status"), x("fields.date")],
            data.contributions.map((c) => [
              c.title,
              t(`invitations.checkin.history.contributionStatus.${c.status}`),
              day(c.createdAt),
            ]),
          ),
        )}
        {section(
          "history",
          table(
            [x("fields.action"), x("fields.at"), x("fields.by")],
            data.recordHistory.map((h) => [
              <code key="a">{h.action}</code>,
              when(h.at),
              h.by ?? "—",
            ]),
          ),
        )}
      </body>
    </html>
  );
  return `<!DOCTYPE html>${renderToStaticMarkup(page)}`;
}
