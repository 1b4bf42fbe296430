import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DirectoryNav } from "~/components/directory-nav";
import { directoryAggregates, directoryLinksFor } from "~/models/person.server";
import { COMMUNITIES, GENDERS } from "~/utils/directory";
import { resolveLocale } from "~/utils/locale.server";
import { placeName } from "~/utils/names";
import { requirePermission } from "~/utils/permissions.server";

// Aggregates only: this page is open to members and editors, who never see a per-person value.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "directory:aggregates");
  const locale = await resolveLocale(request);
  const totals = await directoryAggregates();
  return {
    links: directoryLinksFor(user),
    totals: {
      ...totals,
      byMunicipality: totals.byMunicipality.map((m) => ({ id: m.id, name: placeName(m, locale), count: m.count })),
    },
  };
}

function CountTable({ caption, rows }: { caption: string; rows: Array<{ key: string; label: string; count: number }> }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="directory-counts">
        <caption>{caption}</caption>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-count-key={row.key}>
              <th scope="row">{row.label}</th>
              <td aria-label={t("directory.summary.count")}>{row.count}</td>
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
  const genders = (counts: Record<string, number>) =>
    [...GENDERS, "UNKNOWN"].map((g) => ({ key: g, label: t(`directory.gender.${g}`), count: counts[g] ?? 0 }));
  const communities = (counts: Record<string, number>) =>
    [...COMMUNITIES, "UNKNOWN"].map((c) => ({ key: c, label: t(`directory.community.${c}`), count: counts[c] ?? 0 }));
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
            rows={totals.byMunicipality.map((m) => ({ key: m.id, label: m.name, count: m.count }))}
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
