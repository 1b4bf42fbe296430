import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/forms";
import { resolveLocale } from "~/utils/locale.server";
import { requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";
import { DetailsForm } from "./details-form";
import { editGuideline, guidelineEditor } from "./editor.server";
import { PlaceForm, UnplaceForm } from "./placement-forms";
import { PublishForm } from "./publish-form";
import { SectionForm } from "./section-form";
import { SectionOrder } from "./section-order";
import { pageTitle } from "~/utils/page-title";

// The working copy of a guideline: its details, its sections with the
// accepted contributions placed into them, and the draft of the next version
// with the form that publishes it. One small form per intent, beside this file.

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "titles.editGuideline", data?.guideline.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "guidelines:edit");
  return guidelineEditor(user, params.slug ?? "", await resolveLocale(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "guidelines:edit");
  return editGuideline(request, user, params.slug ?? "", await readForm(request));
}

export default function GuidelineEditor() {
  const { t } = useTranslation();
  const { guideline, sections, placeable, draft, nextNumber, mayPublish, hasPublished } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/guidelines">← {t("guidelines.guideline.title")}</Link>
      </p>
      <h1>{t("guidelines.editor.title", { title: guideline.title })}</h1>
      {hasPublished ? (
        <p className="guideline-actions">
          <Link to={`/guidelines/${guideline.slug}`}>{t("guidelines.editor.readPublished")}</Link>
          {mayPublish ? <Link to={`/guidelines/${guideline.slug}/translate`}>{t("guidelines.editor.translate")}</Link> : null}
        </p>
      ) : null}
      {answer?.notice ? (
        <p className="notice notice-ok" role="status">
          {t(answer.notice)}
        </p>
      ) : null}
      {/* What concerns no field of its own (a stale draft, a request the page did not send) is said above the page. */}
      <FormErrors errors={answer?.result.error?.[""] ?? undefined} />

      <details className="card">
        <summary>{t("guidelines.editor.details")}</summary>
        <DetailsForm guideline={guideline} />
      </details>

      <h2>{t("guidelines.editor.sections")}</h2>
      {sections.length === 0 ? <p className="muted">{t("guidelines.editor.noSections")}</p> : null}
      {sections.map((section, index) => (
        <section key={section.id} className="card editor-section" data-section={section.key}>
          <SectionForm id={`section-${section.id}`} section={section} titleLabel={`${index + 1}. ${t("guidelines.editor.sectionTitle")}`} rows={5}>
            <button type="submit" className="secondary">
              {t("guidelines.editor.save")}
            </button>
          </SectionForm>
          <h3>{t("guidelines.editor.placed")}</h3>
          {section.placements.length === 0 ? <p className="muted">{t("guidelines.editor.nonePlaced")}</p> : null}
          <ul className="placements">
            {section.placements.map((p) => (
              <li key={p.contributionId}>
                {p.title} {p.municipality ? <span className="muted">({p.municipality})</span> : null}
                <UnplaceForm sectionId={section.id} contributionId={p.contributionId} />
              </li>
            ))}
          </ul>
          {placeable.length ? <PlaceForm sectionId={section.id} placeable={placeable} /> : <p className="muted">{t("guidelines.editor.noAccepted")}</p>}
          <SectionOrder section={section} first={index === 0} last={index === sections.length - 1} />
        </section>
      ))}

      <section className="card" aria-labelledby="add-section-title">
        <h2 id="add-section-title">{t("guidelines.editor.addSection")}</h2>
        <SectionForm id="new-section" titleLabel={t("guidelines.editor.sectionTitle")} rows={4}>
          <button type="submit">{t("guidelines.editor.addSection")}</button>
        </SectionForm>
      </section>

      <section className="card draft" aria-labelledby="draft-title">
        <h2 id="draft-title">{t("guidelines.editor.draft", { number: nextNumber })}</h2>
        <p className="muted">{t("guidelines.editor.draftIntro")}</p>
        {draft.sections.map((s, i) => (
          <div key={s.key} className="guideline-section">
            <h3>
              {i + 1}. {s.title}
            </h3>
            <div className="prose" dangerouslySetInnerHTML={{ __html: s.html }} />
          </div>
        ))}
        {mayPublish ? <PublishForm revision={guideline.revision} nextNumber={nextNumber} /> : null}
      </section>
    </>
  );
}
