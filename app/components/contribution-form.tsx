import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceSelect, Field, FormErrors } from "~/components/forms";
import type { Choice } from "~/utils/choices";
import { ContributionSchema, LIMITS } from "~/utils/guidelines";

export type ContributionChoices = {
  themes: Choice[];
  municipalities: Choice[];
  commissions: Choice[] | null;
  events: Choice[];
};

export type ContributionDefaults = {
  title: string;
  summary: string;
  body: string;
  themeId: string;
  municipalityId: string;
  commissionId: string;
  eventId: string;
  coAuthors: string;
  version?: number;
};

/**
 * Writing or revising a contribution. "Preview" posts the form and comes back
 * with the rendered text above it, so it works without JavaScript too.
 */
export function ContributionForm({
  id,
  choices,
  defaults,
  lastResult,
  previewHtml,
}: {
  id: string;
  choices: ContributionChoices;
  defaults: ContributionDefaults;
  lastResult?: SubmissionResult<string[]> | null;
  previewHtml?: string | null;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ContributionSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onBlur",
  });
  return (
    <>
      {previewHtml ? (
        <section className="card contribution-preview" aria-labelledby={`${id}-preview`}>
          <h2 id={`${id}-preview`}>{t("guidelines.contribution.previewTitle")}</h2>
          <div className="prose" dangerouslySetInnerHTML={{ __html: previewHtml }} />
        </section>
      ) : null}
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {defaults.version !== undefined ? <input type="hidden" name="version" value={defaults.version} /> : null}
        <Field id={fields.title.id} label={t("guidelines.contribution.title")} errors={fields.title.errors}>
          <input {...getInputProps(fields.title, { type: "text" })} maxLength={LIMITS.title} />
        </Field>
        <Field id={fields.summary.id} label={t("guidelines.contribution.summary")} errors={fields.summary.errors} hint={t("guidelines.contribution.summaryHint")}>
          <textarea {...getTextareaProps(fields.summary)} rows={3} />
        </Field>
        <Field id={fields.body.id} label={t("guidelines.contribution.body")} errors={fields.body.errors} hint={t("guidelines.contribution.bodyHint")}>
          <textarea {...getTextareaProps(fields.body)} rows={14} />
        </Field>
        <Field id={fields.themeId.id} label={t("guidelines.contribution.theme")} errors={fields.themeId.errors}>
          <ChoiceSelect {...getSelectProps(fields.themeId)} empty={t("guidelines.contribution.chooseTheme")} choices={choices.themes} />
        </Field>
        <Field id={fields.municipalityId.id} label={t("guidelines.contribution.municipality")} errors={fields.municipalityId.errors}>
          <ChoiceSelect {...getSelectProps(fields.municipalityId)} empty={t("guidelines.contribution.noMunicipality")} choices={choices.municipalities} />
        </Field>
        {choices.commissions ? (
          <Field id={fields.commissionId.id} label={t("guidelines.contribution.commission")} errors={fields.commissionId.errors}>
            <ChoiceSelect {...getSelectProps(fields.commissionId)} empty={t("guidelines.contribution.noCommission")} choices={choices.commissions} />
          </Field>
        ) : null}
        <Field id={fields.eventId.id} label={t("guidelines.contribution.event")} errors={fields.eventId.errors}>
          <ChoiceSelect {...getSelectProps(fields.eventId)} empty={t("guidelines.contribution.noEvent")} choices={choices.events} />
        </Field>
        <Field id={fields.coAuthors.id} label={t("guidelines.contribution.coAuthors")} errors={fields.coAuthors.errors} hint={t("guidelines.contribution.coAuthorsHint")}>
          <input {...getInputProps(fields.coAuthors, { type: "text" })} autoComplete="off" />
        </Field>
        <p className="hint">{t("guidelines.contribution.submitHint")}</p>
        <div className="button-row">
          <button type="submit" name="intent" value="preview" className="secondary" formNoValidate>
            {t("guidelines.contribution.preview")}
          </button>
          <button type="submit" name="intent" value="save" className="secondary">
            {t("guidelines.contribution.save")}
          </button>
          <button type="submit" name="intent" value="submit">
            {t("guidelines.contribution.submit")}
          </button>
        </div>
      </Form>
    </>
  );
}
