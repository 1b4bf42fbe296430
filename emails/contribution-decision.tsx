import { Text } from "@react-email/components";
import type { Locale } from "../app/utils/i18n";
import { translator } from "../app/utils/i18n.server";
import { ActionButton, EmailLayout, paragraph } from "./_components/email-layout";

export type ContributionDecisionProps = {
  locale: Locale;
  name: string;
  title: string;
  decision: "CHANGES_REQUESTED" | "ACCEPTED" | "REJECTED";
  reason: string;
  url: string;
};

export function subject({ locale, decision, title }: ContributionDecisionProps) {
  return translator(locale)(`guidelines.emails.decision.subject.${decision}`, { title });
}

export default function ContributionDecision(props: ContributionDecisionProps) {
  const { locale, name, title, decision, reason, url } = props;
  const t = translator(locale);
  return (
    <EmailLayout locale={locale} preview={subject(props)}>
      <Text style={paragraph}>{t("emails.greeting", { name })}</Text>
      <Text style={paragraph}>{t(`guidelines.emails.decision.body.${decision}`, { title })}</Text>
      {reason ? (
        <Text style={{ ...paragraph, whiteSpace: "pre-wrap", borderLeft: "3px solid #d9dee4", paddingLeft: "12px" }}>{reason}</Text>
      ) : null}
      <ActionButton locale={locale} href={url} label={t("guidelines.emails.open")} />
    </EmailLayout>
  );
}

ContributionDecision.PreviewProps = {
  locale: "sr",
  name: "Milan Članović",
  title: "Jednošalterski punkt za povratnike u opštini",
  decision: "CHANGES_REQUESTED",
  reason: "Molimo dodajte koliko je porodica dobilo pomoć i koliko je trajao postupak.",
  url: "http://localhost:3000/contributions/preview",
} satisfies ContributionDecisionProps;
