import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DirectoryNav } from "~/components/directory-nav";
import { PersonForm } from "~/components/person-form";
import { directoryLinksFor, getPerson, PERSON_REFUSALS, personFormChoices, personInputFrom, updatePerson } from "~/models/person.server";
import { PersonSchema } from "~/utils/directory";
import { resolveLocale } from "~/utils/locale.server";
import { requirePermission } from "~/utils/permissions.server";
import { refusalOf } from "~/utils/refusal";
import { notFound, refusalReply } from "~/utils/refusal.server";
import { readForm } from "~/utils/request.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "titles.editPerson", data?.person.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "people:edit");
  const person = await getPerson(user, params.personId ?? "");
  if (!person || person.erasedAt) throw notFound();
  const locale = await resolveLocale(request);
  return {
    links: directoryLinksFor(user),
    person: {
      id: person.id,
      name: person.name,
      email: person.email ?? "",
      phone: person.phone ?? "",
      position: person.position ?? "",
      locale: person.locale,
      organisationId: person.organisationId ?? "",
      municipalityId: person.municipalityId ?? "",
      gender: person.gender ?? "",
      community: person.community ?? "",
      consentGivenAt: person.consentGivenAt ? person.consentGivenAt.toISOString().slice(0, 10) : "",
      consentText: person.consentText ?? "",
    },
    choices: await personFormChoices(user, locale),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "people:edit");
  const submission = parseWithZod(await readForm(request), { schema: PersonSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const id = params.personId ?? "";
  const outcome = await updatePerson(user, id, personInputFrom(submission.value));
  if (!outcome.ok) return refusalReply(submission, refusalOf(PERSON_REFUSALS, outcome.error));
  return redirect(`/people/${id}?saved=1`);
}

export default function EditPerson() {
  const { t } = useTranslation();
  const { links, person, choices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <DirectoryNav links={links} />
      <h1>{t("directory.person.editTitle", { name: person.name })}</h1>
      <div className="card narrow-form">
        <PersonForm
          id="person-edit"
          choices={choices}
          defaultValue={person}
          lastResult={actionData?.result}
          submitLabel={t("directory.person.save")}
        />
      </div>
    </>
  );
}
