import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  commentOnContribution,
  contributionFor,
  decideContribution,
  startReview,
  submitContribution,
} from "~/models/contribution.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { translateMessage, formFields } from "~/utils/forms";
import { CommentSchema, ContributionAction, DecisionSchema } from "~/utils/guidelines";
import { resolveLocale } from "~/utils/locale.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { municipalityName, placeName } from "~/utils/names";
import { can, forbidden, requireUserWithRole } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";
import { appUrl } from "~/utils/url.server";

const ROLES = ["MEMBER", "TRAINER", "EDITOR", "ADMIN"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithRole(request, ...ROLES);
  if (!can(user, "contributions:write") && !can(user, "contributions:review")) throw forbidden();
  const found = await contributionFor(user, params.contributionId ?? "");
  if (!found) throw new Response("Not found", { status: 404 });
  const locale = await resolveLocale(request);
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

type ActionResult = { ok: boolean; message: string; field?: string | null; intent: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithRole(request, ...ROLES);
  if (!can(user, "contributions:write") && !can(user, "contributions:review")) throw forbidden();
  const id = params.contributionId ?? "";
  const fields = formFields(await readForm(request));
  const parsed = ContributionAction.safeParse(fields);
  if (!parsed.success) return data<ActionResult>({ ok: false, message: "errors.badRequestTitle", intent: "" }, { status: 400 });
  const input = parsed.data;
  const reply = (outcome: { ok: true } | { ok: false; field: string | null; message: string }, done: string) => {
    if (outcome.ok) return data<ActionResult>({ ok: true, message: done, intent: input.intent });
    const status = outcome.message === "errors.notFound" ? 404 : outcome.message === "errors.forbidden" ? 403 : outcome.message.endsWith("changedMeanwhile") ? 409 : 400;
    return data<ActionResult>({ ok: false, message: outcome.message, field: outcome.field, intent: input.intent }, { status });
  };
  switch (input.intent) {
    case "submit":
      if (!can(user, "contributions:write")) throw forbidden();
      {
        const outcome = await submitContribution(user, id, input.version);
        if (outcome.ok) return redirect(`/contributions/${id}?done=submitted`);
        return reply(outcome, "");
      }
    case "start-review":
      if (!can(user, "contributions:review")) throw forbidden();
      return reply(await startReview(user, id, input.version), "guidelines.review.started");
    case "comment": {
      const comment = CommentSchema.safeParse({ body: fields.body });
      if (!comment.success) return reply({ ok: false, field: "body", message: comment.error.issues[0].message }, "");
      return reply(await commentOnContribution(user, id, comment.data.body, appUrl(request)), "guidelines.review.commentSent");
    }
    case "decide": {
      if (!can(user, "contributions:review")) throw forbidden();
      const decision = DecisionSchema.safeParse({ decision: fields.decision, reason: fields.reason ?? "", version: fields.version });
      if (!decision.success) {
        const issue = decision.error.issues[0];
        // Only the reason has a place for its message; the choice and the hidden version are said above the page.
        return reply({ ok: false, field: issue.path[0] === "reason" ? "reason" : null, message: issue.message }, "");
      }
      return reply(await decideContribution(user, id, decision.data, appUrl(request)), "guidelines.review.decided");
    }
  }
}

export default function ContributionPage() {
  const { t } = useTranslation();
  const { contribution, comments, revisions, attachments, may } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const fieldError = (intent: string, field: string) =>
    result && !result.ok && result.intent === intent && result.field === field ? translateMessage(t, result.message) : undefined;
  const formError = result && !result.ok && !result.field ? translateMessage(t, result.message) : undefined;
  return (
    <article className="contribution-page">
      <p>
        <Link to="/contributions">← {t("guidelines.contributions.title")}</Link>
      </p>
      {done === "saved" || done === "submitted" ? (
        <p className="notice notice-ok" role="status">
          {t(done === "saved" ? "guidelines.contribution.saved" : "guidelines.contribution.submitted")}
        </p>
      ) : null}
      {result?.ok ? (
        <p className="notice notice-ok" role="status">
          {translateMessage(t, result.message)}
        </p>
      ) : null}
      {formError ? (
        <p className="notice notice-error" role="alert">
          {formError}
        </p>
      ) : null}
      <h1>{contribution.title}</h1>
      <ul className="tags">
        <li data-testid="contribution-status">{t(`guidelines.statuses.${contribution.status}`)}</li>
        <li>{contribution.theme}</li>
        {contribution.municipality ? <li>{contribution.municipality}</li> : null}
      </ul>
      <p className="muted">
        {t("guidelines.contribution.by", { names: contribution.authors })}
        {contribution.commission ? <> · {t("guidelines.contribution.onBehalf", { commission: contribution.commission })}</> : null}
        {contribution.event ? <> · {t("guidelines.contribution.fromEvent", { event: contribution.event })}</> : null}
      </p>
      {contribution.summary ? <p className="lead">{contribution.summary}</p> : null}
      <div className="card prose" dangerouslySetInnerHTML={{ __html: contribution.bodyHtml }} />
      {attachments.length || may.edit ? (
        <section aria-labelledby="attachments-title" id="attachments">
          <h2 id="attachments-title">{t("guidelines.attachments.title")}</h2>
          {attachments.length === 0 ? <p className="muted">{t("guidelines.attachments.none")}</p> : null}
          <ul className="materials">
            {attachments.map((a) => (
              <li key={a.id}>
                <a href={`/contributions/${contribution.id}/attachments/${a.id}`}>{a.fileName}</a> <span className="muted">({a.sizeKb} KB)</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {may.edit ? (
        <div className="button-row">
          <Link to={`/contributions/${contribution.id}/edit`} className="button secondary-link">
            {t("guidelines.contribution.edit")}
          </Link>
          <Form method="post">
            <input type="hidden" name="intent" value="submit" />
            <input type="hidden" name="version" value={contribution.version} />
            <button type="submit">{t("guidelines.contribution.submit")}</button>
          </Form>
        </div>
      ) : null}

      {may.review && contribution.status === "SUBMITTED" ? (
        <Form method="post" className="card">
          <input type="hidden" name="intent" value="start-review" />
          <input type="hidden" name="version" value={contribution.version} />
          <button type="submit" className="secondary">
            {t("guidelines.review.start")}
          </button>
        </Form>
      ) : null}

      {may.decide ? (
        <section className="card" aria-labelledby="decision-title">
          <h2 id="decision-title">{t("guidelines.review.decision")}</h2>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="decide" />
            {/* The version the editor is looking at: a decision on anything newer or older is refused. */}
            <input type="hidden" name="version" value={contribution.version} />
            <fieldset className="choice-group">
              <legend>{t("guidelines.review.decision")}</legend>
              {(["CHANGES_REQUESTED", "ACCEPTED", "REJECTED"] as const).map((decision) => (
                <label key={decision}>
                  <input type="radio" name="decision" value={decision} required defaultChecked={decision === "CHANGES_REQUESTED"} />{" "}
                  {t(`guidelines.review.decisions.${decision}`)}
                </label>
              ))}
            </fieldset>
            <div className={fieldError("decide", "reason") ? "field field-invalid" : "field"}>
              <label htmlFor="decision-reason">{t("guidelines.review.reason")}</label>
              <textarea
                id="decision-reason"
                name="reason"
                rows={4}
                aria-invalid={fieldError("decide", "reason") ? true : undefined}
                aria-describedby={fieldError("decide", "reason") ? "decision-reason-error" : undefined}
              />
              {fieldError("decide", "reason") ? (
                <p className="field-error" id="decision-reason-error" role="alert">
                  {fieldError("decide", "reason")}
                </p>
              ) : null}
            </div>
            <button type="submit">{t("guidelines.review.decide")}</button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="comments-title">
        <h2 id="comments-title">{t("guidelines.review.comments")}</h2>
        {comments.length === 0 ? <p className="muted">{t("guidelines.review.noComments")}</p> : null}
        <ol className="comment-list">
          {comments.map((comment) => (
            <li key={comment.id} className="card">
              <p className="muted">
                <strong>{comment.author}</strong> · {comment.at}
                {comment.decision ? <> · <span className="status">{t(`guidelines.review.decisionLabel.${comment.decision}`)}</span></> : null}
              </p>
              {comment.body ? <p className="comment-body">{comment.body}</p> : null}
            </li>
          ))}
        </ol>
        {may.comment ? (
          <Form method="post" className="stack card">
            <input type="hidden" name="intent" value="comment" />
            <div className={fieldError("comment", "body") ? "field field-invalid" : "field"}>
              <label htmlFor="comment-body">{t("guidelines.review.comment")}</label>
              <textarea
                id="comment-body"
                name="body"
                rows={3}
                aria-invalid={fieldError("comment", "body") ? true : undefined}
                aria-describedby={fieldError("comment", "body") ? "comment-body-error" : undefined}
              />
              {fieldError("comment", "body") ? (
                <p className="field-error" id="comment-body-error" role="alert">
                  {fieldError("comment", "body")}
                </p>
              ) : null}
            </div>
            <button type="submit" className="secondary">
              {t("guidelines.review.send")}
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="revisions-title">
        <h2 id="revisions-title">{t("guidelines.contribution.revisions")}</h2>
        <ul>
          {revisions.map((r) => (
            <li key={r.number}>
              {t("guidelines.contribution.revision", { number: r.number, date: r.date })}
              {r.by ? ` · ${t("guidelines.contribution.savedBy", { name: r.by })}` : null}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
