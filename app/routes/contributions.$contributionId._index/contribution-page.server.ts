import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import { commentOnContribution, contributionFor, decideContribution, startReview, submitContribution } from "~/models/contribution.server";
import type { SessionUser } from "~/utils/auth.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { hiddenFieldErrors } from "~/utils/forms";
import { CONTRIBUTION_PAGE_HIDDEN, ContributionPageSchema, type ContributionPageAction } from "~/utils/guidelines";
import type { Locale } from "~/utils/i18n";
import { renderMarkdown } from "~/utils/markdown.server";
import { municipalityName, placeName } from "~/utils/names";
import { can, forbidden, type Permission } from "~/utils/permissions.server";
import type { Refusal } from "~/utils/refusal";
import { notFound, refusalReply } from "~/utils/refusal.server";
import { publicOrigin } from "~/utils/url.server";

/** A contribution as its authors and reviewers read it, with its comments, revisions and files, and what the reader may do with it. */
export async function contributionPage(user: SessionUser, contributionId: string, locale: Locale) {
  const found = await contributionFor(user, contributionId);
  if (!found) throw notFound();
  const { contribution } = found;
  const eventText = contribution.event?.translations.find((tr) => tr.locale === locale) ?? contribution.event?.translations[0];
  return {
    contribution: {
      id: contribution.id,
      title: contribution.title,
      summary: contribution.summary,
      bodyHtml: renderMarkdown(contribution.body),
      status: contribution.status,
      version: contribution.version,
      theme: placeName(contribution.theme, locale),
      municipality: contribution.municipality ? municipalityName(contribution.municipality, locale) : null,
      commission: contribution.commission?.name ?? null,
      event: eventText?.title ?? null,
      authors: contribution.authors.map((a) => a.user.name).join(", "),
      decisionReason: contribution.decisionReason,
    },
    comments: contribution.comments.map((c) => ({
      id: c.id,
      author: c.author?.name ?? "",
      body: c.body,
      decision: c.decision,
      at: formatDateTime(c.createdAt, locale),
    })),
    revisions: contribution.revisions.map((r) => ({ number: r.number, date: formatDate(r.createdAt, locale), by: r.savedBy?.name ?? "" })),
    attachments: contribution.attachments.map((a) => ({ id: a.id, fileName: a.fileName, sizeKb: Math.max(1, Math.round(a.size / 1024)) })),
    may: { edit: found.mayEdit, review: found.mayReview, decide: found.mayDecide, comment: found.mayComment },
  };
}

/** Who may send each of the page's forms, beyond reading the page (commenting is decided by the model: authors and reviewers). */
const NEEDS: Partial<Record<ContributionPageAction["intent"], Permission>> = {
  submit: "contributions:write",
  "start-review": "contributions:review",
  decide: "contributions:review",
};

/** What the reader is told after each form. Submitting goes back to the page, which says so itself. */
const DONE: Record<Exclude<ContributionPageAction["intent"], "submit">, string> = {
  "start-review": "guidelines.review.started",
  comment: "guidelines.review.commentSent",
  decide: "guidelines.review.decided",
};

/**
 * One of the contribution page's forms: submit (authors), start the review
 * and decide (editors), comment (both). Every answer is the form's reply,
 * with which form it was and, when done, what to tell the reader.
 */
export async function actOnContribution(request: Request, user: SessionUser, contributionId: string, formData: FormData) {
  const submission = parseWithZod(formData, { schema: ContributionPageSchema });
  const intent = typeof submission.payload.intent === "string" ? submission.payload.intent : "";
  const needed = NEEDS[intent as ContributionPageAction["intent"]];
  if (needed && !can(user, needed)) throw forbidden();
  if (submission.status !== "success") {
    return data({ result: submission.reply(hiddenFieldErrors(submission.error, CONTRIBUTION_PAGE_HIDDEN)), intent, notice: null }, { status: 400 });
  }
  const input = submission.value;
  const outcome = await act(request, user, contributionId, input);
  if (!outcome.ok) return refusalReply(submission, outcome, { intent, notice: null });
  if (input.intent === "submit") return redirect(`/contributions/${contributionId}?done=submitted`);
  return data({ result: submission.reply({ resetForm: true }), intent, notice: DONE[input.intent] });
}

async function act(request: Request, user: SessionUser, contributionId: string, input: ContributionPageAction): Promise<{ ok: true } | Refusal> {
  switch (input.intent) {
    case "submit":
      return submitContribution(user, contributionId, input.version);
    case "start-review":
      return startReview(user, contributionId, input.version);
    case "comment":
      return commentOnContribution(user, contributionId, input.body, publicOrigin());
    case "decide":
      return decideContribution(user, contributionId, input, publicOrigin());
  }
}
