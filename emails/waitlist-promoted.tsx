import { Text } from "@react-email/components";
import type { Locale } from "../app/utils/i18n";
import { translator } from "../app/utils/i18n.server";
import { EmailLayout, paragraph } from "./_components/email-layout";

/** Sent when someone declines and the first person on the waitlist gets the seat. */
export type WaitlistPromotedProps = { locale: Locale; name: string; title: string; when: string; where: string };

export function subject({ locale, title }: WaitlistPromotedProps) {
  return translator(locale)("invitations.email.promotedSubject", { title });
}

export default function WaitlistPromoted({ locale, name, title, when, where }: WaitlistPromotedProps) {
  const t = translator(locale);
  return (
    <EmailLayout locale={locale} preview={t("invitations.email.promotedPreview", { title })}>
      <Text style={paragraph}>{t("emails.greeting", { name })}</Text>
      <Text style={paragraph}>{t("invitations.email.promotedBody", { title })}</Text>
      <Text style={{ ...paragraph, fontWeight: 600 }}>
        {t("invitations.email.when", { when })}
        <br />
        {t("invitations.email.where", { where })}
      </Text>
      <Text style={paragraph}>{t("invitations.email.cantCome")}</Text>
    </EmailLayout>
  );
}

WaitlistPromoted.PreviewProps = {
  locale: "sq",
  name: "Besnik Gashi",
  title: "Punëtori rajonale për strehimin, Gjilan",
  when: "e enjte, 16 prill 2026, 10:00–15:00",
  where: "Salla e Kuvendit Komunal, Gjilan",
} satisfies WaitlistPromotedProps;
