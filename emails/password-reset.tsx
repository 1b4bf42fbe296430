import { Text } from "@react-email/components";
import type { Locale } from "../app/utils/i18n";
import { translator } from "../app/utils/i18n.server";
import { ActionButton, EmailLayout, paragraph } from "./_components/email-layout";

export type PasswordResetProps = { locale: Locale; name: string; resetUrl: string };

export function subject({ locale }: PasswordResetProps) {
  return translator(locale)("emails.reset.subject");
}

export default function PasswordReset({ locale, name, resetUrl }: PasswordResetProps) {
  const t = translator(locale);
  return (
    <EmailLayout locale={locale} preview={t("emails.reset.preview")}>
      <Text style={paragraph}>{t("emails.greeting", { name })}</Text>
      <Text style={paragraph}>{t("emails.reset.body")}</Text>
      <ActionButton locale={locale} href={resetUrl} label={t("emails.reset.button")} />
      <Text style={paragraph}>{t("emails.reset.expiry")}</Text>
    </EmailLayout>
  );
}

PasswordReset.PreviewProps = {
  locale: "sr-Cyrl",
  name: "Milica Petrović",
  resetUrl: "http://localhost:3000/reset-password?token=preview-token",
} satisfies PasswordResetProps;
