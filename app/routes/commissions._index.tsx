import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DirectoryNav } from "~/components/directory-nav";
import { FormErrors, MunicipalitySelect } from "~/components/forms";
import {
  CREATE_COMMISSION_REFUSALS,
  createCommission,
  DECISION_REFUSALS,
  decideJoinRequest,
  listCommissions,
  listPendingJoinRequests,
} from "~/models/commission.server";
import { directoryLinksFor } from "~/models/person.server";
import { clusterChoices, commissionLabel } from "~/models/places.server";
import { formatDate } from "~/utils/dates";
import { CommissionsAction } from "~/utils/directory";
import { resolveLocale } from "~/utils/locale.server";
import { municipalityName, placeName } from "~/utils/names";
import { can, requirePermission } from "~/utils/permissions.server";
import { refusalOf } from "~/utils/refusal";
import { refusalReply } from "~/utils/refusal.server";
import { readForm } from "~/utils/request.server";
import { publicOrigin } from "~/utils/url.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "directory.commissions.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "commissions:read");
  const locale = await resolveLocale(request);
  const [commissions, requests, clusters] = await Promise.all([listCommissions(), listPendingJoinRequests(), clusterChoices(locale)]);
  return {
    links: directoryLinksFor(user),
    may: { decide: can(user, "commissions:decide"), manage: can(user, "commissions:manage") },
    commissions: commissions.map((c) => ({
      id: c.id,
      name: c.name,
      municipality: municipalityName(c.municipality, locale),
      cluster: placeName(c.municipality.cluster, locale),
      members: c._count.members,
      pending: c._count.joinRequests,
    })),
    requests: requests.map((r) => ({
      id: r.id,
      name: r.user.name,
      email: r.user.email,
      commission: commissionLabel(r.commission, locale),
      date: formatDate(r.createdAt, locale),
    })),
    clusters,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const user = await requirePermission(request, form.get("intent") === "create" ? "commissions:manage" : "commissions:decide");
  const submission = parseWithZod(form, { schema: CommissionsAction });
  if (submission.status !== "success") {
    const key = form.get("intent") === "create" ? "validation.required" : "errors.badRequestTitle";
    return data({ result: submission.reply({ formErrors: [key] }), done: null }, { status: 400 });
  }
  const input = submission.value;
  if (input.intent === "create") {
    const outcome = await createCommission(user, input.municipalityId, input.name);
    if (!outcome.ok) return refusalReply(submission, refusalOf(CREATE_COMMISSION_REFUSALS, outcome.error), { done: null });
    return data({ result: submission.reply({ resetForm: true }), done: "directory.commissions.created" });
  }
  const outcome = await decideJoinRequest(user, input.requestId, { approve: input.intent === "approve", reason: input.reason }, publicOrigin());
  if (!outcome.ok) return refusalReply(submission, refusalOf(DECISION_REFUSALS, outcome.error), { done: null });
  return data({ result: submission.reply(), done: input.intent === "approve" ? "directory.commissions.approved" : "directory.commissions.declined" });
}

export default function Commissions() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <DirectoryNav links={d.links} />
      <h1>{t("directory.commissions.title")}</h1>
      {actionData?.done ? (
        <p className="notice notice-ok" role="status">
          {t(actionData.done)}
        </p>
      ) : null}
      <FormErrors errors={actionData?.result.error?.[""] ?? undefined} />
      <section className="card" data-testid="join-requests">
        <h2>{t("directory.commissions.requestsTitle")}</h2>
        {d.requests.length === 0 ? <p className="muted">{t("directory.commissions.noRequests")}</p> : null}
        <ul className="directory-cards">
          {d.requests.map((r) => (
            <li key={r.id} data-request-email={r.email}>
              <p>
                {t("directory.commissions.requestedBy", { name: r.name, email: r.email, commission: r.commission })}{" "}
                <span className="muted">{r.date}</span>
              </p>
              {d.may.decide ? (
                <Form method="post" className="stack">
                  <input type="hidden" name="requestId" value={r.id} />
                  <div className="field">
                    <label htmlFor={`reason-${r.id}`}>{t("directory.commissions.reason")}</label>
                    <input id={`reason-${r.id}`} type="text" name="reason" maxLength={1000} />
                  </div>
                  <div className="roles-form">
                    <button type="submit" name="intent" value="approve">
                      {t("directory.commissions.approve")}
                    </button>
                    <button type="submit" name="intent" value="decline" className="danger">
                      {t("directory.commissions.decline")}
                    </button>
                  </div>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <div className="table-wrap">
        <table className="responsive">
          <thead>
            <tr>
              <th>{t("directory.fields.municipality")}</th>
              <th>{t("directory.fields.commission")}</th>
              <th>{t("directory.commissions.membersTitle")}</th>
            </tr>
          </thead>
          <tbody>
            {d.commissions.map((c) => (
              <tr key={c.id}>
                <td data-label={t("directory.fields.municipality")}>
                  {c.municipality} <span className="muted">· {c.cluster}</span>
                </td>
                <td data-label={t("directory.fields.commission")}>
                  <Link to={`/commissions/${c.id}`}>{c.name}</Link>
                </td>
                <td data-label={t("directory.commissions.membersTitle")}>
                  {t("directory.commissions.members", { count: c.members })}
                  {c.pending ? <div className="muted">{t("directory.commissions.pending", { count: c.pending })}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d.may.manage ? (
        <section className="card narrow-form">
          <h2>{t("directory.commissions.newTitle")}</h2>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="create" />
            <div className="field">
              <label htmlFor="commission-municipality">{t("directory.fields.municipality")}</label>
              <MunicipalitySelect id="commission-municipality" name="municipalityId" required clusters={d.clusters} />
            </div>
            <div className="field">
              <label htmlFor="commission-name">{t("directory.commissions.name")}</label>
              <input id="commission-name" type="text" name="name" required maxLength={200} />
            </div>
            <button type="submit">{t("directory.commissions.create")}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
