import { Text } from "@react-email/components";
import type { Locale } from "../app/utils/i18n";
import { translator } from "../app/utils/i18n.server";
import { ActionButton, EmailLayout, paragraph } from "./_components/email-layout";

/** After an event, to each person who attended: a short, anonymous questionnaire behind a personal link. */
export type FeedbackRequestProps = {
  locale: Locale;
  name: string;
  title: string;
  url: string;
};

export function subject({ locale, title }: FeedbackRequestProps) {
  return translator(locale)("invitations.feedback.email.subject", { title });
}

export default function FeedbackRequest({ locale, name, title, url }: FeedbackRequestProps) {
  const t = translator(locale);
  return (
    <EmailLayout locale={locale} preview={t("invitations.feedback.email.preview", { title })}>
      <Text style={paragraph}>{t("emails.greeting", { name })}</Text>
      <Text style={paragraph}>{t("invitations.feedback.email.body", { title })}</Text>
      <ActionButton locale={locale} href={url} label={t("invitations.feedback.email.button")} />
      <Text style={paragraph}>{t("invitations.feedback.email.personal")}</Text>
    </EmailLayout>
  );
}

FeedbackRequest.PreviewProps = {
  locale: "sq",
  name: "Arta Krasniqi",
  title: "Punëtori rajonale për strehimin, Gjilan",
  url: "http://localhost:3000/feedback/preview-token",
} satisfies FeedbackRequestProps;
