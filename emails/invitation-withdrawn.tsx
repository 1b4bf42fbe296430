import { Text } from "@react-email/components";
import type { Locale } from "../app/utils/i18n";
import { translator } from "../app/utils/i18n.server";
import { EmailLayout, paragraph } from "./_components/email-layout";

/** Sent when a trainer withdraws an invitation that was sent; a CANCEL calendar file goes with it. */
export type InvitationWithdrawnProps = { locale: Locale; name: string; title: string; when: string; where: string };

export function subject({ locale, title }: InvitationWithdrawnProps) {
  return translator(locale)("invitations.email.withdrawnSubject", { title });
}

export default function InvitationWithdrawn({ locale, name, title, when, where }: InvitationWithdrawnProps) {
  const t = translator(locale);
  return (
    <EmailLayout locale={locale} preview={t("invitations.email.withdrawnPreview", { title })}>
      <Text style={paragraph}>{t("emails.greeting", { name })}</Text>
      <Text style={paragraph}>{t("invitations.email.withdrawnBody", { title })}</Text>
      <Text style={{ ...paragraph, fontWeight: 600 }}>
        {t("invitations.email.when", { when })}
        <br />
        {t("invitations.email.where", { where })}
      </Text>
      <Text style={paragraph}>{t("invitations.email.withdrawnCalendar")}</Text>
    </EmailLayout>
  );
}

InvitationWithdrawn.PreviewProps = {
  locale: "sr",
  name: "Milica Petrović",
  title: "Radionica o stanovanju, Gnjilane",
  when: "četvrtak, 16. april 2026. 10:00 – 15:00",
  where: "Sala Skupštine opštine, Gnjilane",
} satisfies InvitationWithdrawnProps;
