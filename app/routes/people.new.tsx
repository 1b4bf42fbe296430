import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DirectoryNav } from "~/components/directory-nav";
import { PersonForm } from "~/components/person-form";
import { createPerson, directoryLinksFor, PERSON_REFUSALS, personFormChoices, personInputFrom } from "~/models/person.server";
import { PersonSchema } from "~/utils/directory";
import { resolveLocale } from "~/utils/locale.server";
import { requirePermission } from "~/utils/permissions.server";
import { refusalOf } from "~/utils/refusal";
import { refusalReply } from "~/utils/refusal.server";
import { readForm } from "~/utils/request.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "directory.person.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "people:edit");
  const locale = await resolveLocale(request);
  return {
    links: directoryLinksFor(user),
    choices: await personFormChoices(user, locale),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "people:edit");
  const submission = parseWithZod(await readForm(request), { schema: PersonSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await createPerson(user, personInputFrom(submission.value));
  if (!outcome.ok) return refusalReply(submission, refusalOf(PERSON_REFUSALS, outcome.error));
  return redirect(`/people/${outcome.person.id}?created=1`);
}

export default function NewPerson() {
  const { t } = useTranslation();
  const { links, choices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <DirectoryNav links={links} />
      <h1>{t("directory.person.newTitle")}</h1>
      <div className="card narrow-form">
        <PersonForm id="person-new" choices={choices} lastResult={actionData?.result} submitLabel={t("directory.person.create")} />
      </div>
    </>
  );
}
