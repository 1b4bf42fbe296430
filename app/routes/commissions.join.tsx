import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceSelect, Field } from "~/components/forms";
import { JOIN_REFUSALS, joinOverview, requestToJoin } from "~/models/commission.server";
import { commissionChoices, commissionLabel } from "~/models/places.server";
import { formatDate } from "~/utils/dates";
import { JoinCommissionSchema } from "~/utils/directory";
import { resolveLocale } from "~/utils/locale.server";
import { requirePermission } from "~/utils/permissions.server";
import { refusalOf } from "~/utils/refusal";
import { refusalReply } from "~/utils/refusal.server";
import { readForm } from "~/utils/request.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "directory.commissions.join.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "commissions:join");
  const locale = await resolveLocale(request);
  const [commissions, overview] = await Promise.all([commissionChoices(locale), joinOverview(user.id)]);
  return {
    commissions,
    requests: overview.requests.map((r) => ({
      id: r.id,
      commission: commissionLabel(r.commission, locale),
      status: r.status,
      reason: r.reason,
      date: formatDate(r.createdAt, locale),
    })),
    memberships: overview.memberships.map((m) => ({ id: m.id, name: m.commission.name, role: m.role })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "commissions:join");
  const submission = parseWithZod(await readForm(request), { schema: JoinCommissionSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  const outcome = await requestToJoin(user, submission.value.commissionId);
  if (!outcome.ok) return refusalReply(submission, refusalOf(JOIN_REFUSALS, outcome.error), { sent: false });
  return data({ result: submission.reply(), sent: true });
}

export default function JoinCommission() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "join-commission",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: JoinCommissionSchema }),
  });
  return (
    <div className="narrow">
      <h1>{t("directory.commissions.join.title")}</h1>
      <p>{t("directory.commissions.join.intro")}</p>
      {actionData?.sent ? (
        <p className="notice notice-ok" role="status">
          {t("directory.commissions.join.sent")}
        </p>
      ) : null}
      <div className="card">
        <Form method="post" className="stack" {...getFormProps(form)}>
          <Field id={fields.commissionId.id} label={t("directory.commissions.join.commission")} errors={fields.commissionId.errors}>
            <ChoiceSelect {...getSelectProps(fields.commissionId)} choices={d.commissions} />
          </Field>
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
