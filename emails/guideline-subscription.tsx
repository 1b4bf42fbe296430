import { Text } from "@react-email/components";
import type { Locale } from "../app/utils/i18n";
import { translator } from "../app/utils/i18n.server";
import { ActionButton, EmailLayout, paragraph } from "./_components/email-layout";

export type GuidelineSubscriptionProps = { locale: Locale; title: string; confirmUrl: string };

export function subject({ locale, title }: GuidelineSubscriptionProps) {
  return translator(locale)("guidelines.emails.subscription.subject", { title });
}

export default function GuidelineSubscription(props: GuidelineSubscriptionProps) {
  const { locale, title, confirmUrl } = props;
  const t = translator(locale);
  return (
    <EmailLayout locale={locale} preview={subject(props)}>
      <Text style={paragraph}>{t("guidelines.emails.subscription.body", { title })}</Text>
      <ActionButton locale={locale} href={confirmUrl} label={t("guidelines.emails.subscription.button")} />
      <Text style={paragraph}>{t("guidelines.emails.subscription.ignore")}</Text>
    </EmailLayout>
  );
}

GuidelineSubscription.PreviewProps = {
  locale: "en",
  title: "Guidelines for successful integration of returnees",
  confirmUrl: "http://localhost:3000/guidelines/subscription?token=preview-token",
} satisfies GuidelineSubscriptionProps;
