import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ShownPart } from "~/models/guideline-text.server";
import { compareVersions, shownComparison } from "~/models/guideline-version.server";
import { resolveLocale } from "~/utils/locale.server";
import { notFound } from "~/utils/refusal.server";
import { versionNumber } from "~/utils/validation";
import { pageTitle } from "~/utils/page-title";

type Shortened = ShownPart | { kind: "skipped"; count: number; head: string; tail: string; lang: string };

/** Long unchanged stretches are shortened to their ends, so the changes stand out on a phone. */
function shorten(parts: ShownPart[]): Shortened[] {
  const KEEP = 240;
  return parts.map((part) => {
    if (part.kind !== "same" || part.text.length <= KEEP * 2 + 40) return part;
    return { kind: "skipped", count: part.text.length - KEEP * 2, head: part.text.slice(0, KEEP), tail: part.text.slice(-KEEP), lang: part.lang };
  });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "titles.changes", data?.title.text);

// Public: what changed between two versions, section by section.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const from = versionNumber.safeParse(url.searchParams.get("from"));
  const to = versionNumber.safeParse(url.searchParams.get("to"));
  if (!from.success || !to.success) throw data({ message: "guidelines.diff.invalid" }, { status: 400 });
  const comparison = await compareVersions(params.slug ?? "", from.data, to.data);
  if (!comparison) throw notFound();
  const shown = shownComparison(comparison, await resolveLocale(request));
  return {
    ...shown,
    slug: comparison.guideline.slug,
    from: from.data,
    to: to.data,
    changes: shown.changes.map((change) => (change.kind === "changed" ? { ...change, parts: shorten(change.parts) } : change)),
  };
}

function Parts({ parts }: { parts: Shortened[] }) {
  const { t } = useTranslation();
  return (
    <div className="diff-text">
      {parts.map((part, i) => {
        if (part.kind === "added")
          return (
            <ins key={i} lang={part.lang}>
              {part.text}
            </ins>
          );
        if (part.kind === "removed")
          return (
            <del key={i} lang={part.lang}>
              {part.text}
            </del>
          );
        if (part.kind === "skipped")
          return (
            <span key={i} lang={part.lang}>
              {part.head}
              <span className="diff-skipped">{t("guidelines.diff.skipped", { count: part.count })}</span>
              {part.tail}
            </span>
          );
        return (
          <span key={i} lang={part.lang}>
            {part.text}
          </span>
        );
      })}
    </div>
  );
}

export default function GuidelineDiff() {
  const { t } = useTranslation();
  const { slug, title, from, to, changes, creditsAdded, creditsRemoved } = useLoaderData<typeof loader>();
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
      <p className="muted">{t("guidelines.diff.legend")}</p>
      {changes.every((c) => c.kind === "unchanged") ? <p>{t("guidelines.diff.noChanges")}</p> : null}
      {changes.map((change) => (
        <section key={change.key} className={`card diff-section diff-${change.kind}`} data-section={change.key} data-change={change.kind}>
          <h2>
            <span className={`diff-badge diff-badge-${change.kind}`}>{t(`guidelines.diff.${change.kind}`)}</span>{" "}
            <span lang={change.title.lang}>{change.title.text}</span>
          </h2>
          {change.kind === "changed" && change.previousTitle ? (
            <p className="muted" lang={change.previousTitle.lang}>
              {t("guidelines.diff.renamed", { title: change.previousTitle.text })}
            </p>
          ) : null}
          {change.kind === "changed" && change.moved ? <p className="muted">{t("guidelines.diff.moved")}</p> : null}
          {change.kind !== "unchanged" ? <Parts parts={change.parts} /> : null}
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
