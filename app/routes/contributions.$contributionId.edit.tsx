import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ContributionForm } from "~/components/contribution-form";
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
import { messageWith, translateMessage, formFields, hiddenFieldErrors } from "~/utils/forms";
import { ContributionSchema, LIMITS } from "~/utils/guidelines";
import { resolveLocale } from "~/utils/locale.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "contributions:write");
  const found = await contributionFor(user, params.contributionId ?? "");
  if (!found) throw new Response("Not found", { status: 404 });
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

type AttachmentResult = { attachment: { ok: false; field: "file" | null; message: string } };

/** A file sent with the edit page's upload form (multipart); the text form is handled below. */
async function uploadAttachment(request: Request, user: { id: string; roles: readonly string[] }, id: string) {
  const refused = (message: string, status: number, field: "file" | null = "file") =>
    data<AttachmentResult>({ attachment: { ok: false, field, message } }, { status, headers: status === 413 ? { Connection: "close" } : undefined });
  const upload = await readUpload(request, ATTACHMENT_MAX_BYTES);
  if (!upload.ok) {
    return upload.reason === "tooLarge"
      ? refused(messageWith("guidelines.attachments.fileTooLarge", { max: ATTACHMENT_MAX_MB }), 413)
      : refused("errors.badRequestTitle", 400, null);
  }
  const file = upload.form.get("file");
  if (!(file instanceof File) || file.size === 0) return refused("guidelines.attachments.fileRequired", 400);
  const outcome = await attachFile(user, id, { fileName: file.name.slice(0, 200), bytes: new Uint8Array(await file.arrayBuffer()) });
  if (!outcome.ok) {
    if (outcome.message === "errors.notFound") throw new Response("Not found", { status: 404 });
    const status = outcome.message.startsWith("guidelines.attachments.fileTooLarge") ? 413 : outcome.field ? 400 : 409;
    return refused(outcome.message, status, outcome.field === "file" ? "file" : null);
  }
  return redirect(`/contributions/${id}/edit?done=attached#attachments`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "contributions:write");
  const id = params.contributionId ?? "";
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return uploadAttachment(request, user, id);
  const formData = await readForm(request);
  const fields = formFields(formData);
  if (fields.intent === "remove-attachment") {
    const attachmentId = fields.attachmentId;
    if (typeof attachmentId !== "string" || !attachmentId || attachmentId.length > 40) {
      return data<AttachmentResult>({ attachment: { ok: false, field: null, message: "errors.badRequestTitle" } }, { status: 400 });
    }
    const outcome = await removeAttachment(user, id, attachmentId);
    if (!outcome.ok) {
      if (outcome.message === "errors.notFound") throw new Response("Not found", { status: 404 });
      return data<AttachmentResult>({ attachment: { ok: false, field: null, message: outcome.message } }, { status: 409 });
    }
    return redirect(`/contributions/${id}/edit?done=detached#attachments`);
  }
  const submission = parseWithZod(formData, { schema: ContributionSchema });
  if (fields.intent === "preview") {
    return { result: submission.reply({ formErrors: [], fieldErrors: {} }), preview: renderMarkdown(String(formData.get("body") ?? "").slice(0, LIMITS.body)) };
  }
  if (submission.status !== "success") {
    return data({ result: submission.reply(hiddenFieldErrors(submission.error, ["intent", "version", "commissionId"])), preview: null }, { status: 400 });
  }
  const seen = submission.value.version ?? -1;
  const outcome = await updateContribution(user, id, submission.value, seen);
  if (!outcome.ok) {
    if (outcome.message === "errors.notFound") throw new Response("Not found", { status: 404 });
    const reply = outcome.field ? submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) : submission.reply({ formErrors: [outcome.message] });
    return data({ result: reply, preview: null }, { status: outcome.field ? 400 : 409 });
  }
  if (submission.value.intent === "submit") {
    await submitContribution(user, id, outcome.version);
    return redirect(`/contributions/${id}?done=submitted`);
  }
  return redirect(`/contributions/${id}?done=saved`);
}

export default function EditContribution() {
  const { t } = useTranslation();
  const { id, defaults, choices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const textResult = actionData && "result" in actionData ? actionData : undefined;
  return (
    <div className="contribution-page">
      <p>
        <Link to={`/contributions/${id}`}>← {defaults.title}</Link>
      </p>
      <h1>{t("guidelines.contribution.editTitle")}</h1>
      <ContributionForm id="contribution-edit" choices={choices} defaults={defaults} lastResult={textResult?.result} previewHtml={textResult?.preview} />
      <Attachments refusal={actionData && "attachment" in actionData ? actionData.attachment : undefined} />
    </div>
  );
}

/** The contribution's files: a list with a remove button each (asking first), and a form to add one, usable without JavaScript. */
function Attachments({ refusal }: { refusal?: AttachmentResult["attachment"] }) {
  const { t } = useTranslation();
  const { id, attachments, maxMb, maxBytes, maxCount } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  // With JavaScript, a file over the limit is refused before a byte is sent (the server refuses it too).
  const [tooLarge, setTooLarge] = useState(false);
  const done = searchParams.get("done");
  const fileError = tooLarge ? messageWith("guidelines.attachments.fileTooLarge", { max: maxMb }) : refusal?.field === "file" ? refusal.message : undefined;
  return (
    <section className="card stack" id="attachments" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t("guidelines.attachments.title")}</h2>
      {done === "attached" || done === "detached" ? (
        <p className="notice notice-ok" role="status">
          {t(done === "attached" ? "guidelines.attachments.added" : "guidelines.attachments.removed")}
        </p>
      ) : null}
      {refusal && !refusal.field ? (
        <p className="notice notice-error" role="alert">
          {translateMessage(t, refusal.message)}
        </p>
      ) : null}
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
          <div className={fileError ? "field field-invalid" : "field"}>
            <label htmlFor="attachment-file">{t("guidelines.attachments.file")}</label>
            <input
              id="attachment-file"
              name="file"
              type="file"
              accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.txt"
              aria-describedby={fileError ? "attachment-file-hint attachment-file-error" : "attachment-file-hint"}
              aria-invalid={fileError ? true : undefined}
            />
            <p className="hint" id="attachment-file-hint">
              {t("guidelines.attachments.fileHint", { max: maxMb, count: maxCount })}
            </p>
            {fileError ? (
              <p className="field-error" id="attachment-file-error" role="alert">
                {translateMessage(t, fileError)}
              </p>
            ) : null}
          </div>
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
