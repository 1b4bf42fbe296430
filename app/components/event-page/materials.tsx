import { useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/forms";
import { messageWith } from "~/utils/forms";

export type Material = { id: string; downloadable: boolean; title: string; fileName: string; sizeKb: number; isPublic: boolean; session: string | null };

/** The event's files: a link for those the reader may open; organisers also delete and upload. */
export function Materials({
  eventId,
  materials,
  sessions,
  canManage,
  maxMb,
  maxBytes,
  upload,
}: {
  eventId: string;
  materials: Material[];
  sessions: Array<{ id: string; time: string; title: string }>;
  canManage: boolean;
  maxMb: number;
  maxBytes: number;
  /** The reply to the upload form, when it was the one sent. */
  upload: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  return (
    <section className="card" id="materials">
      <h2>{t("events.page.materials")}</h2>
      {materials.length === 0 ? <p className="muted">{t("events.page.noMaterials")}</p> : null}
      <ul className="materials">
        {materials.map((material) => (
          <li key={material.id}>
            {material.downloadable ? <a href={`/events/${eventId}/materials/${material.id}`}>{material.title}</a> : material.title}{" "}
            <span className="muted">
              ({material.fileName}, {material.sizeKb} KB{material.session ? ` · ${material.session}` : ""})
            </span>
            {material.isPublic ? <span className="tag-inline">{t("events.materials.public")}</span> : null}
            {canManage ? (
              <details className="inline-details">
                <summary>{t("events.materials.delete")}</summary>
                <Form method="post">
                  <p>{t("events.materials.confirmDelete", { title: material.title })}</p>
                  <input type="hidden" name="intent" value="deleteMaterial" />
                  <input type="hidden" name="materialId" value={material.id} />
                  <button type="submit" className="danger">
                    {t("events.materials.delete")}
                  </button>
                </Form>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
      {canManage ? <UploadForm sessions={sessions} maxMb={maxMb} maxBytes={maxBytes} upload={upload} /> : null}
    </section>
  );
}

function UploadForm({
  sessions,
  maxMb,
  maxBytes,
  upload,
}: {
  sessions: Array<{ id: string; time: string; title: string }>;
  maxMb: number;
  maxBytes: number;
  upload: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm<{ file: File; title: string; sessionId: string; isPublic: string }>({ id: "material-upload", lastResult: upload });
  // With JavaScript, a file over the limit is refused before a byte is sent (the server refuses it too).
  const [tooLarge, setTooLarge] = useState(false);
  const fileErrors = tooLarge ? [messageWith("events.errors.fileTooLarge", { max: maxMb })] : fields.file.errors;
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="stack material-upload"
      id={form.id}
      onSubmit={(submit) => {
        const file = (submit.currentTarget.elements.namedItem("file") as HTMLInputElement | null)?.files?.[0];
        const over = !!file && file.size > maxBytes;
        setTooLarge(over);
        if (over) submit.preventDefault();
        else form.onSubmit(submit);
      }}
    >
      <h3>{t("events.materials.upload")}</h3>
      <Field id="material-file" label={t("events.materials.file")} hint={t("events.materials.fileHint", { max: maxMb })} errors={fileErrors}>
        <input id="material-file" name="file" type="file" accept=".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg" />
      </Field>
      <Field id="material-title" label={t("events.materials.materialTitle")} errors={fields.title.errors}>
        <input key={fields.title.key} id="material-title" name="title" type="text" maxLength={200} defaultValue={fields.title.initialValue ?? ""} />
      </Field>
      {sessions.length ? (
        <Field id="material-session" label={t("events.materials.session")} errors={fields.sessionId.errors}>
          <select key={fields.sessionId.key} id="material-session" name="sessionId" defaultValue={fields.sessionId.initialValue ?? ""}>
            <option value="">{t("events.materials.wholeEvent")}</option>
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.time} {s.title}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <label>
        <input key={fields.isPublic.key} type="checkbox" name="isPublic" defaultChecked={fields.isPublic.initialValue === "on"} /> {t("events.materials.isPublic")}
      </label>
      <button type="submit" disabled={navigation.state === "submitting"}>
        {t("events.materials.upload")}
      </button>
    </Form>
  );
}
