import { render } from "@react-email/render";
import type { ComponentType } from "react";
import PasswordReset, { subject as passwordResetSubject, type PasswordResetProps } from "~emails/password-reset";
import VerifyEmail, { subject as verifyEmailSubject, type VerifyEmailProps } from "~emails/verify-email";

/** Every email the app sends, by name: its react-email template and subject line. */
const TEMPLATES = {
  "verify-email": { component: VerifyEmail, subject: verifyEmailSubject },
  "password-reset": { component: PasswordReset, subject: passwordResetSubject },
} satisfies Record<string, { component: ComponentType<never>; subject: (props: never) => string }>;

export type EmailTemplateProps = {
  "verify-email": VerifyEmailProps;
  "password-reset": PasswordResetProps;
};
export type EmailTemplate = keyof EmailTemplateProps;

export type ComposedEmail = {
  template: EmailTemplate;
  to: string;
  subject: string;
  html: string;
  text: string;
};

/** Renders an email (HTML and plain text) in the reader's language, ready to queue. */
export async function composeEmail<T extends EmailTemplate>(
  template: T,
  to: string,
  props: EmailTemplateProps[T],
): Promise<ComposedEmail> {
  const { component, subject } = TEMPLATES[template] as unknown as {
    component: ComponentType<EmailTemplateProps[T]>;
    subject: (props: EmailTemplateProps[T]) => string;
  };
  const Component = component;
  const element = <Component {...props} />;
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { template, to, subject: subject(props), html, text };
}
