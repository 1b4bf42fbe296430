import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/forms";
import { GuidelineEditForm } from "~/utils/guidelines";
import { useFormResult } from "./form-result";

/** The guideline's own title and summary. */
export function DetailsForm({ guideline }: { guideline: { title: string; summary: string } }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "guideline",
    lastResult: useFormResult("details"),
    defaultValue: { title: guideline.title, summary: guideline.summary },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GuidelineEditForm.details }),
    shouldRevalidate: "onBlur",
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="details" />
      <Field id={fields.title.id} label={t("guidelines.guideline.name")} errors={fields.title.errors}>
        <input {...getInputProps(fields.title, { type: "text" })} />
      </Field>
      <Field id={fields.summary.id} label={t("guidelines.guideline.summary")} errors={fields.summary.errors}>
        <textarea {...getTextareaProps(fields.summary)} rows={3} />
      </Field>
      <button type="submit" className="secondary">
        {t("guidelines.editor.save")}
      </button>
    </Form>
  );
}
