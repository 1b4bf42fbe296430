import { Img, Text } from "@react-email/components";
import type { Locale } from "../app/utils/i18n";
import { translator } from "../app/utils/i18n.server";
import { ActionButton, EmailLayout, paragraph } from "./_components/email-layout";

/** The invitation to an event, with the personal link to answer (a calendar entry is attached). */
export type InvitationProps = {
  locale: Locale;
  name: string;
  title: string;
  description: string;
  when: string;
  where: string;
  agenda: string[];
  answerUrl: string;
  /** The check-in QR code (an inline image's "cid:" address), for those expected at the door. */
  checkInQrSrc?: string | null;
};

export function subject({ locale, title }: InvitationProps) {
  return translator(locale)("invitations.email.inviteSubject", { title });
}

export default function Invitation({ locale, name, title, description, when, where, agenda, answerUrl, checkInQrSrc }: InvitationProps) {
  const t = translator(locale);
  return (
    <EmailLayout locale={locale} preview={t("invitations.email.invitePreview", { title, when })}>
      <Text style={paragraph}>{t("emails.greeting", { name })}</Text>
      <Text style={paragraph}>{t("invitations.email.inviteBody", { title })}</Text>
      <Text style={{ ...paragraph, fontWeight: 600 }}>
        {t("invitations.email.when", { when })}
        <br />
        {t("invitations.email.where", { where })}
      </Text>
      {description ? <Text style={paragraph}>{description}</Text> : null}
      {agenda.length ? (
        <>
          <Text style={{ ...paragraph, fontWeight: 600, marginBottom: 0 }}>{t("invitations.email.agenda")}</Text>
          <Text style={{ ...paragraph, marginTop: 4 }}>
            {agenda.map((line, index) => (
              <span key={index}>
                {line}
                <br />
              </span>
            ))}
          </Text>
        </>
      ) : null}
      <ActionButton locale={locale} href={answerUrl} label={t("invitations.email.answerButton")} />
      <Text style={paragraph}>{t("invitations.email.linkIsPersonal")}</Text>
      {checkInQrSrc ? (
        <>
          <Text style={paragraph}>{t("invitations.checkin.qr.emailNote")}</Text>
          <Img src={checkInQrSrc} width="200" height="200" alt={t("invitations.checkin.qr.alt")} style={{ margin: "0 auto" }} />
        </>
      ) : null}
    </EmailLayout>
  );
}

Invitation.PreviewProps = {
  locale: "sr",
  name: "Dragan Stojanović",
  title: "Okrugli sto o povratku, Štrpce",
  description: "Razgovor opštinskih komisija i organizacija civilnog društva o stanovanju povratnika.",
  when: "četvrtak, 16. april 2026. 10:00 – 14:00",
  where: "Dom kulture, Štrpce",
  agenda: ["10:00–10:30 Otvaranje", "10:30–12:00 Iskustva opština", "12:30–14:00 Preporuke"],
  answerUrl: "http://localhost:3000/invitation/preview-token",
} satisfies InvitationProps;
