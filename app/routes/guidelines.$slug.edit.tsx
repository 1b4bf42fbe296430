import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { acceptedContributions } from "~/models/contribution.server";
import {
  addSection,
  compileDraft,
  isEmptyDraft,
  moveSection,
  placeContribution,
  removePlacement,
  removeSection,
  updateGuidelineDetails,
  updateSection,
  workingCopy,
} from "~/models/guideline.server";
import { publishVersion, versionHistory } from "~/models/guideline-version.server";
import { translateMessage, formFields } from "~/utils/forms";
import { GuidelineDetailsSchema, GuidelineEditIntent, PublishSchema, SectionSchema } from "~/utils/guidelines";
import { resolveLocale } from "~/utils/locale.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { municipalityName } from "~/utils/names";
import { can, forbidden, requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";
import { appUrl } from "~/utils/url.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "guidelines:edit");
  const guideline = await workingCopy(params.slug ?? "");
  if (!guideline) throw new Response("Not found", { status: 404 });
  const locale = await resolveLocale(request);
  const draft = compileDraft(guideline);
  const placed = new Set(guideline.sections.flatMap((s) => s.placements.map((p) => p.contributionId)));
  const accepted = (await acceptedContributions()).filter((c) => !placed.has(c.id));
  const published = await versionHistory(guideline.slug);
  return {
    guideline: { id: guideline.id, slug: guideline.slug, title: guideline.title, summary: guideline.summary, revision: guideline.revision },
    nextNumber: (published?.versions[0]?.number ?? 0) + 1,
    hasPublished: (published?.versions.length ?? 0) > 0,
    mayPublish: can(user, "guidelines:publish"),
    sections: guideline.sections.map((s) => ({
      id: s.id,
      key: s.key,
      title: s.title,
      body: s.body,
      placements: s.placements.map((p) => ({
        contributionId: p.contributionId,
        title: p.contribution.title,
        municipality: p.contribution.municipality ? municipalityName(p.contribution.municipality, locale) : null,
      })),
    })),
    accepted: accepted.map((c) => ({ id: c.id, title: c.title, municipality: c.municipality ? municipalityName(c.municipality, locale) : null })),
    draft: { empty: isEmptyDraft(draft), sections: draft.sections.map((s) => ({ key: s.key, title: s.title, html: renderMarkdown(s.body) })) },
  };
}

type Result = { ok: boolean; message: string; intent: string; sectionId?: string; field?: string | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "guidelines:edit");
  const guideline = await workingCopy(params.slug ?? "");
  if (!guideline) throw new Response("Not found", { status: 404 });
  const form = formFields(await readForm(request));
  const parsed = GuidelineEditIntent.safeParse(form);
  if (!parsed.success) return data<Result>({ ok: false, message: "errors.badRequestTitle", intent: "" }, { status: 400 });
  const { intent } = parsed.data;
  const sectionId = parsed.data.sectionId ?? "";
  // Only sections of this guideline may be touched from its page.
  if (sectionId && !guideline.sections.some((s) => s.id === sectionId)) throw new Response("Not found", { status: 404 });
  const section = () => SectionSchema.safeParse({ title: form.title, body: form.body });
  const answer = (outcome: { ok: true } | { ok: false; field: string | null; message: string }, done = "guidelines.editor.saved") =>
    outcome.ok
      ? data<Result>({ ok: true, message: done, intent, sectionId })
      : data<Result>({ ok: false, message: outcome.message, intent, sectionId, field: outcome.field }, { status: outcome.message.endsWith("changedMeanwhile") ? 409 : 400 });
  const invalid = (issues: z.core.$ZodIssue[]) =>
    // The revision the page was built from is a hidden field: its problem is said above the page.
    data<Result>({ ok: false, message: issues[0].message, field: issues[0].path[0] === "revision" ? null : String(issues[0].path[0]), intent, sectionId }, { status: 400 });
  switch (intent) {
    case "details": {
      const details = GuidelineDetailsSchema.safeParse({
        title: form.title,
        summary: form.summary,
      });
      if (!details.success) return invalid(details.error.issues);
      return answer(await updateGuidelineDetails(user.id, guideline.id, details.data));
    }
    case "add-section": {
      const input = section();
      if (!input.success) return invalid(input.error.issues);
      return answer(await addSection(user.id, guideline.id, input.data));
    }
    case "update-section": {
      const input = section();
      if (!input.success) return invalid(input.error.issues);
      return answer(await updateSection(user.id, sectionId, input.data));
    }
    case "move-up":
    case "move-down":
      return answer(await moveSection(user.id, sectionId, intent === "move-up" ? "up" : "down"));
    case "remove-section":
      return answer(await removeSection(user.id, sectionId));
    case "place":
      return answer(await placeContribution(user.id, sectionId, parsed.data.contributionId ?? ""));
    case "unplace":
      return answer(await removePlacement(user.id, sectionId, parsed.data.contributionId ?? ""));
    case "publish": {
      if (!can(user, "guidelines:publish")) throw forbidden();
      const input = PublishSchema.safeParse({ changelog: form.changelog, revision: form.revision });
      if (!input.success) return invalid(input.error.issues);
      const outcome = await publishVersion(user.id, guideline.id, input.data, appUrl(request));
      if (!outcome.ok) return answer(outcome);
      return redirect(`/guidelines/${guideline.slug}/v/${outcome.number}?published=1`);
    }
  }
}

