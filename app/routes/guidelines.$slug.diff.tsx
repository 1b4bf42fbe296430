import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DiffStretches } from "~/components/guideline-diff";
import { readableComparison } from "~/models/guideline-diff.server";
import { compareVersions } from "~/models/guideline-version.server";
import { resolveLocale } from "~/utils/locale.server";
import { notFound } from "~/utils/refusal.server";
import { versionNumber } from "~/utils/validation";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "titles.changes", data?.title.text);

// Public: what changed between two versions, section by section.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const from = versionNumber.safeParse(url.searchParams.get("from"));
  const to = versionNumber.safeParse(url.searchParams.get("to"));
  if (!from.success || !to.success) throw data({ message: "guidelines.diff.invalid" }, { status: 400 });
  const comparison = await compareVersions(params.slug ?? "", from.data, to.data);
  if (!comparison) throw notFound();
  return { ...readableComparison(comparison, await resolveLocale(request)), slug: comparison.guideline.slug, from: from.data, to: to.data };
}

export default function GuidelineDiff() {
  const { t } = useTranslation();
  const { slug, title, from, to, changelogs, changes, creditsAdded, creditsRemoved } = useLoaderData<typeof loader>();
  const count = (kind: string) => changes.filter((c) => c.kind === kind).length;
  return (
    <>
      <p>
        <Link to={`/guidelines/${slug}/versions`}>
          ← <span lang={title.lang}>{title.text}</span>
        </Link>
      </p>
      <h1>{t("guidelines.diff.title", { from, to })}</h1>
      <p data-testid="diff-summary">
        {t("guidelines.diff.summary", { added: count("added"), changed: count("changed"), removed: count("removed"), unchanged: count("unchanged") })}
      </p>
      {changelogs.length ? (
        <section className="card diff-changelogs" aria-labelledby="changelogs-title">
          <h2 id="changelogs-title">{t("guidelines.diff.changelogs")}</h2>
          <ol>
            {changelogs.map((version) => (
              <li key={version.number} data-testid="diff-changelog">
                <strong>{t("guidelines.diff.changelogVersion", { number: version.number, date: version.date })}</strong>
                <p className="changelog" lang={version.changelog.lang}>
                  {version.changelog.text}
                </p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <p className="muted">{t("guidelines.diff.legend")}</p>
      {changes.every((c) => c.kind === "unchanged") ? <p>{t("guidelines.diff.noChanges")}</p> : null}
      {changes.map((change) => (
        <section key={change.key} className={`card diff-section diff-${change.kind}`} data-section={change.key} data-change={change.kind}>
          <h2>
            <span className={`diff-badge diff-badge-${change.kind}`}>{t(`guidelines.diff.${change.kind}`)}</span>{" "}
            <span lang={change.title.lang}>{change.title.text}</span>
          </h2>
          {change.previousTitle ? (
            <p className="muted" lang={change.previousTitle.lang}>
              {t("guidelines.diff.renamed", { title: change.previousTitle.text })}
            </p>
          ) : null}
          {change.moved ? <p className="muted">{t("guidelines.diff.moved")}</p> : null}
          <DiffStretches stretches={change.stretches} folded={change.kind === "unchanged" ? t("guidelines.diff.foldedSection") : undefined} />
        </section>
      ))}
      {creditsAdded.length ? (
        <section className="card">
          <h2>{t("guidelines.diff.creditsAdded")}</h2>
          <ul>
            {creditsAdded.map((c) => (
              <li key={c.id}>
                <span lang={c.title.lang}>{c.title.text}</span> ({c.municipality ?? t("guidelines.reader.programmeWide")})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {creditsRemoved.length ? (
        <section className="card">
          <h2>{t("guidelines.diff.creditsRemoved")}</h2>
          <ul>
            {creditsRemoved.map((c) => (
              <li key={c.id}>
                <span lang={c.title.lang}>{c.title.text}</span> ({c.municipality ?? t("guidelines.reader.programmeWide")})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
