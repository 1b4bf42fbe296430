import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/forms";
import { GuidelineEditForm } from "~/utils/guidelines";
import { useFormResult } from "./form-result";

/** Publishes the draft previewed above as the next version, with its changelog. */
export function PublishForm({ revision, nextNumber }: { revision: number; nextNumber: number }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "publish",
    lastResult: useFormResult("publish"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GuidelineEditForm.publish }),
    shouldRevalidate: "onBlur",
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="publish" />
      {/* The revision previewed above: if the working copy changes before this is pressed, publishing is refused. */}
      <input type="hidden" name="revision" value={revision} />
      <Field id={fields.changelog.id} label={t("guidelines.editor.changelog")} errors={fields.changelog.errors}>
        <textarea {...getTextareaProps(fields.changelog)} rows={3} />
      </Field>
      <button type="submit">{t("guidelines.editor.publish", { number: nextNumber })}</button>
    </Form>
  );
}
