import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceSelect, enumChoices, Field, FormErrors, MunicipalitySelect } from "~/components/forms";
import type { Choice, ClusterChoice } from "~/utils/choices";
import { COMMUNITIES, GENDERS, PERSON_LOCALES, PersonSchema } from "~/utils/directory";

export type PersonFormChoices = {
  organisations: Choice[];
  clusters: ClusterChoice[];
  sensitive: boolean;
};

/** Create and edit share one form; gender and community appear only for those allowed to see them. */
export function PersonForm({
  id,
  choices,
  defaultValue,
  lastResult,
  submitLabel,
}: {
  id: string;
  choices: PersonFormChoices;
  defaultValue?: Record<string, string | null | undefined>;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue: defaultValue ?? { locale: "sq" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PersonSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field id={fields.name.id} label={t("directory.fields.name")} errors={fields.name.errors}>
        <input {...getInputProps(fields.name, { type: "text" })} autoComplete="off" />
      </Field>
      <Field id={fields.email.id} label={`${t("directory.fields.email")} (${t("common.optional")})`} errors={fields.email.errors}>
        <input {...getInputProps(fields.email, { type: "email" })} autoComplete="off" />
      </Field>
      <Field id={fields.phone.id} label={`${t("directory.fields.phone")} (${t("common.optional")})`} errors={fields.phone.errors}>
        <input {...getInputProps(fields.phone, { type: "tel" })} autoComplete="off" />
      </Field>
      <Field id={fields.organisationId.id} label={t("directory.fields.organisation")} errors={fields.organisationId.errors}>
        <ChoiceSelect {...getSelectProps(fields.organisationId)} choices={choices.organisations} empty={t("directory.none")} />
      </Field>
      <Field id={fields.municipalityId.id} label={t("directory.fields.municipality")} errors={fields.municipalityId.errors}>
        <MunicipalitySelect {...getSelectProps(fields.municipalityId)} clusters={choices.clusters} empty={t("directory.none")} />
      </Field>
      <Field id={fields.position.id} label={`${t("directory.fields.position")} (${t("common.optional")})`} errors={fields.position.errors}>
        <input {...getInputProps(fields.position, { type: "text" })} />
      </Field>
      <Field id={fields.locale.id} label={t("directory.fields.language")} errors={fields.locale.errors}>
        <ChoiceSelect {...getSelectProps(fields.locale)} choices={enumChoices(PERSON_LOCALES, t, "directory.language")} />
      </Field>
      {choices.sensitive ? (
        <fieldset className="directory-sensitive">
          <legend>
            {t("directory.fields.gender")} / {t("directory.fields.community")}
          </legend>
          <p className="hint">{t("directory.person.sensitiveHint")}</p>
          <Field id={fields.gender.id} label={t("directory.fields.gender")} errors={fields.gender.errors}>
            <ChoiceSelect {...getSelectProps(fields.gender)} choices={enumChoices(GENDERS, t, "directory.gender")} empty={t("directory.gender.UNKNOWN")} />
          </Field>
          <Field id={fields.community.id} label={t("directory.fields.community")} errors={fields.community.errors}>
            <ChoiceSelect
              {...getSelectProps(fields.community)}
              choices={enumChoices(COMMUNITIES, t, "directory.community")}
              empty={t("directory.community.UNKNOWN")}
            />
          </Field>
        </fieldset>
      ) : null}
      <Field
        id={fields.consentGivenAt.id}
        label={`${t("directory.fields.consentGivenAt")} (${t("common.optional")})`}
        errors={fields.consentGivenAt.errors}
      >
        <input {...getInputProps(fields.consentGivenAt, { type: "date" })} />
      </Field>
      <Field id={fields.consentText.id} label={`${t("directory.fields.consentText")} (${t("common.optional")})`} errors={fields.consentText.errors}>
        <textarea {...getTextareaProps(fields.consentText)} rows={3} />
      </Field>
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
