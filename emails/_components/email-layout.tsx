import { Body, Button, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { LOCALE_TAGS, type Locale } from "../../app/utils/i18n";
import { translator } from "../../app/utils/i18n.server";

export function EmailLayout({ locale, preview, children }: { locale: Locale; preview: string; children: ReactNode }) {
  const t = translator(locale);
  return (
    <Html lang={LOCALE_TAGS[locale]}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f4f5f7", fontFamily: "Helvetica, Arial, sans-serif", margin: 0 }}>
        <Container style={{ backgroundColor: "#ffffff", maxWidth: "560px", margin: "0 auto", padding: "24px" }}>
          <Text style={{ fontSize: "20px", fontWeight: 700, color: "#0b4f6c", margin: "0 0 16px" }}>{t("app.name")}</Text>
          {children}
          <Hr style={{ borderColor: "#e3e6ea", margin: "24px 0 12px" }} />
          <Text style={{ fontSize: "12px", color: "#5b6470" }}>{t("emails.footer")}</Text>
        </Container>
      </Body>
    </Html>
  );
}

/** A button with the plain address under it, for mail apps that hide buttons. */
export function ActionButton({ locale, href, label }: { locale: Locale; href: string; label: string }) {
  const t = translator(locale);
  return (
    <Section style={{ margin: "24px 0" }}>
      <Button
        href={href}
        style={{ backgroundColor: "#0b4f6c", color: "#ffffff", padding: "12px 20px", borderRadius: "6px", fontWeight: 600 }}
      >
        {label}
      </Button>
      <Text style={{ fontSize: "12px", color: "#5b6470", marginTop: "16px" }}>
        {t("emails.linkFallback")}
        <br />
        {href}
      </Text>
    </Section>
  );
}

export const paragraph = { fontSize: "15px", lineHeight: "22px", color: "#1f2933" };
