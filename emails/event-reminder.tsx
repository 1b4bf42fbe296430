import { Img, Text } from "@react-email/components";
import type { Locale } from "../app/utils/i18n";
import { translator } from "../app/utils/i18n.server";
import { ActionButton, EmailLayout, paragraph } from "./_components/email-layout";

/** A reminder to those who accepted, or a nudge to those who have not answered. */
export type EventReminderProps = {
  locale: Locale;
  kind: "REMINDER" | "NUDGE";
  name: string;
  title: string;
  when: string;
  where: string;
  answerUrl: string;
  /** The check-in QR code (an inline image's "cid:" address), for those expected at the door. */
  checkInQrSrc?: string | null;
};

export function subject({ locale, kind, title }: EventReminderProps) {
  return translator(locale)(kind === "NUDGE" ? "invitations.email.nudgeSubject" : "invitations.email.reminderSubject", { title });
}

export default function EventReminder({ locale, kind, name, title, when, where, answerUrl, checkInQrSrc }: EventReminderProps) {
  const t = translator(locale);
  const nudge = kind === "NUDGE";
  return (
    <EmailLayout locale={locale} preview={t(nudge ? "invitations.email.nudgePreview" : "invitations.email.reminderPreview", { title, when })}>
      <Text style={paragraph}>{t("emails.greeting", { name })}</Text>
      <Text style={paragraph}>{t(nudge ? "invitations.email.nudgeBody" : "invitations.email.reminderBody", { title })}</Text>
      <Text style={{ ...paragraph, fontWeight: 600 }}>
        {t("invitations.email.when", { when })}
        <br />
        {t("invitations.email.where", { where })}
      </Text>
      <ActionButton locale={locale} href={answerUrl} label={t("invitations.email.answerButton")} />
      <Text style={paragraph}>{t("invitations.email.newLinkNote")}</Text>
      {nudge ? null : <Text style={paragraph}>{t("invitations.email.cantCome")}</Text>}
      {checkInQrSrc ? (
        <>
          <Text style={paragraph}>{t("invitations.checkin.qr.emailNote")}</Text>
          <Img src={checkInQrSrc} width="200" height="200" alt={t("invitations.checkin.qr.alt")} style={{ margin: "0 auto" }} />
        </>
      ) : null}
    </EmailLayout>
  );
}

EventReminder.PreviewProps = {
  locale: "sq",
  kind: "REMINDER",
  name: "Arta Krasniqi",
  title: "Punëtori rajonale për strehimin, Gjilan",
  when: "e enjte, 16 prill 2026, 10:00–15:00",
  where: "Salla e Kuvendit Komunal, Gjilan",
  answerUrl: "http://localhost:3000/invitation/preview-token",
} satisfies EventReminderProps;
