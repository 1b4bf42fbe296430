import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/forms";
import { ContributionPageForm } from "~/utils/guidelines";
import { useFormResult } from "./form-result";

const DECISIONS = ["CHANGES_REQUESTED", "ACCEPTED", "REJECTED"] as const;

/** The authors hand the contribution to the editors. */
export function SubmitForm({ version }: { version: number }) {
  const { t } = useTranslation();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="submit" />
      <input type="hidden" name="version" value={version} />
      <button type="submit">{t("guidelines.contribution.submit")}</button>
    </Form>
  );
}

/** An editor takes a submitted contribution into review. */
export function StartReviewForm({ version }: { version: number }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="card">
      <input type="hidden" name="intent" value="start-review" />
      <input type="hidden" name="version" value={version} />
      <button type="submit" className="secondary">
        {t("guidelines.review.start")}
      </button>
    </Form>
  );
}

/** An editor's decision, with the reason the authors read. */
export function DecisionForm({ version }: { version: number }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "decision",
    lastResult: useFormResult("decide"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ContributionPageForm.decide }),
    shouldRevalidate: "onBlur",
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="decide" />
      {/* The version the editor is looking at: a decision on anything newer or older is refused. */}
      <input type="hidden" name="version" value={version} />
      <fieldset className="choice-group">
        <legend>{t("guidelines.review.decision")}</legend>
        {DECISIONS.map((decision) => (
          <label key={decision}>
            <input type="radio" name={fields.decision.name} value={decision} required defaultChecked={decision === "CHANGES_REQUESTED"} />{" "}
            {t(`guidelines.review.decisions.${decision}`)}
          </label>
        ))}
      </fieldset>
      <Field id={fields.reason.id} label={t("guidelines.review.reason")} errors={fields.reason.errors}>
        <textarea {...getTextareaProps(fields.reason)} rows={4} />
      </Field>
      <button type="submit">{t("guidelines.review.decide")}</button>
    </Form>
  );
}

/** A remark in the review, from an editor or an author. */
export function CommentForm() {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "comment",
    lastResult: useFormResult("comment"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ContributionPageForm.comment }),
    shouldRevalidate: "onBlur",
  });
  return (
    <Form method="post" className="stack card" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="comment" />
      <Field id={fields.body.id} label={t("guidelines.review.comment")} errors={fields.body.errors}>
        <textarea {...getTextareaProps(fields.body)} rows={3} />
      </Field>
      <button type="submit" className="secondary">
        {t("guidelines.review.send")}
      </button>
    </Form>
  );
}
