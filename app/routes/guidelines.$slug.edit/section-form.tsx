import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/forms";
import { GuidelineEditForm } from "~/utils/guidelines";
import { useFormResult } from "./form-result";

/** A section's title and editor text: a new section's (add-section), or an existing one's (update-section). */
export function SectionForm({
  id,
  section,
  titleLabel,
  rows,
  children,
}: {
  id: string;
  section?: { id: string; title: string; body: string };
  titleLabel: string;
  rows: number;
  /** The submit button. */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const intent = section ? "update-section" : "add-section";
  const [form, fields] = useForm({
    id,
    lastResult: useFormResult(intent, section?.id),
    defaultValue: section ? { title: section.title, body: section.body } : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: section ? GuidelineEditForm.updateSection : GuidelineEditForm.addSection }),
    shouldRevalidate: "onBlur",
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      {section ? <input type="hidden" name="sectionId" value={section.id} /> : null}
      <Field id={fields.title.id} label={titleLabel} errors={fields.title.errors}>
        <input {...getInputProps(fields.title, { type: "text" })} />
      </Field>
      <Field id={fields.body.id} label={t("guidelines.editor.sectionBody")} errors={fields.body.errors}>
        <textarea {...getTextareaProps(fields.body)} rows={rows} />
      </Field>
      {children}
    </Form>
  );
}
