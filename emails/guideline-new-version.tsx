import { Link, Text } from "@react-email/components";
import type { Locale } from "../app/utils/i18n";
import { translator } from "../app/utils/i18n.server";
import { ActionButton, EmailLayout, paragraph } from "./_components/email-layout";

export type GuidelineNewVersionProps = {
  locale: Locale;
  title: string;
  number: number;
  changelog: string;
  url: string;
  diffUrl: string | null;
  unsubscribeUrl: string;
};

export function subject({ locale, title, number }: GuidelineNewVersionProps) {
  return translator(locale)("guidelines.emails.newVersion.subject", { title, number });
}

export default function GuidelineNewVersion(props: GuidelineNewVersionProps) {
  const { locale, title, number, changelog, url, diffUrl, unsubscribeUrl } = props;
  const t = translator(locale);
  return (
    <EmailLayout locale={locale} preview={subject(props)}>
      <Text style={paragraph}>{t("guidelines.emails.newVersion.body", { title, number })}</Text>
      <Text style={{ ...paragraph, fontWeight: 600 }}>{t("guidelines.versions.changelog")}</Text>
      <Text style={{ ...paragraph, whiteSpace: "pre-wrap", borderLeft: "3px solid #d9dee4", paddingLeft: "12px" }}>{changelog}</Text>
      <ActionButton locale={locale} href={url} label={t("guidelines.emails.newVersion.button")} />
      {diffUrl ? (
        <Text style={paragraph}>
          <Link href={diffUrl}>{t("guidelines.emails.newVersion.diff")}</Link>
        </Text>
      ) : null}
      <Text style={{ fontSize: "12px", color: "#5b6470" }}>
        {t("guidelines.emails.newVersion.unsubscribe")} <Link href={unsubscribeUrl}>{unsubscribeUrl}</Link>
      </Text>
    </EmailLayout>
  );
}

GuidelineNewVersion.PreviewProps = {
  locale: "sq",
  title: "Udhëzimet për integrimin e suksesshëm të të kthyerve",
  number: 2,
  changelog: "U shtua seksioni për strehimin, me dy praktika nga Gjilani dhe Kamenica.",
  url: "http://localhost:3000/guidelines/returnee-integration/v/2",
  diffUrl: "http://localhost:3000/guidelines/returnee-integration/diff?from=1&to=2",
  unsubscribeUrl: "http://localhost:3000/guidelines/subscription?token=preview-token",
} satisfies GuidelineNewVersionProps;
