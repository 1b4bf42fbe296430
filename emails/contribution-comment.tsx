import { Text } from "@react-email/components";
import type { Locale } from "../app/utils/i18n";
import { translator } from "../app/utils/i18n.server";
import { ActionButton, EmailLayout, paragraph } from "./_components/email-layout";

export type ContributionCommentProps = { locale: Locale; name: string; title: string; commenter: string; comment: string; url: string };

export function subject({ locale, title }: ContributionCommentProps) {
  return translator(locale)("guidelines.emails.comment.subject", { title });
}

export default function ContributionComment(props: ContributionCommentProps) {
  const { locale, name, title, commenter, comment, url } = props;
  const t = translator(locale);
  return (
    <EmailLayout locale={locale} preview={subject(props)}>
      <Text style={paragraph}>{t("emails.greeting", { name })}</Text>
      <Text style={paragraph}>{t("guidelines.emails.comment.body", { title, commenter })}</Text>
      <Text style={{ ...paragraph, whiteSpace: "pre-wrap", borderLeft: "3px solid #d9dee4", paddingLeft: "12px" }}>{comment}</Text>
      <ActionButton locale={locale} href={url} label={t("guidelines.emails.open")} />
    </EmailLayout>
  );
}

ContributionComment.PreviewProps = {
  locale: "sq",
  name: "Arta Krasniqi",
  title: "Zyra një-ndalesë për të kthyerit",
  commenter: "Edona Editor",
  comment: "A mund të shtoni sa familje kanë përfituar?",
  url: "http://localhost:3000/contributions/preview",
} satisfies ContributionCommentProps;
