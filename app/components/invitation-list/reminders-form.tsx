import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/forms";

/** When reminders (to those who accepted) and nudges (to those who have not answered) go out, in days before the event. */
export function RemindersForm({ reminderDays, nudgeDays }: { reminderDays: string; nudgeDays: string }) {
  const { t } = useTranslation();
  return (
    <details className="card">
      <summary>{t("invitations.reminders.title")}</summary>
      <p className="hint">{t("invitations.reminders.hint")}</p>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="reminders" />
        <Field id="reminderDays" label={t("invitations.reminders.reminderDays")}>
          <input id="reminderDays" name="reminderDays" type="text" inputMode="numeric" defaultValue={reminderDays} />
        </Field>
        <Field id="nudgeDays" label={t("invitations.reminders.nudgeDays")}>
          <input id="nudgeDays" name="nudgeDays" type="text" inputMode="numeric" defaultValue={nudgeDays} />
        </Field>
        <button type="submit" className="secondary">
          {t("invitations.reminders.save")}
        </button>
      </Form>
    </details>
  );
}
