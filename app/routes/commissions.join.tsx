import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { joinOverview, requestToJoin } from "~/models/commission.server";
import { formatDate } from "~/utils/dates";
import { JoinCommissionSchema } from "~/utils/directory";
import { formFields } from "~/utils/forms";
import { resolveLocale } from "~/utils/locale.server";
import { placeName } from "~/utils/names";
import { requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "commissions:join");
  const locale = await resolveLocale(request);
  const overview = await joinOverview(user.id);
  return {
    commissions: overview.commissions.map((c) => ({ id: c.id, name: `${placeName(c.municipality, locale)}: ${c.name}` })),
    requests: overview.requests.map((r) => ({
      id: r.id,
      commission: `${placeName(r.commission.municipality, locale)}: ${r.commission.name}`,
      status: r.status,
      reason: r.reason,
      date: formatDate(r.createdAt, locale),
    })),
    memberships: overview.memberships.map((m) => ({ id: m.id, name: m.commission.name, role: m.role })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "commissions:join");
  const parsed = JoinCommissionSchema.safeParse(formFields(await readForm(request)));
  if (!parsed.success) return data({ ok: false, message: "validation.required" }, { status: 400 });
  const outcome = await requestToJoin(user, parsed.data.commissionId);
  if (!outcome.ok) {
    const message = outcome.error === "notFound" ? "validation.invalidChoice" : `directory.commissions.join.${outcome.error}`;
    return data({ ok: false, message }, { status: 400 });
  }
  return { ok: true, message: "directory.commissions.join.sent" };
}

export default function JoinCommission() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="narrow">
      <h1>{t("directory.commissions.join.title")}</h1>
      <p>{t("directory.commissions.join.intro")}</p>
      {result?.ok ? (
        <p className="notice notice-ok" role="status">
          {t(result.message)}
        </p>
      ) : null}
      <div className="card">
        <Form method="post" className="stack">
          <div className={result && !result.ok ? "field field-invalid" : "field"}>
            <label htmlFor="join-commission">{t("directory.commissions.join.commission")}</label>
            <select id="join-commission" name="commissionId" required aria-describedby={result && !result.ok ? "join-commission-error" : undefined}>
              {d.commissions.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            {result && !result.ok ? (
              <p className="field-error" id="join-commission-error" role="alert">
                {t(result.message)}
              </p>
            ) : null}
          </div>
          <button type="submit">{t("directory.commissions.join.submit")}</button>
        </Form>
      </div>
      {d.memberships.length ? (
        <section className="card">
          <h2>{t("directory.commissions.join.yourCommissions")}</h2>
          <ul>
            {d.memberships.map((m) => (
              <li key={m.id}>
                {m.name} · {t(`directory.commissionRole.${m.role}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.requests.length ? (
        <section className="card">
          <h2>{t("directory.commissions.join.yourRequests")}</h2>
          <ul data-testid="join-requests">
            {d.requests.map((r) => (
              <li key={r.id}>
                {r.commission} · {r.date} · {t(`directory.commissions.join.status.${r.status}`)}
                {r.reason ? <div className="muted">{r.reason}</div> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
