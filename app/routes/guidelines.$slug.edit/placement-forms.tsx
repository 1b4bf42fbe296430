import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceSelect, Field } from "~/components/forms";
import type { Choice } from "~/utils/choices";
import { GuidelineEditForm } from "~/utils/guidelines";
import { useFormResult } from "./form-result";

/** Places one of the accepted contributions at the end of a section. */
export function PlaceForm({ sectionId, placeable }: { sectionId: string; placeable: Choice[] }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `place-${sectionId}`,
    lastResult: useFormResult("place", sectionId),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GuidelineEditForm.place }),
  });
  return (
    <Form method="post" className="filter-form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="place" />
      <input type="hidden" name="sectionId" value={sectionId} />
      <Field id={fields.contributionId.id} label={t("guidelines.editor.contributionToPlace")} errors={fields.contributionId.errors}>
        <ChoiceSelect {...getSelectProps(fields.contributionId)} choices={placeable} />
      </Field>
      <button type="submit" className="secondary">
        {t("guidelines.editor.place")}
      </button>
    </Form>
  );
}

/** Takes a placed contribution out of its section again. */
export function UnplaceForm({ sectionId, contributionId }: { sectionId: string; contributionId: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value="unplace" />
      <input type="hidden" name="sectionId" value={sectionId} />
      <input type="hidden" name="contributionId" value={contributionId} />
      <button type="submit" className="link-button">
        {t("guidelines.editor.unplace")}
      </button>
    </Form>
  );
}
