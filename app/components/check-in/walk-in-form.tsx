import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceSelect, enumChoices, Field, FormErrors } from "~/components/forms";
import { PlaceFields } from "~/components/check-in/tap-form";
import { WalkInSchema, type CheckInPlace } from "~/utils/attendance";
import type { Choice } from "~/utils/choices";
import { COMMUNITIES, GENDERS, PERSON_LOCALES } from "~/utils/directory";

/** The fields the page itself adds to a walk-in (not the person's). */
const PAGE_FIELDS = ["intent", "day", "session", "clientRef"];

/**
 * Someone who was not invited, taken at the door: a short person form
 * (gender and community only for those allowed to see them). With
 * JavaScript a valid walk-in goes through the phone's queue like a tap, so
 * it is not lost offline either; without, it posts to the page's action.
 */
export function WalkInForm({
  place,
  choices,
  sensitive,
  open,
  saved,
  lastResult,
  onQueue,
}: {
  place: CheckInPlace;
  choices: { organisations: Choice[]; municipalities: Choice[] };
  sensitive: boolean;
  open: boolean;
  /** The server's message after a walk-in was saved (no JavaScript). */
  saved: string | null;
  lastResult?: SubmissionResult<string[]> | null;
  onQueue: (person: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const none = t("invitations.checkin.walkIn.none");
  const [form, fields] = useForm({
    id: "walk-in",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: WalkInSchema }),
    shouldRevalidate: "onBlur",
    onSubmit(formEvent, { formData }) {
      // Valid (conform stopped an invalid one already): queue it like a tap.
      formEvent.preventDefault();
      const person = Object.fromEntries(
        [...formData.entries()].filter(([key, value]) => typeof value === "string" && value.trim() && !PAGE_FIELDS.includes(key)),
      ) as Record<string, string>;
      onQueue(person);
      form.reset();
    },
  });
  return (
    <details className="card" open={open}>
      <summary>{t("invitations.checkin.walkIn.title")}</summary>
      <p className="hint">{t("invitations.checkin.walkIn.hint")}</p>
      {saved ? (
        <p className="notice notice-ok" role="status">
          {saved}
        </p>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="walkIn" />
        <PlaceFields place={place} />
        <Field id={fields.name.id} label={t("directory.fields.name")} errors={fields.name.errors}>
          <input {...getInputProps(fields.name, { type: "text" })} autoComplete="off" />
        </Field>
        <Field id={fields.email.id} label={t("directory.fields.email")} errors={fields.email.errors}>
          <input {...getInputProps(fields.email, { type: "email" })} autoComplete="off" />
        </Field>
        <Field id={fields.phone.id} label={t("directory.fields.phone")} errors={fields.phone.errors}>
          <input {...getInputProps(fields.phone, { type: "tel" })} autoComplete="off" />
        </Field>
        <Field id={fields.organisationId.id} label={t("directory.fields.organisation")} errors={fields.organisationId.errors}>
          <ChoiceSelect {...getSelectProps(fields.organisationId)} empty={none} choices={choices.organisations} />
        </Field>
        <Field id={fields.municipalityId.id} label={t("directory.fields.municipality")} errors={fields.municipalityId.errors}>
          <ChoiceSelect {...getSelectProps(fields.municipalityId)} empty={none} choices={choices.municipalities} />
        </Field>
        <Field id={fields.locale.id} label={t("directory.fields.language")} errors={fields.locale.errors}>
          <ChoiceSelect {...getSelectProps(fields.locale)} empty={none} choices={enumChoices(PERSON_LOCALES, t, "directory.language")} />
        </Field>
        {sensitive ? (
          <>
            <Field id={fields.gender.id} label={t("directory.fields.gender")} errors={fields.gender.errors}>
              <ChoiceSelect {...getSelectProps(fields.gender)} empty={none} choices={enumChoices(GENDERS, t, "directory.gender")} />
            </Field>
            <Field id={fields.community.id} label={t("directory.fields.community")} errors={fields.community.errors}>
              <ChoiceSelect {...getSelectProps(fields.community)} empty={none} choices={enumChoices(COMMUNITIES, t, "directory.community")} />
            </Field>
          </>
        ) : null}
        <button type="submit">{t("invitations.checkin.walkIn.submit")}</button>
      </Form>
    </details>
  );
}
