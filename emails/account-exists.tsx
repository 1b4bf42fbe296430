import { Text } from "@react-email/components";
import type { Locale } from "../app/utils/i18n";
import { translator } from "../app/utils/i18n.server";
import { ActionButton, EmailLayout, paragraph } from "./_components/email-layout";

/** To the owner of an address someone tried to register again: the form answers as for a new address, so only the owner learns it has an account. */
export type AccountExistsProps = { locale: Locale; name: string; loginUrl: string; forgotUrl: string };

export function subject({ locale }: AccountExistsProps) {
  return translator(locale)("emails.accountExists.subject");
}

export default function AccountExists({ locale, name, loginUrl, forgotUrl }: AccountExistsProps) {
  const t = translator(locale);
  return (
    <EmailLayout locale={locale} preview={t("emails.accountExists.preview")}>
      <Text style={paragraph}>{t("emails.greeting", { name })}</Text>
      <Text style={paragraph}>{t("emails.accountExists.body")}</Text>
      <ActionButton locale={locale} href={loginUrl} label={t("emails.accountExists.login")} />
      <Text style={paragraph}>{t("emails.accountExists.forgot", { url: forgotUrl })}</Text>
      <Text style={paragraph}>{t("emails.accountExists.notYou")}</Text>
    </EmailLayout>
  );
}

AccountExists.PreviewProps = {
  locale: "sq",
  name: "Arben Krasniqi",
  loginUrl: "http://localhost:3000/login",
  forgotUrl: "http://localhost:3000/forgot-password",
} satisfies AccountExistsProps;
