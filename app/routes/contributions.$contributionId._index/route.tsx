import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/forms";
import { resolveLocale } from "~/utils/locale.server";
import { can, forbidden, requireUserWithRole } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";
import { actOnContribution, contributionPage } from "./contribution-page.server";
import { CommentForm, DecisionForm, StartReviewForm, SubmitForm } from "./review-forms";
import { pageTitle } from "~/utils/page-title";

// A contribution's page: its text and files, its review (one small form per
// intent, beside this file), its comments and revisions.

const ROLES = ["MEMBER", "TRAINER", "EDITOR", "ADMIN"] as const;

async function requireContributor(request: Request) {
  const user = await requireUserWithRole(request, ...ROLES);
  if (!can(user, "contributions:write") && !can(user, "contributions:review")) throw forbidden();
  return user;
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "titles.contribution", data?.contribution.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireContributor(request);
  return contributionPage(user, params.contributionId ?? "", await resolveLocale(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireContributor(request);
  return actOnContribution(request, user, params.contributionId ?? "", await readForm(request));
}

export default function ContributionPage() {
  const { t } = useTranslation();
  const { contribution, comments, revisions, attachments, may } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
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
      {answer?.notice ? (
        <p className="notice notice-ok" role="status">
          {t(answer.notice)}
        </p>
      ) : null}
      {/* What concerns no field of its own (a decision on a version since changed, a request the page did not send) is said above the page. */}
      <FormErrors errors={answer?.result.error?.[""] ?? undefined} />
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
          <SubmitForm version={contribution.version} />
        </div>
      ) : null}

      {may.review && contribution.status === "SUBMITTED" ? <StartReviewForm version={contribution.version} /> : null}

      {may.decide ? (
        <section className="card" aria-labelledby="decision-title">
          <h2 id="decision-title">{t("guidelines.review.decision")}</h2>
          <DecisionForm version={contribution.version} />
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
        {may.comment ? <CommentForm /> : null}
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
