import { Text } from "@react-email/components";
import type { Locale } from "../app/utils/i18n";
import { translator } from "../app/utils/i18n.server";
import { ActionButton, EmailLayout, paragraph } from "./_components/email-layout";

export type CommissionJoinDecisionProps = {
  locale: Locale;
  name: string;
  commission: string;
  approved: boolean;
  reason?: string | null;
  dashboardUrl: string;
};

export function subject({ locale, approved, commission }: CommissionJoinDecisionProps) {
  const t = translator(locale);
  return t(approved ? "directory.emails.joinDecision.approvedSubject" : "directory.emails.joinDecision.declinedSubject", { commission });
}

export default function CommissionJoinDecision({ locale, name, commission, approved, reason, dashboardUrl }: CommissionJoinDecisionProps) {
  const t = translator(locale);
  return (
    <EmailLayout locale={locale} preview={subject({ locale, name, commission, approved, reason, dashboardUrl })}>
      <Text style={paragraph}>{t("emails.greeting", { name })}</Text>
      <Text style={paragraph}>
        {t(approved ? "directory.emails.joinDecision.approvedBody" : "directory.emails.joinDecision.declinedBody", { commission })}
      </Text>
      {reason ? <Text style={paragraph}>{t("directory.emails.joinDecision.reason", { reason })}</Text> : null}
      <ActionButton locale={locale} href={dashboardUrl} label={t("directory.emails.joinDecision.button")} />
    </EmailLayout>
  );
}

CommissionJoinDecision.PreviewProps = {
  locale: "sr",
  name: "Milan Članović",
  commission: "Opštinska komisija za zajednice i povratak",
  approved: true,
  reason: null,
  dashboardUrl: "http://localhost:3000/dashboard",
} satisfies CommissionJoinDecisionProps;
