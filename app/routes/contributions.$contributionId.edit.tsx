import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ContributionForm } from "~/components/contribution-form";
import { Field, FormErrors } from "~/components/forms";
import {
  contributionChoicesFor,
  contributionDefaults,
  contributionFor,
  submitContribution,
  updateContribution,
} from "~/models/contribution.server";
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MAX_MB,
  ATTACHMENTS_PER_CONTRIBUTION,
  attachFile,
  removeAttachment,
} from "~/models/contribution-attachment.server";
import { readUpload } from "~/models/uploaded-file.server";
import { hiddenFieldErrors, messageWith } from "~/utils/forms";
import { AttachmentUpload, ContributionSchema, LIMITS, RemoveAttachment } from "~/utils/guidelines";
import { resolveLocale } from "~/utils/locale.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { requirePermission } from "~/utils/permissions.server";
import { notFound, refusalReply } from "~/utils/refusal.server";
import { readForm } from "~/utils/request.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "guidelines.contribution.editTitle", data?.defaults.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "contributions:write");
  const found = await contributionFor(user, params.contributionId ?? "");
  if (!found) throw notFound();
  if (!found.mayEdit) throw redirect(`/contributions/${found.contribution.id}`);
  return {
    id: found.contribution.id,
    defaults: contributionDefaults(found.contribution),
    choices: await contributionChoicesFor(user, await resolveLocale(request)),
    attachments: found.contribution.attachments.map((a) => ({ id: a.id, fileName: a.fileName, sizeKb: Math.max(1, Math.round(a.size / 1024)) })),
    maxMb: ATTACHMENT_MAX_MB,
    maxBytes: ATTACHMENT_MAX_BYTES,
    maxCount: ATTACHMENTS_PER_CONTRIBUTION,
  };
}

/** A file sent with the edit page's upload form (multipart); the text form is handled below. */
async function uploadAttachment(request: Request, user: { id: string; roles: readonly string[] }, id: string) {
  const upload = await readUpload(request, ATTACHMENT_MAX_BYTES);
  if (!upload.ok) {
    // Nothing readable came: the answer is said about the empty form, and a body cut off at the limit closes the connection.
    const nothing = parseWithZod(new FormData(), { schema: AttachmentUpload });
    return upload.reason === "tooLarge"
      ? data(
          { result: nothing.reply({ fieldErrors: { file: [messageWith("guidelines.attachments.fileTooLarge", { max: ATTACHMENT_MAX_MB })] } }), form: "attachments" as const },
          { status: 413, headers: { Connection: "close" } },
        )
      : data({ result: nothing.reply({ formErrors: ["errors.badRequestTitle"] }), form: "attachments" as const }, { status: 400 });
  }
  const submission = parseWithZod(upload.form, { schema: AttachmentUpload });
  if (submission.status !== "success") return data({ result: submission.reply(), form: "attachments" as const }, { status: 400 });
  const { file } = submission.value;
  const outcome = await attachFile(user, id, { fileName: file.name.slice(0, 200), bytes: new Uint8Array(await file.arrayBuffer()) });
  if (!outcome.ok) return refusalReply(submission, outcome, { form: "attachments" as const });
  return redirect(`/contributions/${id}/edit?done=attached#attachments`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "contributions:write");
  const id = params.contributionId ?? "";
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return uploadAttachment(request, user, id);
  const formData = await readForm(request);
  if (formData.get("intent") === "remove-attachment") {
    const submission = parseWithZod(formData, { schema: RemoveAttachment });
    if (submission.status !== "success") return data({ result: submission.reply({ formErrors: ["errors.badRequestTitle"] }), form: "attachments" as const }, { status: 400 });
    const outcome = await removeAttachment(user, id, submission.value.attachmentId);
    if (!outcome.ok) return refusalReply(submission, outcome, { form: "attachments" as const });
    return redirect(`/contributions/${id}/edit?done=detached#attachments`);
  }
  const submission = parseWithZod(formData, { schema: ContributionSchema });
  if (formData.get("intent") === "preview") {
    return data({ result: submission.reply({ formErrors: [], fieldErrors: {} }), form: "contribution" as const, preview: renderMarkdown(String(formData.get("body") ?? "").slice(0, LIMITS.body)) });
  }
  if (submission.status !== "success") {
    return data({ result: submission.reply(hiddenFieldErrors(submission.error, ["intent", "version", "commissionId"])), form: "contribution" as const, preview: null }, { status: 400 });
  }
  const seen = submission.value.version ?? -1;
  const outcome = await updateContribution(user, id, submission.value, seen);
  if (!outcome.ok) return refusalReply(submission, outcome, { form: "contribution" as const, preview: null });
  if (submission.value.intent === "submit") {
    await submitContribution(user, id, outcome.version);
    return redirect(`/contributions/${id}?done=submitted`);
  }
  return redirect(`/contributions/${id}?done=saved`);
}

