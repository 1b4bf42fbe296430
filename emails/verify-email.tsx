import { Text } from "@react-email/components";
import type { Locale } from "../app/utils/i18n";
import { translator } from "../app/utils/i18n.server";
import { ActionButton, EmailLayout, paragraph } from "./_components/email-layout";

export type VerifyEmailProps = { locale: Locale; name: string; verifyUrl: string };

export function subject({ locale }: VerifyEmailProps) {
  return translator(locale)("emails.verify.subject");
}

export default function VerifyEmail({ locale, name, verifyUrl }: VerifyEmailProps) {
  const t = translator(locale);
  return (
    <EmailLayout locale={locale} preview={t("emails.verify.preview")}>
      <Text style={paragraph}>{t("emails.greeting", { name })}</Text>
      <Text style={paragraph}>{t("emails.verify.body")}</Text>
      <ActionButton locale={locale} href={verifyUrl} label={t("emails.verify.button")} />
      <Text style={paragraph}>{t("emails.verify.expiry")}</Text>
    </EmailLayout>
  );
}

VerifyEmail.PreviewProps = {
  locale: "sq",
  name: "Arta Krasniqi",
  verifyUrl: "http://localhost:3000/verify-email?token=preview-token",
} satisfies VerifyEmailProps;