export default function GuidelineEditor() {
  const { t } = useTranslation();
  const { guideline, sections, accepted, draft, nextNumber, mayPublish, hasPublished } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errorFor = (intent: string, field: string, sectionId = "") =>
    result && !result.ok && result.intent === intent && result.field === field && (result.sectionId ?? "") === sectionId
      ? translateMessage(t, result.message)
      : undefined;
  const generalError = result && !result.ok && !result.field ? translateMessage(t, result.message) : undefined;
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
      {result?.ok ? (
        <p className="notice notice-ok" role="status">
          {translateMessage(t, result.message)}
        </p>
      ) : null}
      {generalError ? (
        <p className="notice notice-error" role="alert">
          {generalError}
        </p>
      ) : null}

      <details className="card">
        <summary>{t("guidelines.editor.details")}</summary>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="details" />
          <TextField label={t("guidelines.guideline.name")} name="title" defaultValue={guideline.title} error={errorFor("details", "title")} id="guideline-title" />
          <TextAreaField id="guideline-summary" label={t("guidelines.guideline.summary")} name="summary" rows={3} defaultValue={guideline.summary} error={errorFor("details", "summary")} />
          <button type="submit" className="secondary">
            {t("guidelines.editor.save")}
          </button>
        </Form>
      </details>

      <h2>{t("guidelines.editor.sections")}</h2>
      {sections.length === 0 ? <p className="muted">{t("guidelines.editor.noSections")}</p> : null}
      {sections.map((section, index) => (
        <section key={section.id} className="card editor-section" data-section={section.key}>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="update-section" />
            <input type="hidden" name="sectionId" value={section.id} />
            <TextField
              id={`title-${section.id}`}
              label={`${index + 1}. ${t("guidelines.editor.sectionTitle")}`}
              name="title"
              defaultValue={section.title}
              error={errorFor("update-section", "title", section.id)}
            />
            <div className={errorFor("update-section", "body", section.id) ? "field field-invalid" : "field"}>
              <label htmlFor={`body-${section.id}`}>{t("guidelines.editor.sectionBody")}</label>
              <textarea
                id={`body-${section.id}`}
                name="body"
                rows={5}
                defaultValue={section.body}
                aria-invalid={errorFor("update-section", "body", section.id) ? true : undefined}
                aria-describedby={errorFor("update-section", "body", section.id) ? `body-${section.id}-error` : undefined}
              />
              {errorFor("update-section", "body", section.id) ? (
                <p className="field-error" id={`body-${section.id}-error`} role="alert">
                  {errorFor("update-section", "body", section.id)}
                </p>
              ) : null}
            </div>
            <button type="submit" className="secondary">
              {t("guidelines.editor.save")}
            </button>
          </Form>
          <h3>{t("guidelines.editor.placed")}</h3>
          {section.placements.length === 0 ? <p className="muted">{t("guidelines.editor.nonePlaced")}</p> : null}
          <ul className="placements">
            {section.placements.map((p) => (
              <li key={p.contributionId}>
                {p.title} {p.municipality ? <span className="muted">({p.municipality})</span> : null}
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="unplace" />
                  <input type="hidden" name="sectionId" value={section.id} />
                  <input type="hidden" name="contributionId" value={p.contributionId} />
                  <button type="submit" className="link-button">
                    {t("guidelines.editor.unplace")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
          {accepted.length ? (
            <Form method="post" className="filter-form">
              <input type="hidden" name="intent" value="place" />
              <input type="hidden" name="sectionId" value={section.id} />
              <label>
                {t("guidelines.editor.contributionToPlace")}
                <select name="contributionId">
                  {accepted.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.title}
                      {c.municipality ? ` (${c.municipality})` : ""}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="secondary">
                {t("guidelines.editor.place")}
              </button>
            </Form>
          ) : (
            <p className="muted">{t("guidelines.editor.noAccepted")}</p>
          )}
          <div className="button-row">
            <Form method="post">
              <input type="hidden" name="sectionId" value={section.id} />
              <button type="submit" name="intent" value="move-up" className="secondary" disabled={index === 0}>
                {t("guidelines.editor.up")}
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="sectionId" value={section.id} />
              <button type="submit" name="intent" value="move-down" className="secondary" disabled={index === sections.length - 1}>
                {t("guidelines.editor.down")}
              </button>
            </Form>
            <details>
              <summary>{t("guidelines.editor.remove")}</summary>
              <Form method="post">
                <p>{t("guidelines.editor.confirmRemove", { title: section.title })}</p>
                <input type="hidden" name="intent" value="remove-section" />
                <input type="hidden" name="sectionId" value={section.id} />
                <button type="submit" className="danger">
                  {t("guidelines.editor.remove")}
                </button>
              </Form>
            </details>
          </div>
        </section>
      ))}

      <section className="card" aria-labelledby="add-section-title">
        <h2 id="add-section-title">{t("guidelines.editor.addSection")}</h2>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="add-section" />
          <TextField id="new-section-title" label={t("guidelines.editor.sectionTitle")} name="title" error={errorFor("add-section", "title")} />
          <TextAreaField id="new-section-body" label={t("guidelines.editor.sectionBody")} name="body" rows={4} error={errorFor("add-section", "body")} />
          <button type="submit">{t("guidelines.editor.addSection")}</button>
        </Form>
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
        {mayPublish ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="publish" />
            {/* The revision previewed above: if the working copy changes before this is pressed, publishing is refused. */}
            <input type="hidden" name="revision" value={guideline.revision} />
            <div className={errorFor("publish", "changelog") ? "field field-invalid" : "field"}>
              <label htmlFor="changelog">{t("guidelines.editor.changelog")}</label>
              <textarea
                id="changelog"
                name="changelog"
                rows={3}
                aria-invalid={errorFor("publish", "changelog") ? true : undefined}
                aria-describedby={errorFor("publish", "changelog") ? "changelog-error" : undefined}
              />
              {errorFor("publish", "changelog") ? (
                <p className="field-error" id="changelog-error" role="alert">
                  {errorFor("publish", "changelog")}
                </p>
              ) : null}
            </div>
            <button type="submit">{t("guidelines.editor.publish", { number: nextNumber })}</button>
          </Form>
        ) : null}
      </section>
    </>
  );
}

function TextField({ id, label, name, defaultValue, error }: { id: string; label: string; name: string; defaultValue?: string; error?: string }) {
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" name={name} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function TextAreaField({ id, label, name, rows, defaultValue, error }: { id: string; label: string; name: string; rows: number; defaultValue?: string; error?: string }) {
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} name={name} rows={rows} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