export default function EditContribution() {
  const { t } = useTranslation();
  const { id, defaults, choices } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const text = answer?.form === "contribution" ? answer : undefined;
  return (
    <div className="contribution-page">
      <p>
        <Link to={`/contributions/${id}`}>← {defaults.title}</Link>
      </p>
      <h1>{t("guidelines.contribution.editTitle")}</h1>
      <ContributionForm id="contribution-edit" choices={choices} defaults={defaults} lastResult={text?.result} previewHtml={text?.preview} />
      <Attachments lastResult={answer?.form === "attachments" ? answer.result : undefined} />
    </div>
  );
}

/** The contribution's files: a list with a remove button each (asking first), and a form to add one, usable without JavaScript. */
function Attachments({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const { id, attachments, maxMb, maxBytes, maxCount } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  // With JavaScript, a file over the limit is refused before a byte is sent (the server refuses it too).
  const [tooLarge, setTooLarge] = useState(false);
  const done = searchParams.get("done");
  const fileErrors = tooLarge ? [messageWith("guidelines.attachments.fileTooLarge", { max: maxMb })] : (lastResult?.error?.file ?? undefined);
  return (
    <section className="card stack" id="attachments" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t("guidelines.attachments.title")}</h2>
      {done === "attached" || done === "detached" ? (
        <p className="notice notice-ok" role="status">
          {t(done === "attached" ? "guidelines.attachments.added" : "guidelines.attachments.removed")}
        </p>
      ) : null}
      <FormErrors errors={lastResult?.error?.[""] ?? undefined} />
      {attachments.length === 0 ? <p className="muted">{t("guidelines.attachments.none")}</p> : null}
      <ul className="materials">
        {attachments.map((a) => (
          <li key={a.id}>
            <a href={`/contributions/${id}/attachments/${a.id}`}>{a.fileName}</a> <span className="muted">({a.sizeKb} KB)</span>
            <details className="inline-details">
              <summary>{t("guidelines.attachments.remove")}</summary>
              <Form method="post">
                <p>{t("guidelines.attachments.confirmRemove", { name: a.fileName })}</p>
                <input type="hidden" name="intent" value="remove-attachment" />
                <input type="hidden" name="attachmentId" value={a.id} />
                <button type="submit" className="danger">
                  {t("guidelines.attachments.remove")}
                </button>
              </Form>
            </details>
          </li>
        ))}
      </ul>
      {attachments.length < maxCount ? (
        <Form
          method="post"
          encType="multipart/form-data"
          className="stack material-upload"
          onSubmit={(submit) => {
            const file = (submit.currentTarget.elements.namedItem("file") as HTMLInputElement | null)?.files?.[0];
            const over = !!file && file.size > maxBytes;
            setTooLarge(over);
            if (over) submit.preventDefault();
          }}
        >
          <Field id="attachment-file" label={t("guidelines.attachments.file")} errors={fileErrors} hint={t("guidelines.attachments.fileHint", { max: maxMb, count: maxCount })}>
            <input id="attachment-file" name="file" type="file" accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.txt" />
          </Field>
          <button type="submit" className="secondary" disabled={navigation.state === "submitting"}>
            {t("guidelines.attachments.upload")}
          </button>
        </Form>
      ) : (
        <p className="muted">{t("guidelines.attachments.full", { count: maxCount })}</p>
      )}
    </section>
  );
}
