import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DirectoryNav } from "~/components/directory-nav";
import { Field, FormErrors } from "~/components/forms";
import { getOrganisation, saveOrganisation } from "~/models/organisation.server";
import { directoryFilterChoices, directoryLinksFor } from "~/models/person.server";
import { ORGANISATION_TYPES, OrganisationSchema } from "~/utils/directory";
import { resolveLocale } from "~/utils/locale.server";
import { municipalityName, placeName } from "~/utils/names";
import { requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "organisations:manage");
  const organisation = await getOrganisation(params.organisationId ?? "");
  if (!organisation) throw new Response("Not found", { status: 404 });
  const locale = await resolveLocale(request);
  const choices = await directoryFilterChoices();
  return {
    links: directoryLinksFor(user),
    organisation: { id: organisation.id, name: organisation.name, type: organisation.type, municipalityId: organisation.municipalityId ?? "" },
    clusters: choices.clusters.map((c) => ({
      id: c.id,
      name: placeName(c, locale),
      municipalities: c.municipalities.map((m) => ({ id: m.id, name: municipalityName(m, locale) })),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "organisations:manage");
  const submission = parseWithZod(await readForm(request), { schema: OrganisationSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  const outcome = await saveOrganisation(user, params.organisationId ?? "", submission.value);
  if (!outcome.ok) {
    if (outcome.error === "notFound") throw new Response("Not found", { status: 404 });
    return data({ result: submission.reply({ fieldErrors: { name: ["directory.organisations.nameTaken"] } }), saved: false }, { status: 400 });
  }
  return { result: submission.reply(), saved: true };
}

export default function EditOrganisation() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "organisation-edit",
    lastResult: actionData?.result,
    defaultValue: d.organisation,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrganisationSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <>
      <DirectoryNav links={d.links} />
      <h1>{t("directory.organisations.editTitle", { name: d.organisation.name })}</h1>
      {actionData?.saved ? (
        <p className="notice notice-ok" role="status">
          {t("directory.organisations.saved")}
        </p>
      ) : null}
      <div className="card narrow-form">
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field id={fields.name.id} label={t("directory.fields.name")} errors={fields.name.errors}>
            <input {...getInputProps(fields.name, { type: "text" })} />
          </Field>
          <Field id={fields.type.id} label={t("directory.fields.organisationType")} errors={fields.type.errors}>
            <select {...getSelectProps(fields.type)}>
              {ORGANISATION_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`directory.organisationType.${type}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={fields.municipalityId.id} label={t("directory.fields.municipality")} errors={fields.municipalityId.errors}>
            <select {...getSelectProps(fields.municipalityId)}>
              <option value="">{t("directory.organisations.noMunicipality")}</option>
              {d.clusters.map((c) => (
                <optgroup key={c.id} label={c.name}>
                  {c.municipalities.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </Field>
          <button type="submit">{t("directory.organisations.save")}</button>
        </Form>
      </div>
      <p>
        <Link to={`/people?q=${encodeURIComponent(d.organisation.name)}`}>{t("directory.title")}</Link> ·{" "}
        <Link to="/organisations">{t("common.back")}</Link>
      </p>
    </>
  );
}
