// Emails: rendered in the reader's language, with the link in both the HTML
// and the plain-text part; every template previews in react-email.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { render } from "@react-email/render";
import { createElement, type ComponentType } from "react";
import { composeEmail, emailRenderer, type EmailTemplate } from "~/models/email.server";
import { LOCALE_TAGS, LOCALES, type MessageTree } from "~/utils/i18n";
import { messages } from "~/utils/i18n.server";

const emailsDir = fileURLToPath(new URL("../emails/", import.meta.url));

function message(locale: (typeof LOCALES)[number], path: string): string {
  const value = path.split(".").reduce<MessageTree | string>((tree, key) => (tree as MessageTree)[key], messages[locale]);
  if (typeof value !== "string") throw new Error(`${path} is not a message`);
  return value;
}

const CASES = [
  { template: "verify-email", keys: "emails.verify", url: "https://durable.test/verify-email?token=Zm9vYmFy-_0123" },
  { template: "password-reset", keys: "emails.reset", url: "https://durable.test/reset-password?token=YmFyYmF6-_4567" },
] as const;

describe.each(CASES)("the $template email", ({ template, keys, url }) => {
  it.each(LOCALES)("in %s: subject and text in that language, the link in HTML and text, html lang set", async (locale) => {
    const props = { locale, name: "Milica Petrović", verifyUrl: url, resetUrl: url };
    const email = await composeEmail(template, "reader@example.org", props);

    expect(email).toMatchObject({ template, to: "reader@example.org", subject: message(locale, `${keys}.subject`) });
    expect(email.html).toContain(`lang="${LOCALE_TAGS[locale]}"`);
    expect(email.html).toContain(`href="${url}"`);
    expect(email.text).toContain(url);
    expect(email.text).toContain(message(locale, `${keys}.body`));
    expect(email.text).toContain("Milica Petrović");
    expect(email.html).toContain(message(locale, `${keys}.button`));
  });
});

describe("the security-notice email", () => {
  const CHANGES = ["passwordChanged", "passwordReset", "secondFactorEnabled", "secondFactorDisabled", "recoveryCodesRenewed", "recoveryCodeUsed", "codeReused"] as const;
  it.each(LOCALES)("in %s: says what changed, what to do if it was not the reader, and links the account page", async (locale) => {
    for (const change of CHANGES) {
      const email = await composeEmail("security-notice", "reader@example.org", { locale, name: "Milica Petrović", change, settingsUrl: "https://durable.test/settings" });
      expect(email.subject).toBe(message(locale, `account.notice.${change}.subject`));
      expect(email.html).toContain(`lang="${LOCALE_TAGS[locale]}"`);
      expect(email.text).toContain(message(locale, `account.notice.${change}.body`));
      expect(email.text).toContain("https://durable.test/settings");
    }
  });
});

describe("the invitation-withdrawn email", () => {
  it.each(LOCALES)("in %s: subject and text in that language, and the calendar note", async (locale) => {
    const props = { locale, name: "Milica Petrović", title: "Radionica", when: "10:00", where: "Gnjilane" };
    const email = await composeEmail("invitation-withdrawn", "reader@example.org", props);
    expect(email.subject).toBe(message(locale, "invitations.email.withdrawnSubject").replace("{{title}}", "Radionica"));
    expect(email.html).toContain(`lang="${LOCALE_TAGS[locale]}"`);
    expect(email.text).toContain(message(locale, "invitations.email.withdrawnBody").replace("{{title}}", "Radionica"));
    expect(email.text).toContain(message(locale, "invitations.email.withdrawnCalendar"));
    expect(email.text).toContain("Milica Petrović");
  });
});

describe("email templates", () => {
  const files = readdirSync(emailsDir).filter((f) => f.endsWith(".tsx"));

  it.each(files)("%s has PreviewProps, renders them, and is one composeEmail can send", async (file) => {
    const mod = (await import(`${emailsDir}${file}`)) as {
      default: ComponentType<Record<string, unknown>> & { PreviewProps?: Record<string, unknown> };
    };
    const Template = mod.default;
    expect(typeof Template).toBe("function");
    expect(Template.PreviewProps).toBeTypeOf("object");
    const html = await render(createElement(Template, Template.PreviewProps));
    expect(html).toContain("<html");
    expect(html).toContain(`lang="${LOCALE_TAGS[Template.PreviewProps!.locale as (typeof LOCALES)[number]]}"`);

    const name = file.replace(/\.tsx$/, "") as EmailTemplate;
    const composed = await composeEmail(name, "preview@example.org", Template.PreviewProps as never);
    expect(composed.subject).not.toBe("");
    expect(composed.html).toBe(html);
  });
});

describe("an email prerendered for many recipients", () => {
  const shared = {
    title: "Round table: housing in Gjilan & Štrpce",
    description: "Municipal commissions <and> civil society",
    when: "Thursday, 16 April 2026 10:00 – 14:00",
    where: "Dom kulture, Štrpce",
    agenda: ["10:00–10:30 Opening", "10:30–12:00 “Experiences”"],
    checkInQrSrc: "cid:checkin-qr@durable",
  };
  const people = [
    { name: "Milica Petrović", answerUrl: "https://durable.test/invitation/Zm9vYmFy-_0123" },
    { name: `Zoë "Z" O'Neil & <b>Đorđe</b>`, answerUrl: "https://durable.test/invitation/a?b=1&c=<2>" },
    { name: "Јелена Јовановић 👩🏽‍🌾", answerUrl: "https://durable.test/invitation/x" },
    { name: "Arben  Krasniqi\twith runs of space", answerUrl: "https://durable.test/invitation/y" },
    { name: "", answerUrl: "" },
  ];

  it.each(LOCALES)("in %s, is for each person the very email a full rendering gives, rendered once", async (locale) => {
    const renderer = await emailRenderer("invitation", { locale, ...shared }, ["name", "answerUrl"], people[0]);
    expect(renderer.prerendered).toBe(true);
    for (const person of people) {
      const email = await renderer.compose("reader@example.org", person);
      expect(email).toEqual(await composeEmail("invitation", "reader@example.org", { locale, ...shared, ...person }));
      if (person.name) expect(email.text).toContain(person.name.replace(/\s+/g, " "));
    }
  });

  it("renders each email in full when the template does more with a personal value than show it", async () => {
    // The description's paragraph is left out when it is empty: a marker in its place cannot stand for that.
    const { description: _, ...rest } = shared;
    const renderer = await emailRenderer("invitation", { locale: "sq", ...rest }, ["name", "answerUrl", "description"], { ...people[0], description: "" });
    expect(renderer.prerendered).toBe(false);
    for (const description of ["", "A paragraph"]) {
      const email = await renderer.compose("reader@example.org", { ...people[1], description });
      expect(email).toEqual(await composeEmail("invitation", "reader@example.org", { locale: "sq", ...rest, ...people[1], description }));
    }
  });
});
