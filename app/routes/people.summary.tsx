import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DirectoryNav } from "~/components/directory-nav";
import { directoryAggregates, directoryLinksFor } from "~/models/person.server";
import { protectCounts, seesExactCounts } from "~/models/report.server";
import { COMMUNITIES, GENDERS } from "~/utils/directory";
import { resolveLocale } from "~/utils/locale.server";
import { placeName } from "~/utils/names";
import { requirePermission } from "~/utils/permissions.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "directory.summary.title");

// Aggregates only: this page is open to members and editors, who never see a
// per-person value. For them, counts of 1 to 4 are protected by the same rule
// as the attendance reports (protectCounts): watched over time, an exact small
// count would tell one person's community when they join or accept.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "directory:aggregates");
  const locale = await resolveLocale(request);
  const totals = await directoryAggregates();
  const exact = seesExactCounts(user);
  const protect = (keys: readonly string[], counts: Record<string, number>) => {
    const shown = protectCounts(keys.map((key) => counts[key] ?? 0), exact);
    return Object.fromEntries(keys.map((key, i) => [key, shown[i]]));
  };
  const genders = [...GENDERS, "UNKNOWN"];
  const communities = [...COMMUNITIES, "UNKNOWN"];
  const municipalities = protectCounts(totals.byMunicipality.map((m) => m.count), exact);
  return {
    links: directoryLinksFor(user),
    totals: {
      people: totals.people,
      byGender: protect(genders, totals.byGender),
      byCommunity: protect(communities, totals.byCommunity),
      byMunicipality: totals.byMunicipality.map((m, i) => ({ id: m.id, name: placeName(m, locale), shown: municipalities[i] })),
      participants: {
        invited: totals.participants.invited,
        acceptedByGender: protect(genders, totals.participants.acceptedByGender),
        acceptedByCommunity: protect(communities, totals.participants.acceptedByCommunity),
      },
    },
  };
}

type Shown = ReturnType<typeof protectCounts>[number];

function CountTable({ caption, rows }: { caption: string; rows: Array<{ key: string; label: string; shown: Shown }> }) {
  const { t } = useTranslation();
  const count = (shown: Shown) =>
    shown.kind === "exact" ? String(shown.count) : shown.kind === "small" ? t("invitations.reports.small") : t("invitations.reports.hidden");
  return (
    <div className="table-wrap">
      <table className="directory-counts">
        <caption>{caption}</caption>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-count-key={row.key}>
              <th scope="row">{row.label}</th>
              <td aria-label={t("directory.summary.count")}>{count(row.shown)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function DirectorySummary() {
  const { t } = useTranslation();
  const { totals, links } = useLoaderData<typeof loader>();
  const genders = (shown: Record<string, Shown>) =>
    [...GENDERS, "UNKNOWN"].map((g) => ({ key: g, label: t(`directory.gender.${g}`), shown: shown[g] }));
  const communities = (shown: Record<string, Shown>) =>
    [...COMMUNITIES, "UNKNOWN"].map((c) => ({ key: c, label: t(`directory.community.${c}`), shown: shown[c] }));
  return (
    <>
      <DirectoryNav links={links} />
      <h1>{t("directory.summary.title")}</h1>
      <p>{t("directory.summary.intro")}</p>
      <p className="directory-total" data-testid="people-total">
        {t("directory.summary.people", { count: totals.people })}
      </p>
      <div className="directory-summary">
        <section className="card" data-testid="by-gender">
          <CountTable caption={t("directory.summary.byGender")} rows={genders(totals.byGender)} />
        </section>
        <section className="card" data-testid="by-community">
          <CountTable caption={t("directory.summary.byCommunity")} rows={communities(totals.byCommunity)} />
        </section>
        <section className="card" data-testid="by-municipality">
          <CountTable
            caption={t("directory.summary.byMunicipality")}
            rows={totals.byMunicipality.map((m) => ({ key: m.id, label: m.name, shown: m.shown }))}
          />
        </section>
      </div>
      <h2>{t("directory.summary.participants")}</h2>
      <p className="muted">{t("directory.summary.invited", { count: totals.participants.invited })}</p>
      <div className="directory-summary">
        <section className="card">
          <CountTable caption={t("directory.summary.byGender")} rows={genders(totals.participants.acceptedByGender)} />
        </section>
        <section className="card">
          <CountTable caption={t("directory.summary.byCommunity")} rows={communities(totals.participants.acceptedByCommunity)} />
        </section>
      </div>
    </>
  );
}
