import { Text } from "@react-email/components";
import type { Locale } from "../app/utils/i18n";
import { translator } from "../app/utils/i18n.server";
import { ActionButton, EmailLayout, paragraph } from "./_components/email-layout";

/** What changed in the way into an account. */
export type SecurityChange =
  | "passwordChanged"
  | "passwordReset"
  | "secondFactorEnabled"
  | "secondFactorDisabled"
  | "recoveryCodesRenewed"
  | "recoveryCodeUsed"
  | "codeReused";

export type SecurityNoticeProps = { locale: Locale; name: string; change: SecurityChange; settingsUrl: string };

export function subject({ locale, change }: SecurityNoticeProps) {
  return translator(locale)(`account.notice.${change}.subject`);
}

/** Sent after every change of a password or second factor, so that an owner who did not make it hears of it at once. */
export default function SecurityNotice({ locale, name, change, settingsUrl }: SecurityNoticeProps) {
  const t = translator(locale);
  return (
    <EmailLayout locale={locale} preview={t(`account.notice.${change}.subject`)}>
      <Text style={paragraph}>{t("emails.greeting", { name })}</Text>
      <Text style={paragraph}>{t(`account.notice.${change}.body`)}</Text>
      <Text style={paragraph}>{t("account.notice.notYou")}</Text>
      <ActionButton locale={locale} href={settingsUrl} label={t("account.notice.button")} />
    </EmailLayout>
  );
}

SecurityNotice.PreviewProps = {
  locale: "sq",
  name: "Arta Krasniqi",
  change: "passwordChanged",
  settingsUrl: "http://localhost:3000/settings",
} satisfies SecurityNoticeProps;
