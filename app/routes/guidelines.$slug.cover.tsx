import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/forms";
import { addLogo, coverSettings, LOGO_MAX_BYTES, removeLogo, saveCoverTexts, type CoverTexts } from "~/models/guideline-cover.server";
import { readUpload } from "~/models/uploaded-file.server";
import { CoverTextsSchema, GUIDELINE_LANGUAGES, LogoUpload, RemoveLogo } from "~/utils/guidelines";
import { requirePermission } from "~/utils/permissions.server";
import { notFound, refusalReply } from "~/utils/refusal.server";
import { readForm } from "~/utils/request.server";
import { pageTitle } from "~/utils/page-title";

// Admins set what a guideline's printed cover carries for its donors: the
// programme's name and the funding disclaimer per language, and the logos.

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "titles.guidelineCover", data?.guideline.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "guidelines:cover");
  const settings = await coverSettings(params.slug ?? "");
  if (!settings) throw notFound();
  return { ...settings, maxKb: LOGO_MAX_BYTES / 1024 };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "guidelines:cover");
  const settings = await coverSettings(params.slug ?? "");
  if (!settings) throw notFound();
  const back = `/guidelines/${settings.guideline.slug}/cover`;
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const upload = await readUpload(request, LOGO_MAX_BYTES);
    if (!upload.ok) {
      const nothing = parseWithZod(new FormData(), { schema: LogoUpload });
      const tooLarge = upload.reason === "tooLarge";
      const reply = nothing.reply(tooLarge ? { fieldErrors: { file: ["guidelines.cover.fileTooLarge"] } } : { formErrors: ["errors.badRequestTitle"] });
      return data({ result: reply, form: "logo" as const }, { status: tooLarge ? 413 : 400, headers: tooLarge ? { Connection: "close" } : undefined });
    }
    const submission = parseWithZod(upload.form, { schema: LogoUpload });
    if (submission.status !== "success") return data({ result: submission.reply(), form: "logo" as const }, { status: 400 });
    const { role, name, file } = submission.value;
    const outcome = await addLogo(user, settings.guideline.id, {
      role,
      name,
      fileName: file.name.slice(0, 200),
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    if (!outcome.ok) return refusalReply(submission, outcome, { form: "logo" as const });
    return redirect(`${back}?done=logo#logos`);
  }
  const formData = await readForm(request);
  if (formData.get("intent") === "remove-logo") {
    const submission = parseWithZod(formData, { schema: RemoveLogo });
    if (submission.status !== "success")
      return data({ result: submission.reply({ formErrors: ["errors.badRequestTitle"] }), form: "logo" as const }, { status: 400 });
    const outcome = await removeLogo(user, settings.guideline.id, submission.value.logoId);
    if (!outcome.ok) return refusalReply(submission, outcome, { form: "logo" as const });
    return redirect(`${back}?done=removed#logos`);
  }
  const submission = parseWithZod(formData, { schema: CoverTextsSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), form: "texts" as const }, { status: 400 });
  const texts = Object.fromEntries(
    GUIDELINE_LANGUAGES.map((l) => [l, { programme: submission.value[`programme:${l}`], disclaimer: submission.value[`disclaimer:${l}`] }]),
  ) as CoverTexts;
  const outcome = await saveCoverTexts(user, settings.guideline.id, texts);
  if (!outcome.ok) return refusalReply(submission, outcome, { form: "texts" as const });
  return redirect(`${back}?done=texts`);
}

