import { randomBytes } from "node:crypto";
import { render } from "@react-email/render";
import type { ComponentType } from "react";
import EventChanged, { subject as eventChangedSubject, type EventChangedProps } from "~emails/event-changed";
import CommissionJoinDecision, {
  subject as commissionJoinDecisionSubject,
  type CommissionJoinDecisionProps,
} from "~emails/commission-join-decision";
import AccountExists, { subject as accountExistsSubject, type AccountExistsProps } from "~emails/account-exists";
import PasswordReset, { subject as passwordResetSubject, type PasswordResetProps } from "~emails/password-reset";
import SecurityNotice, { subject as securityNoticeSubject, type SecurityNoticeProps } from "~emails/security-notice";
import VerifyEmail, { subject as verifyEmailSubject, type VerifyEmailProps } from "~emails/verify-email";
import EventReminder, { subject as eventReminderSubject, type EventReminderProps } from "~emails/event-reminder";
import Invitation, { subject as invitationSubject, type InvitationProps } from "~emails/invitation";
import InvitationWithdrawn, { subject as invitationWithdrawnSubject, type InvitationWithdrawnProps } from "~emails/invitation-withdrawn";
import WaitlistPromoted, { subject as waitlistPromotedSubject, type WaitlistPromotedProps } from "~emails/waitlist-promoted";
import ContributionDecision, { subject as contributionDecisionSubject, type ContributionDecisionProps } from "~emails/contribution-decision";
import ContributionComment, { subject as contributionCommentSubject, type ContributionCommentProps } from "~emails/contribution-comment";
import GuidelineSubscription, { subject as guidelineSubscriptionSubject, type GuidelineSubscriptionProps } from "~emails/guideline-subscription";
import GuidelineNewVersion, { subject as guidelineNewVersionSubject, type GuidelineNewVersionProps } from "~emails/guideline-new-version";
import FeedbackRequest, { subject as feedbackRequestSubject, type FeedbackRequestProps } from "~emails/feedback-request";

/** Every email the app sends, by name: its react-email template and subject line. */
const TEMPLATES = {
  "verify-email": { component: VerifyEmail, subject: verifyEmailSubject },
  "password-reset": { component: PasswordReset, subject: passwordResetSubject },
  "security-notice": { component: SecurityNotice, subject: securityNoticeSubject },
  "account-exists": { component: AccountExists, subject: accountExistsSubject },
  "waitlist-promoted": { component: WaitlistPromoted, subject: waitlistPromotedSubject },
  invitation: { component: Invitation, subject: invitationSubject },
  "invitation-withdrawn": { component: InvitationWithdrawn, subject: invitationWithdrawnSubject },
  "event-reminder": { component: EventReminder, subject: eventReminderSubject },
  "commission-join-decision": { component: CommissionJoinDecision, subject: commissionJoinDecisionSubject },
  "event-changed": { component: EventChanged, subject: eventChangedSubject },
  "contribution-decision": { component: ContributionDecision, subject: contributionDecisionSubject },
  "contribution-comment": { component: ContributionComment, subject: contributionCommentSubject },
  "guideline-subscription": { component: GuidelineSubscription, subject: guidelineSubscriptionSubject },
  "guideline-new-version": { component: GuidelineNewVersion, subject: guidelineNewVersionSubject },
  "feedback-request": { component: FeedbackRequest, subject: feedbackRequestSubject },
} satisfies Record<string, { component: ComponentType<never>; subject: (props: never) => string }>;

export type EmailTemplateProps = {
  "verify-email": VerifyEmailProps;
  "password-reset": PasswordResetProps;
  "security-notice": SecurityNoticeProps;
  "account-exists": AccountExistsProps;
  "waitlist-promoted": WaitlistPromotedProps;
  invitation: InvitationProps;
  "invitation-withdrawn": InvitationWithdrawnProps;
  "event-reminder": EventReminderProps;
  "commission-join-decision": CommissionJoinDecisionProps;
  "event-changed": EventChangedProps;
  "contribution-decision": ContributionDecisionProps;
  "contribution-comment": ContributionCommentProps;
  "guideline-subscription": GuidelineSubscriptionProps;
  "guideline-new-version": GuidelineNewVersionProps;
  "feedback-request": FeedbackRequestProps;
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

/** The characters React escapes in text and attributes, escaped the same way. */
const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/**
 * One email to many people at the speed of a string replacement: the template
 * is rendered once, with a marker in place of each personal prop (a name, a
 * link), and each recipient's email is that rendering with their values put in,
 * escaped as React escapes them. The result must be the very email
 * `composeEmail` would render, so a sample is rendered both ways first; if they
 * differ (a template that transforms a personal prop, say), or a value is one the plain-text conversion would reflow (empty, or with
 * runs of white space or white space at an end), that
 * email is rendered in full instead.
 */
export async function emailRenderer<T extends EmailTemplate, K extends keyof EmailTemplateProps[T] & string>(
  template: T,
  shared: Omit<EmailTemplateProps[T], K>,
  personal: readonly K[],
  sample: Record<K, string>,
): Promise<{ compose: (to: string, values: Record<K, string>) => Promise<ComposedEmail>; prerendered: boolean }> {
  const full = (to: string, values: Record<K, string>) => composeEmail(template, to, { ...shared, ...values } as unknown as EmailTemplateProps[T]);
  const nonce = randomBytes(6).toString("hex");
  const markers = personal.map((key, index) => ({ key, marker: `durableslot${nonce}x${index}x` }));
  const marked = await full("", Object.fromEntries(markers.map(({ key, marker }) => [key, marker])) as Record<K, string>);
  const fill = (to: string, values: Record<K, string>): ComposedEmail => {
    let { subject, html, text } = marked;
    for (const { key, marker } of markers) {
      subject = subject.replaceAll(marker, values[key]);
      html = html.replaceAll(marker, escapeHtml(values[key]));
      text = text.replaceAll(marker, values[key]);
    }
    return { template, to, subject, html, text };
  };
  const expected = await full("sample@example.org", sample);
  const same = (a: ComposedEmail, b: ComposedEmail) => a.subject === b.subject && a.html === b.html && a.text === b.text;
  if (!same(fill("sample@example.org", sample), expected)) return { compose: full, prerendered: false };
  const reflows = (values: Record<K, string>) => Object.values<string>(values).some((value) => value.trim() !== value || value === "" || /\s\s|[^\S ]/.test(value));
  return { compose: async (to, values) => (reflows(values) ? full(to, values) : fill(to, values)), prerendered: true };
}
