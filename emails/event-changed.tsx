import { Text } from "@react-email/components";
import type { Locale } from "../app/utils/i18n";
import { translator } from "../app/utils/i18n.server";
import { EmailLayout, paragraph } from "./_components/email-layout";

/** Sent to every invitee still coming when a published event's time, place or status changes. */
export type EventChangedProps = {
  locale: Locale;
  name: string;
  title: string;
  change: "updated" | "cancelled";
  when: string;
  where: string;
  reason: string | null;
};

export function subject({ locale, title, change }: EventChangedProps) {
  return translator(locale)(change === "cancelled" ? "events.email.cancelledSubject" : "events.email.updatedSubject", { title });
}

export default function EventChanged({ locale, name, title, change, when, where, reason }: EventChangedProps) {
  const t = translator(locale);
  const cancelled = change === "cancelled";
  return (
    <EmailLayout locale={locale} preview={t(cancelled ? "events.email.cancelledPreview" : "events.email.updatedPreview", { title })}>
      <Text style={paragraph}>{t("emails.greeting", { name })}</Text>
      <Text style={paragraph}>{t(cancelled ? "events.email.cancelledBody" : "events.email.updatedBody", { title })}</Text>
      <Text style={{ ...paragraph, fontWeight: 600 }}>
        {t("events.email.when", { when })}
        <br />
        {t("events.email.where", { where })}
      </Text>
      {reason ? <Text style={paragraph}>{t("events.email.reason", { reason })}</Text> : null}
      <Text style={paragraph}>{t("events.email.attachmentHint")}</Text>
    </EmailLayout>
  );
}

EventChanged.PreviewProps = {
  locale: "sr",
  name: "Milica Petrović",
  title: "Radionica o povratku u Gnjilanu",
  change: "updated",
  when: "utorak, 31. mart 2026. 10:00 – 14:00",
  where: "Sala opštine, Gnjilane",
  reason: "Sala je zauzeta tog dana.",
} satisfies EventChangedProps;
