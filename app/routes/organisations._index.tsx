import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DirectoryNav } from "~/components/directory-nav";
import { Field, FormErrors } from "~/components/forms";
import { listOrganisations, saveOrganisation } from "~/models/organisation.server";
import { directoryFilterChoices, directoryLinksFor } from "~/models/person.server";
import { ORGANISATION_TYPES, OrganisationSchema } from "~/utils/directory";
import { messageWith, translateMessage } from "~/utils/forms";
import { resolveLocale } from "~/utils/locale.server";
import { municipalityName, placeName } from "~/utils/names";
import { requirePermission } from "~/utils/permissions.server";
import { z } from "zod";
import { readForm } from "~/utils/request.server";

const ListFilter = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  type: z.enum(ORGANISATION_TYPES as [(typeof ORGANISATION_TYPES)[number], ...(typeof ORGANISATION_TYPES)[number][]]).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "organisations:manage");
  const url = new URL(request.url);
  const filter = ListFilter.parse({ q: url.searchParams.get("q") || undefined, type: url.searchParams.get("type") || undefined });
  const locale = await resolveLocale(request);
  const [organisations, choices] = await Promise.all([listOrganisations(filter), directoryFilterChoices()]);
  return {
    links: directoryLinksFor(user),
    filter,
    organisations: organisations.map((o) => ({
      id: o.id,
      name: o.name,
      type: o.type,
      municipality: o.municipality ? placeName(o.municipality, locale) : null,
      people: o._count.people,
    })),
    clusters: choices.clusters.map((c) => ({
      id: c.id,
      name: placeName(c, locale),
      municipalities: c.municipalities.map((m) => ({ id: m.id, name: municipalityName(m, locale) })),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "organisations:manage");
  const submission = parseWithZod(await readForm(request), { schema: OrganisationSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), created: null }, { status: 400 });
  const outcome = await saveOrganisation(user, null, submission.value);
  if (!outcome.ok) {
    return data({ result: submission.reply({ fieldErrors: { name: [`directory.organisations.${outcome.error}`] } }), created: null }, { status: 400 });
  }
  return { result: submission.reply({ resetForm: true }), created: messageWith("directory.organisations.created", { name: outcome.organisation.name }) };
}

export default function Organisations() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "organisation-new",
    lastResult: actionData?.result,
    defaultValue: { type: "CIVIL_SOCIETY" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrganisationSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <>
      <DirectoryNav links={d.links} />
      <h1>{t("directory.organisations.title")}</h1>
      {actionData?.created ? (
        <p className="notice notice-ok" role="status">
          {translateMessage(t, actionData.created)}
        </p>
      ) : null}
      <Form method="get" className="card roles-form" role="search">
        <label htmlFor="org-q" className="visually-hidden">
          {t("directory.organisations.search")}
        </label>
        <input id="org-q" type="search" name="q" defaultValue={d.filter.q ?? ""} placeholder={t("directory.organisations.search")} />
        <label htmlFor="org-type" className="visually-hidden">
          {t("directory.fields.organisationType")}
        </label>
        <select id="org-type" name="type" defaultValue={d.filter.type ?? ""}>
          <option value="">{t("directory.any")}</option>
          {ORGANISATION_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`directory.organisationType.${type}`)}
            </option>
          ))}
        </select>
        <button type="submit">{t("directory.list.filter")}</button>
      </Form>
      {d.organisations.length === 0 ? <p>{t("directory.organisations.empty")}</p> : null}
      <div className="table-wrap">
        <table className="responsive">
          <thead>
            <tr>
              <th>{t("directory.fields.name")}</th>
              <th>{t("directory.fields.organisationType")}</th>
              <th>{t("directory.fields.municipality")}</th>
              <th>{t("directory.title")}</th>
            </tr>
          </thead>
          <tbody>
            {d.organisations.map((o) => (
              <tr key={o.id}>
                <td data-label={t("directory.fields.name")}>
                  <Link to={`/organisations/${o.id}`}>{o.name}</Link>
                </td>
                <td data-label={t("directory.fields.organisationType")}>{t(`directory.organisationType.${o.type}`)}</td>
                <td data-label={t("directory.fields.municipality")}>{o.municipality ?? t("directory.organisations.noMunicipality")}</td>
                <td data-label={t("directory.title")}>{t("directory.organisations.people", { count: o.people })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card narrow-form">
        <h2>{t("directory.organisations.newTitle")}</h2>
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
          <button type="submit">{t("directory.organisations.create")}</button>
        </Form>
      </section>
    </>
  );
}
