import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DirectoryNav } from "~/components/directory-nav";
import { FormErrors } from "~/components/forms";
import { directoryLinksFor, getPerson, MERGE_REFUSALS, mergeCandidates, mergePeople } from "~/models/person.server";
import { MergePeopleSchema } from "~/utils/directory";
import { hiddenFieldErrors } from "~/utils/forms";
import { resolveLocale } from "~/utils/locale.server";
import { placeName } from "~/utils/names";
import { requirePermission } from "~/utils/permissions.server";
import { refusalOf } from "~/utils/refusal";
import { notFound, refusalReply } from "~/utils/refusal.server";
import { readForm } from "~/utils/request.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "titles.merge", data?.person.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "people:edit");
  const person = await getPerson(user, params.personId ?? "");
  if (!person || person.erasedAt) throw notFound();
  const q = new URL(request.url).searchParams.get("q")?.slice(0, 200) ?? "";
  const locale = await resolveLocale(request);
  const candidates = await mergeCandidates(person.id, q);
  return {
    links: directoryLinksFor(user),
    q,
    person: { id: person.id, name: person.name, email: person.email },
    candidates: candidates.map((c) => ({
      id: c.id,
      name: c.name,
      email: c.email,
      organisation: c.organisation?.name ?? null,
      municipality: c.municipality ? placeName(c.municipality, locale) : null,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "people:edit");
  const submission = parseWithZod(await readForm(request), { schema: MergePeopleSchema });
  // The other person is a button's hidden field: a bad one is said above the list.
  if (submission.status !== "success") return data({ result: submission.reply(hiddenFieldErrors(submission.error, ["otherId"])) }, { status: 400 });
  const keepId = params.personId ?? "";
  const outcome = await mergePeople(user, keepId, submission.value.otherId);
  if (!outcome.ok) return refusalReply(submission, refusalOf(MERGE_REFUSALS, outcome.error));
  const counts = new URLSearchParams({
    merged: "1",
    c: String(outcome.commissionsMoved),
    i: String(outcome.invitationsMoved),
    f: String(outcome.facilitationsMoved),
  });
  return redirect(`/people/${keepId}?${counts}`);
}

export default function MergePerson() {
  const { t } = useTranslation();
  const { person, candidates, q, links } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <DirectoryNav links={links} />
      <h1>{t("directory.merge.title", { name: person.name })}</h1>
      <p>{t("directory.merge.intro")}</p>
      <FormErrors errors={actionData?.result.error?.[""] ?? undefined} />
      <Form method="get" className="card roles-form" role="search">
        <label htmlFor="merge-q">{t("directory.merge.search")}</label>
        <input id="merge-q" type="search" name="q" defaultValue={q || person.name} />
        <button type="submit">{t("directory.list.filter")}</button>
      </Form>
      <h2>{t("directory.merge.candidates")}</h2>
      {candidates.length === 0 ? <p>{t("directory.merge.noCandidates")}</p> : null}
      <ul className="directory-cards">
        {candidates.map((c) => (
          <li key={c.id} className="card" data-candidate-id={c.id}>
            <p>
              <strong>{c.name}</strong>
              <br />
              {[c.email, c.organisation, c.municipality].filter(Boolean).join(" · ")}
            </p>
            <details>
              <summary>{t("directory.merge.choose")}</summary>
              <Form method="post">
                <p>{t("directory.merge.confirm", { other: `${c.name}${c.email ? ` (${c.email})` : ""}`, name: person.name })}</p>
                <input type="hidden" name="otherId" value={c.id} />
                <button type="submit" className="danger">
                  {t("directory.merge.choose")}
                </button>
              </Form>
            </details>
          </li>
        ))}
      </ul>
      <p>
        <Link to={`/people/${person.id}`}>{t("common.back")}</Link>
      </p>
    </>
  );
}
