import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/forms";
import { COMMUNITIES, GENDERS, PERSON_LOCALES, PersonSchema } from "~/utils/directory";

export type PersonFormChoices = {
  organisations: Array<{ id: string; name: string }>;
  clusters: Array<{ id: string; name: string; municipalities: Array<{ id: string; name: string }> }>;
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
        <select {...getSelectProps(fields.organisationId)}>
          <option value="">{t("directory.none")}</option>
          {choices.organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={fields.municipalityId.id} label={t("directory.fields.municipality")} errors={fields.municipalityId.errors}>
        <select {...getSelectProps(fields.municipalityId)}>
          <option value="">{t("directory.none")}</option>
          {choices.clusters.map((c) => (
            <optgroup key={c.id} label={c.name}>
              {c.municipalities.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </Field>
      <Field id={fields.position.id} label={`${t("directory.fields.position")} (${t("common.optional")})`} errors={fields.position.errors}>
        <input {...getInputProps(fields.position, { type: "text" })} />
      </Field>
      <Field id={fields.locale.id} label={t("directory.fields.language")} errors={fields.locale.errors}>
        <select {...getSelectProps(fields.locale)}>
          {PERSON_LOCALES.map((l) => (
            <option key={l} value={l}>
              {t(`directory.language.${l}`)}
            </option>
          ))}
        </select>
      </Field>
      {choices.sensitive ? (
        <fieldset className="directory-sensitive">
          <legend>
            {t("directory.fields.gender")} / {t("directory.fields.community")}
          </legend>
          <p className="hint">{t("directory.person.sensitiveHint")}</p>
          <Field id={fields.gender.id} label={t("directory.fields.gender")} errors={fields.gender.errors}>
            <select {...getSelectProps(fields.gender)}>
              <option value="">{t("directory.gender.UNKNOWN")}</option>
              {GENDERS.map((g) => (
                <option key={g} value={g}>
                  {t(`directory.gender.${g}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={fields.community.id} label={t("directory.fields.community")} errors={fields.community.errors}>
            <select {...getSelectProps(fields.community)}>
              <option value="">{t("directory.community.UNKNOWN")}</option>
              {COMMUNITIES.map((c) => (
                <option key={c} value={c}>
                  {t(`directory.community.${c}`)}
                </option>
              ))}
            </select>
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
