import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceSelect } from "~/components/forms";
import { versionHistory } from "~/models/guideline-version.server";
import { formatDate } from "~/utils/dates";
import { resolveLocale } from "~/utils/locale.server";
import { notFound } from "~/utils/refusal.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "guidelines.versions.title", data?.title);

// Public: every version of a guideline, with its changelog, and a form to compare any two.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const history = await versionHistory(params.slug ?? "");
  if (!history || history.versions.length === 0) throw notFound();
  const locale = await resolveLocale(request);
  return {
    slug: history.guideline.slug,
    title: history.guideline.title,
    versions: history.versions.map((v) => ({
      number: v.number,
      title: v.title,
      changelog: v.changelog,
      date: formatDate(v.publishedAt, locale),
      sections: v._count.sections,
      credits: v._count.credits,
      translations: v.translations.map((tr) => ({ locale: tr.locale, number: tr.number })),
    })),
  };
}

export default function GuidelineVersions() {
  const { t } = useTranslation();
  const { slug, title, versions } = useLoaderData<typeof loader>();
  const latest = versions[0].number;
  const numbers = versions.map((v) => ({ id: String(v.number), name: String(v.number) }));
  return (
    <>
      <p>
        <Link to={`/guidelines/${slug}`}>← {title}</Link>
      </p>
      <h1>{t("guidelines.versions.title")}</h1>
      <p className="muted">{t("guidelines.versions.intro")}</p>
      {versions.length > 1 ? (
        <Form method="get" action={`/guidelines/${slug}/diff`} className="card filter-form">
          <label>
            {t("guidelines.versions.from")}
            <ChoiceSelect name="from" defaultValue={versions[1].number} choices={numbers} />
          </label>
          <label>
            {t("guidelines.versions.to")}
            <ChoiceSelect name="to" defaultValue={latest} choices={numbers} />
          </label>
          <button type="submit" className="secondary">
            {t("guidelines.versions.compare")}
          </button>
        </Form>
      ) : null}
      <ol className="version-list" reversed>
        {versions.map((v) => (
          <li key={v.number} className="card">
            <h2>
              <Link to={`/guidelines/${slug}/v/${v.number}`}>{t("guidelines.guideline.latestVersion", { number: v.number, date: v.date })}</Link>
            </h2>
            <p className="muted">
              {t("guidelines.versions.sections", { count: v.sections })} · {t("guidelines.versions.credits", { count: v.credits })}
            </p>
            <p className="changelog">{v.changelog}</p>
            {v.translations.length ? (
              <p className="muted">
                {t("guidelines.versions.translations")}:{" "}
                {v.translations.map((tr) => t("guidelines.versions.translation", { language: t(`guidelines.languages.${tr.locale}`), number: tr.number })).join(", ")}
              </p>
            ) : null}
            {v.number > 1 ? (
              <Link to={`/guidelines/${slug}/diff?from=${v.number - 1}&to=${v.number}`}>{t("guidelines.reader.changesSince", { number: v.number - 1 })}</Link>
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}
