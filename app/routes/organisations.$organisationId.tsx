import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DirectoryNav } from "~/components/directory-nav";
import { OrganisationForm } from "~/components/organisation-form";
import { getOrganisation, ORGANISATION_REFUSALS, saveOrganisation } from "~/models/organisation.server";
import { directoryLinksFor } from "~/models/person.server";
import { clusterChoices } from "~/models/places.server";
import { OrganisationSchema } from "~/utils/directory";
import { resolveLocale } from "~/utils/locale.server";
import { requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";
import { refusalOf } from "~/utils/refusal";
import { notFound, refusalReply } from "~/utils/refusal.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "titles.organisation", data?.organisation.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "organisations:manage");
  const organisation = await getOrganisation(params.organisationId ?? "");
  if (!organisation) throw notFound();
  const locale = await resolveLocale(request);
  return {
    links: directoryLinksFor(user),
    organisation: { id: organisation.id, name: organisation.name, type: organisation.type, municipalityId: organisation.municipalityId ?? "" },
    clusters: await clusterChoices(locale),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "organisations:manage");
  const submission = parseWithZod(await readForm(request), { schema: OrganisationSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  const outcome = await saveOrganisation(user, params.organisationId ?? "", submission.value);
  if (!outcome.ok) return refusalReply(submission, refusalOf(ORGANISATION_REFUSALS, outcome.error), { saved: false });
  return data({ result: submission.reply(), saved: true });
}

export default function EditOrganisation() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
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
        <OrganisationForm
          id="organisation-edit"
          clusters={d.clusters}
          defaultValue={d.organisation}
          lastResult={actionData?.result}
          submitLabel={t("directory.organisations.save")}
        />
      </div>
      <p>
        <Link to={`/people?q=${encodeURIComponent(d.organisation.name)}`}>{t("directory.title")}</Link> ·{" "}
        <Link to="/organisations">{t("common.back")}</Link>
      </p>
    </>
  );
}
