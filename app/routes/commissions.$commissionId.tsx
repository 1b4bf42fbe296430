import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DirectoryNav } from "~/components/directory-nav";
import { ChoiceSelect, enumChoices, FormErrors } from "~/components/forms";
import { getCommission, MEMBER_REFUSALS, removeCommissionMember, setCommissionMember } from "~/models/commission.server";
import { directoryLinksFor, listPeople } from "~/models/person.server";
import { COMMISSION_ROLES, CommissionMemberAction } from "~/utils/directory";
import { resolveLocale } from "~/utils/locale.server";
import { municipalityName } from "~/utils/names";
import { can, requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";
import { refusalOf } from "~/utils/refusal";
import { notFound, refusalReply } from "~/utils/refusal.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "titles.commission", data?.commission.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "commissions:read");
  const commission = await getCommission(params.commissionId ?? "");
  if (!commission) throw notFound();
  const locale = await resolveLocale(request);
  const q = new URL(request.url).searchParams.get("q")?.slice(0, 200) ?? "";
  // Offer people of the commission's municipality first; a search reaches everyone.
  const found = await listPeople(user, q ? { q } : { municipality: commission.municipalityId });
  return {
    links: directoryLinksFor(user),
    manage: can(user, "commissions:manage"),
    q,
    commission: { id: commission.id, name: commission.name, municipality: municipalityName(commission.municipality, locale) },
    members: commission.members.map((m) => ({
      personId: m.person.id,
      name: m.person.name,
      position: m.person.position,
      organisation: m.person.organisation?.name ?? null,
      role: m.role,
    })),
    candidates: found.people.map((p) => ({ id: p.id, name: p.email ? `${p.name} (${p.email})` : p.name })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "commissions:manage");
  const submission = parseWithZod(await readForm(request), { schema: CommissionMemberAction });
  if (submission.status !== "success") return data({ result: submission.reply({ formErrors: ["errors.badRequestTitle"] }), done: null }, { status: 400 });
  const id = params.commissionId ?? "";
  const input = submission.value;
  const outcome =
    input.intent === "set" ? await setCommissionMember(user, id, input.personId, input.role) : await removeCommissionMember(user, id, input.personId);
  if (!outcome.ok) return refusalReply(submission, refusalOf(MEMBER_REFUSALS, outcome.error), { done: null });
  return data({ result: submission.reply(), done: input.intent === "set" ? "directory.commissions.memberSaved" : "directory.commissions.removed" });
}

export default function CommissionPage() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const roles = enumChoices(COMMISSION_ROLES, t, "directory.commissionRole");
  return (
    <>
      <DirectoryNav links={d.links} />
      <h1>{d.commission.name}</h1>
      <p className="muted">{d.commission.municipality}</p>
      {actionData?.done ? (
        <p className="notice notice-ok" role="status">
          {t(actionData.done)}
        </p>
      ) : null}
      <FormErrors errors={actionData?.result.error?.[""] ?? undefined} />
      <h2>{t("directory.commissions.membersTitle")}</h2>
      {d.members.length === 0 ? <p className="muted">{t("directory.commissions.noMembers")}</p> : null}
      <div className="table-wrap">
        <table className="responsive">
          <tbody>
            {d.members.map((m) => (
              <tr key={m.personId}>
                <td data-label={t("directory.fields.name")}>
                  <Link to={`/people/${m.personId}`}>{m.name}</Link>
                  <div className="muted">{[m.position, m.organisation].filter(Boolean).join(" · ")}</div>
                </td>
                <td data-label={t("directory.fields.role")}>
                  {d.manage ? (
                    <Form method="post" className="roles-form">
                      <input type="hidden" name="intent" value="set" />
                      <input type="hidden" name="personId" value={m.personId} />
                      <label htmlFor={`role-${m.personId}`} className="visually-hidden">
                        {t("directory.fields.role")}
                      </label>
                      <ChoiceSelect id={`role-${m.personId}`} name="role" defaultValue={m.role} choices={roles} />
                      <button type="submit" className="secondary">
                        {t("common.save")}
                      </button>
                    </Form>
                  ) : (
                    t(`directory.commissionRole.${m.role}`)
                  )}
                </td>
                <td>
                  {d.manage ? (
                    <details>
                      <summary>{t("directory.commissions.remove")}</summary>
                      <Form method="post">
                        <p>{t("directory.commissions.removeConfirm", { name: m.name })}</p>
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="personId" value={m.personId} />
                        <button type="submit" className="danger">
                          {t("directory.commissions.remove")}
                        </button>
                      </Form>
                    </details>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d.manage ? (
        <section className="card narrow-form">
          <h2>{t("directory.commissions.addMember")}</h2>
          <Form method="get" className="roles-form" role="search">
            <label htmlFor="member-q">{t("directory.commissions.findPerson")}</label>
            <input id="member-q" type="search" name="q" defaultValue={d.q} />
            <button type="submit" className="secondary">
              {t("directory.list.filter")}
            </button>
          </Form>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="set" />
            <div className="field">
              <label htmlFor="member-person">{t("directory.commissions.person")}</label>
              <ChoiceSelect id="member-person" name="personId" required choices={d.candidates} />
            </div>
            <div className="field">
              <label htmlFor="member-role">{t("directory.fields.role")}</label>
              <ChoiceSelect id="member-role" name="role" defaultValue="MEMBER" choices={roles} />
            </div>
            <button type="submit">{t("directory.commissions.setMember")}</button>
          </Form>
        </section>
      ) : null}
      <p>
        <Link to="/commissions">{t("common.back")}</Link>
      </p>
    </>
  );
}
