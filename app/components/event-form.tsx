import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "~/utils/zod";
import { ChoiceSelect, enumChoices, Field, FormErrors, MunicipalitySelect } from "~/components/forms";
import type { EventInput } from "~/models/event.server";
import type { Choice, ClusterChoice } from "~/utils/choices";
import { EVENT_LANGUAGES, EVENT_TYPES } from "~/utils/events";
import { requiredText } from "~/utils/validation";

const date = z.string({ error: "events.errors.dateInvalid" }).regex(/^\d{4}-\d{2}-\d{2}$/, "events.errors.dateInvalid");
const time = z.string({ error: "events.errors.timeInvalid" }).regex(/^\d{1,2}:\d{2}(:\d{2})?$/, "events.errors.timeInvalid");
const optionalText = (max: number) => z.string().trim().max(max, "validation.tooLong").default("");
// An id too long is reported on the list itself, where the form shows the list's error.
const ids = z
  .array(z.string())
  .max(500)
  .refine((list) => list.every((id) => id.length <= 100), "forms.invalid")
  .default([]);

/** The event form's fields, checked the same way in the browser and on the server. */
export const EventFormSchema = z
  .object({
    type: z.enum(EVENT_TYPES, { error: "events.errors.unknownChoice" }),
    municipalityId: z.string({ error: "events.errors.municipalityUnknown" }).max(100),
    venueName: requiredText(200),
    venueAddress: optionalText(300),
    startDate: date,
    startTime: time,
    endDate: date,
    endTime: time,
    capacity: z
      .number({ error: "events.errors.capacityMin" })
      .int("events.errors.capacityMin")
      .min(1, "events.errors.capacityMin")
      .max(100_000, "validation.tooLong"),
    isPublic: z.boolean().default(false),
    titleEn: optionalText(200),
    descriptionEn: optionalText(5000),
    titleSq: optionalText(200),
    descriptionSq: optionalText(5000),
    titleSr: optionalText(200),
    descriptionSr: optionalText(5000),
    themeIds: ids,
    organiserIds: ids,
    facilitatorIds: ids,
  })
  .refine((value) => value.titleEn || value.titleSq || value.titleSr, { message: "events.errors.titleRequired", path: ["titleEn"] })
  .refine((value) => `${value.endDate}T${value.endTime.padStart(5, "0")}` > `${value.startDate}T${value.startTime.padStart(5, "0")}`, {
    message: "events.errors.endBeforeStart",
    path: ["endTime"],
  });

export type EventFormValue = z.infer<typeof EventFormSchema>;

/** The form's choices, in the reader's language (eventFormOptions in app/models/event.server.ts). */
export type EventFormOptions = { clusters: ClusterChoice[]; themes: Choice[]; organisers: Choice[]; people: Choice[] };

const LANGUAGE_FIELDS = { en: ["titleEn", "descriptionEn"], sq: ["titleSq", "descriptionSq"], sr: ["titleSr", "descriptionSr"] } as const;

function asArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === "string" ? [value] : [];
}

