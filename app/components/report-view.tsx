import { useTranslation } from "react-i18next";

// The parts of an attendance report page, shared by the programme report and
// one event's report. Counts arrive already protected by the server
// (protectCounts in app/models/report.server.ts); these components only draw them.

type ShownCount = { kind: "exact"; count: number } | { kind: "small" } | { kind: "hidden" };
type Row = { key: string; label: string; shown: ShownCount };
type ReportSession = { id: string; eventId: string; title: string; label: string; count: number };

export type ReportData = {
  exact: boolean;
  totals: Record<"events" | "invited" | "accepted" | "declined" | "waitlisted" | "participations" | "people" | "personDays" | "sessionCheckIns", number>;
  days: Array<{ day: string; label: string; count: number }>;
  sessions: ReportSession[];
  tables: Array<{ key: string; rows: Row[] }>;
  feedback: {
    requested: number;
    responses: number;
    average: number | null;
    averageHidden: boolean;
    distribution: Row[];
    learnt: string[];
    improve: string[];
  };
};

function useShown() {
  const { t } = useTranslation();
  return (shown: ShownCount) =>
    shown.kind === "exact" ? String(shown.count) : shown.kind === "small" ? t("invitations.reports.small") : t("invitations.reports.hidden");
}

/** The headline numbers as large figures. */
export function ReportTotals({ report, keys }: { report: ReportData; keys: Array<keyof ReportData["totals"]> }) {
  const { t } = useTranslation();
  return (
    <dl className="report-totals">
      {keys.map((key) => (
        <div key={key} data-testid={`total-${key}`}>
          <dt>{t(`invitations.reports.totals.${key}`)}</dt>
          <dd>{report.totals[key]}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A bar chart that is also its own table: each row is a category, its count
 * in words and numbers, and a bar (hidden from screen readers, which read the
 * number). Suppressed counts get no bar. Categories with no one are left out,
 * except where a reader would learn from their absence (then they show "<5").
 */
export function CountChart({ title, rows, testId, level = 3 }: { title: string; rows: Row[]; testId?: string; level?: 2 | 3 }) {
  // A chart placed right under the page's h1 takes an h2, so headings never skip a level.
  const Heading = level === 2 ? "h2" : "h3";
  const { t } = useTranslation();
  const show = useShown();
  const visible = rows.filter((r) => !(r.shown.kind === "exact" && r.shown.count === 0));
  const max = Math.max(1, ...visible.map((r) => (r.shown.kind === "exact" ? r.shown.count : 0)));
  return (
    <section className="card report-chart" data-testid={testId}>
      <Heading>{title}</Heading>
      {visible.length === 0 ? (
        <p className="muted">{t("invitations.reports.noAttendees")}</p>
      ) : (
        <table className="report-bars">
          <thead className="visually-hidden">
            <tr>
              <th scope="col">{t("invitations.reports.category")}</th>
              <th scope="col">{t("invitations.reports.count")}</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((row) => (
              <tr key={row.key} data-key={row.key}>
                <th scope="row">{row.label}</th>
                <td className="report-count" data-count>
                  {show(row.shown)}
                </td>
                <td className="report-bar-cell" aria-hidden="true">
                  {row.shown.kind === "exact" ? (
                    // An SVG bar, sized by an attribute: the Content-Security-Policy refuses inline style attributes.
                    <svg className="report-bar-svg" viewBox="0 0 100 1" preserveAspectRatio="none" focusable="false">
                      <rect width={Math.max(2, (row.shown.count / max) * 100)} height="1" />
                    </svg>
                  ) : (
                    <span className="report-bar report-bar-suppressed" />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * Check-ins per session of the agenda, beside the days: a chart for one
 * event (a session nobody was checked in to is left out, like an empty day).
 * Nothing when the agenda has no sessions.
 */
export function SessionChart({ sessions }: { sessions: ReportSession[] }) {
  const { t } = useTranslation();
  if (sessions.length === 0) return null;
  return (
    <CountChart
      title={t("invitations.reports.sessions")}
      rows={sessions.map((s) => ({ key: s.id, label: `${s.title} · ${s.label}`, shown: { kind: "exact" as const, count: s.count } }))}
      testId="sessions"
      level={2}
    />
  );
}

/** One event's sessions in a cell of the programme's table of events: "Opening · 10 Mar 2027, 09:00: 12". */
export function SessionCounts({ sessions }: { sessions: ReportSession[] }) {
  if (sessions.length === 0) return null;
  return (
    <ul className="plain-list report-sessions">
      {sessions.map((s) => (
        <li key={s.id}>
          {s.title} <span className="muted">· {s.label}</span>: <strong>{s.count}</strong>
        </li>
      ))}
    </ul>
  );
}

/** The note that says which counts the reader sees. */
export function SmallCellNote({ exact }: { exact: boolean }) {
  const { t } = useTranslation();
  return <p className="hint report-note">{exact ? t("invitations.reports.exactNote") : t("invitations.reports.smallNote")}</p>;
}

export function ReportTables({ report }: { report: ReportData }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="hint">{t("invitations.reports.peopleNote")}</p>
      <div className="report-grid">
        {report.tables.map((table) => (
          <CountChart key={table.key} title={t(`invitations.reports.tables.${table.key}`)} rows={table.rows} testId={`table-${table.key}`} />
        ))}
      </div>
    </>
  );
}

/** Feedback: how many answered, the mean, the spread of scores and (one event) the comments, without names. */
export function FeedbackSummary({ feedback, withTexts }: { feedback: ReportData["feedback"]; withTexts: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="report-feedback" data-testid="feedback">
      <h2>{t("invitations.feedback.title")}</h2>
      <dl className="report-totals">
        <div>
          <dt>{t("invitations.feedback.requested")}</dt>
          <dd>{feedback.requested}</dd>
        </div>
        <div>
          <dt>{t("invitations.feedback.responses")}</dt>
          <dd data-testid="feedback-responses">{feedback.responses}</dd>
        </div>
        <div>
          <dt>{t("invitations.feedback.average")}</dt>
          <dd data-testid="feedback-average">
            {feedback.averageHidden
              ? t("invitations.reports.hidden")
              : feedback.average === null
                ? "–"
                : t("invitations.feedback.averageValue", { average: feedback.average })}
          </dd>
        </div>
      </dl>
      {feedback.responses > 0 ? <CountChart title={t("invitations.feedback.distribution")} rows={feedback.distribution} testId="table-satisfaction" /> : null}
      {withTexts ? (
        <div className="report-grid">
          {(["learnt", "improve"] as const).map((kind) => (
            <section className="card" key={kind}>
              <h3>{t(`invitations.feedback.${kind}`)}</h3>
              {feedback[kind].length ? (
                <ul className="report-comments">
                  {feedback[kind].map((text, index) => (
                    <li key={index}>{text}</li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{t("invitations.feedback.noTexts")}</p>
              )}
            </section>
          ))}
        </div>
      ) : null}
      <p className="hint">{t("invitations.feedback.anonymous")}</p>
    </section>
  );
}