export default function GuidelineCover() {
  const { t } = useTranslation();
  const { guideline, texts, logos, maxKb } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const done = useSearchParams()[0].get("done");
  const defaultValue = Object.fromEntries(
    GUIDELINE_LANGUAGES.flatMap((l) => [
      [`programme:${l}`, texts[l].programme],
      [`disclaimer:${l}`, texts[l].disclaimer],
    ]),
  );
  const [textsForm, textFields] = useForm({
    id: "cover-texts",
    lastResult: actionData?.form === "texts" ? actionData.result : undefined,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CoverTextsSchema }),
    shouldRevalidate: "onBlur",
  });
  const [logoForm, logoFields] = useForm({
    id: "cover-logo",
    lastResult: actionData?.form === "logo" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LogoUpload }),
    shouldRevalidate: "onBlur",
  });
  const fields = textFields as Record<string, (typeof textFields)[keyof typeof textFields]>;
  return (
    <>
      <p>
        <Link to={`/guidelines/${guideline.slug}/edit`}>← {guideline.title}</Link>
      </p>
      <h1>{t("guidelines.cover.title")}</h1>
      <p className="muted">{t("guidelines.cover.intro")}</p>
      {done ? (
        <p className="notice notice-ok" role="status">
          {t(`guidelines.cover.done.${done === "logo" || done === "removed" ? done : "texts"}`)}{" "}
          <a href={`/guidelines/${guideline.slug}/latest.pdf`}>{t("guidelines.cover.preview")}</a>
        </p>
      ) : null}
      <Form method="post" className="card" {...getFormProps(textsForm)}>
        <h2>{t("guidelines.cover.texts")}</h2>
        <FormErrors id={textsForm.errorId} errors={textsForm.errors} />
        {GUIDELINE_LANGUAGES.map((language) => {
          const programme = fields[`programme:${language}`];
          const disclaimer = fields[`disclaimer:${language}`];
          return (
            <fieldset key={language} lang={language === "sr" ? "sr-Latn" : language}>
              <legend>{t(`guidelines.languages.${language}`)}</legend>
              <Field id={programme.id} label={t("guidelines.cover.programme")} errors={programme.errors}>
                <input {...getInputProps(programme, { type: "text" })} maxLength={200} />
              </Field>
              <Field id={disclaimer.id} label={t("guidelines.cover.disclaimer")} hint={t("guidelines.cover.disclaimerHint")} errors={disclaimer.errors}>
                <textarea {...getTextareaProps(disclaimer)} rows={4} maxLength={1200} />
              </Field>
            </fieldset>
          );
        })}
        <button type="submit">{t("guidelines.cover.save")}</button>
      </Form>
      <section id="logos" className="card" aria-labelledby="logos-title">
        <h2 id="logos-title">{t("guidelines.cover.logos")}</h2>
        {logos.length ? (
          <ul className="credits">
            {logos.map((logo) => (
              <li key={logo.id} data-testid="cover-logo">
                <strong>{logo.name}</strong> · {t(`guidelines.cover.roles.${logo.role}`)} · <span className="muted">{logo.fileName}</span>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="remove-logo" />
                  <input type="hidden" name="logoId" value={logo.id} />
                  <button type="submit">{t("guidelines.cover.removeLogo", { name: logo.name })}</button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("guidelines.cover.noLogos")}</p>
        )}
        <Form method="post" encType="multipart/form-data" {...getFormProps(logoForm)}>
          <FormErrors id={logoForm.errorId} errors={logoForm.errors} />
          <Field id={logoFields.name.id} label={t("guidelines.cover.logoName")} errors={logoFields.name.errors}>
            <input {...getInputProps(logoFields.name, { type: "text" })} maxLength={120} required />
          </Field>
          <Field id={logoFields.role.id} label={t("guidelines.cover.role")} errors={logoFields.role.errors}>
            <select name={logoFields.role.name} id={logoFields.role.id} defaultValue="DONOR">
              <option value="DONOR">{t("guidelines.cover.roles.DONOR")}</option>
              <option value="PARTNER">{t("guidelines.cover.roles.PARTNER")}</option>
            </select>
          </Field>
          <Field
            id={logoFields.file.id}
            label={t("guidelines.cover.file")}
            hint={t("guidelines.cover.fileHint", { max: maxKb })}
            errors={logoFields.file.errors}
          >
            <input {...getInputProps(logoFields.file, { type: "file" })} accept="image/png,image/jpeg" required />
          </Field>
          <button type="submit">{t("guidelines.cover.addLogo")}</button>
        </Form>
      </section>
    </>
  );
}