export function EventForm({
  id,
  options,
  lastResult,
  defaultValue,
  submitLabel,
}: {
  id: string;
  options: EventFormOptions;
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue?: Partial<Record<keyof EventFormValue, unknown>>;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id,
    lastResult,
    // Arrays (themes, organisers) are valid default values; conform's inferred type only knows strings here.
    defaultValue: defaultValue as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EventFormSchema }),
    shouldRevalidate: "onBlur",
  });
  const checked = (field: { initialValue?: unknown }, value: string) => asArray(field.initialValue).includes(value);
  return (
    <Form method="post" className="stack card event-form" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="event-form-row">
        <Field id={fields.type.id} label={t("events.fields.type")} errors={fields.type.errors}>
          <ChoiceSelect {...getSelectProps(fields.type)} choices={enumChoices(EVENT_TYPES, t, "events.types")} />
        </Field>
        <Field id={fields.municipalityId.id} label={t("events.fields.municipality")} errors={fields.municipalityId.errors}>
          <MunicipalitySelect {...getSelectProps(fields.municipalityId)} empty="—" clusters={options.clusters} />
        </Field>
      </div>
      <div className="event-form-row">
        <Field id={fields.venueName.id} label={t("events.fields.venueName")} errors={fields.venueName.errors}>
          <input {...getInputProps(fields.venueName, { type: "text" })} />
        </Field>
        <Field id={fields.venueAddress.id} label={t("events.fields.venueAddress")} errors={fields.venueAddress.errors}>
          <input {...getInputProps(fields.venueAddress, { type: "text" })} />
        </Field>
      </div>
      <fieldset className="event-form-times">
        <legend>{t("events.fields.when")}</legend>
        <p className="hint">{t("events.fields.timeZoneHint")}</p>
        <div className="event-form-row">
          <Field id={fields.startDate.id} label={t("events.fields.startDate")} errors={fields.startDate.errors}>
            <input {...getInputProps(fields.startDate, { type: "date" })} />
          </Field>
          <Field id={fields.startTime.id} label={t("events.fields.startTime")} errors={fields.startTime.errors}>
            <input {...getInputProps(fields.startTime, { type: "time" })} />
          </Field>
          <Field id={fields.endDate.id} label={t("events.fields.endDate")} errors={fields.endDate.errors}>
            <input {...getInputProps(fields.endDate, { type: "date" })} />
          </Field>
          <Field id={fields.endTime.id} label={t("events.fields.endTime")} errors={fields.endTime.errors}>
            <input {...getInputProps(fields.endTime, { type: "time" })} />
          </Field>
        </div>
      </fieldset>
      <div className="event-form-row">
        <Field id={fields.capacity.id} label={t("events.fields.capacity")} errors={fields.capacity.errors}>
          <input {...getInputProps(fields.capacity, { type: "number" })} min={1} inputMode="numeric" />
        </Field>
        <div className="field checkbox-field">
          <label>
            <input {...getInputProps(fields.isPublic, { type: "checkbox" })} /> {t("events.fields.isPublic")}
          </label>
          {fields.isPublic.errors ? (
            <p className="field-error" id={`${fields.isPublic.id}-error`} role="alert">
              {t(fields.isPublic.errors[0])}
            </p>
          ) : null}
        </div>
      </div>
      {EVENT_LANGUAGES.map((language) => {
        const [titleName, descriptionName] = LANGUAGE_FIELDS[language];
        const title = fields[titleName];
        const description = fields[descriptionName];
        const name = t(`events.languages.${language}`);
        return (
          <fieldset key={language} lang={language === "sr" ? "sr-Latn" : language}>
            <legend>{name}</legend>
            <Field id={title.id} label={t("events.fields.titleIn", { language: name })} errors={title.errors}>
              <input {...getInputProps(title, { type: "text" })} />
            </Field>
            <Field id={description.id} label={t("events.fields.descriptionIn", { language: name })} errors={description.errors}>
              <textarea {...getTextareaProps(description)} rows={3} />
            </Field>
          </fieldset>
        );
      })}
      <fieldset aria-describedby={fields.themeIds.errors ? `${fields.themeIds.id}-error` : undefined}>
        <legend>{t("events.fields.themes")}</legend>
        <div className="checkbox-list">
          {options.themes.map((theme) => (
            <label key={theme.id}>
              <input type="checkbox" name={fields.themeIds.name} value={theme.id} defaultChecked={checked(fields.themeIds, theme.id)} /> {theme.name}
            </label>
          ))}
        </div>
        {fields.themeIds.errors ? (
          <p className="field-error" id={`${fields.themeIds.id}-error`} role="alert">
            {t(fields.themeIds.errors[0])}
          </p>
        ) : null}
      </fieldset>
      <fieldset aria-describedby={fields.organiserIds.errors ? `${fields.organiserIds.id}-error` : undefined}>
        <legend>{t("events.fields.organisers")}</legend>
        <div className="checkbox-list">
          {options.organisers.map((user) => (
            <label key={user.id}>
              <input type="checkbox" name={fields.organiserIds.name} value={user.id} defaultChecked={checked(fields.organiserIds, user.id)} />{" "}
              {user.name}
            </label>
          ))}
        </div>
        {fields.organiserIds.errors ? (
          <p className="field-error" id={`${fields.organiserIds.id}-error`} role="alert">
            {t(fields.organiserIds.errors[0])}
          </p>
        ) : null}
      </fieldset>
      <Field id={fields.facilitatorIds.id} label={t("events.fields.facilitators")} errors={fields.facilitatorIds.errors}>
        <ChoiceSelect
          id={fields.facilitatorIds.id}
          name={fields.facilitatorIds.name}
          multiple
          size={Math.min(8, Math.max(3, options.people.length))}
          defaultValue={asArray(fields.facilitatorIds.initialValue)}
          choices={options.people}
        />
      </Field>
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}

/** The form's value as the domain's input (the domain converts the local times and checks the rules again). */
export function eventInputFromForm(value: EventFormValue): EventInput {
  return {
    type: value.type,
    municipalityId: value.municipalityId,
    venueName: value.venueName,
    venueAddress: value.venueAddress,
    start: { date: value.startDate, time: value.startTime },
    end: { date: value.endDate, time: value.endTime },
    capacity: value.capacity,
    isPublic: value.isPublic,
    translations: {
      en: { title: value.titleEn, description: value.descriptionEn },
      sq: { title: value.titleSq, description: value.descriptionSq },
      sr: { title: value.titleSr, description: value.descriptionSr },
    },
    themeIds: value.themeIds,
    organiserIds: value.organiserIds,
    facilitatorIds: value.facilitatorIds,
  };
}
