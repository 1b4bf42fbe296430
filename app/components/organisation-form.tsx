import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceSelect, enumChoices, Field, FormErrors, MunicipalitySelect } from "~/components/forms";
import type { ClusterChoice } from "~/utils/choices";
import { ORGANISATION_TYPES, OrganisationSchema } from "~/utils/directory";

/** Create and edit share one organisation form: its name, its type and, if it has one, its municipality. */
export function OrganisationForm({
  id,
  clusters,
  defaultValue,
  lastResult,
  submitLabel,
}: {
  id: string;
  clusters: readonly ClusterChoice[];
  defaultValue: Record<string, string>;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrganisationSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field id={fields.name.id} label={t("directory.fields.name")} errors={fields.name.errors}>
        <input {...getInputProps(fields.name, { type: "text" })} />
      </Field>
      <Field id={fields.type.id} label={t("directory.fields.organisationType")} errors={fields.type.errors}>
        <ChoiceSelect {...getSelectProps(fields.type)} choices={enumChoices(ORGANISATION_TYPES, t, "directory.organisationType")} />
      </Field>
      <Field id={fields.municipalityId.id} label={t("directory.fields.municipality")} errors={fields.municipalityId.errors}>
        <MunicipalitySelect {...getSelectProps(fields.municipalityId)} clusters={clusters} empty={t("directory.organisations.noMunicipality")} />
      </Field>
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
