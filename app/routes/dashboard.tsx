import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";
import { resolveLocale } from "~/utils/locale.server";
import { can } from "~/utils/permissions.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "dashboard.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Dates are formatted on the server: browsers' ICU data can word them differently, which would break hydration.
  const today = formatDateTime(new Date(), await resolveLocale(request));
  return { name: user.name, email: user.email, roles: user.roles, today, canJoinCommission: can(user, "commissions:join"), canSeeSummary: can(user, "directory:aggregates") && !can(user, "people:read") };
}

export default function Dashboard() {
  const { t } = useTranslation();
  const { name, email, roles, today, canJoinCommission, canSeeSummary } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("dashboard.welcome", { name })}</h1>
      <p className="muted">{t("dashboard.today", { date: today })}</p>
      <section className="card">
        <h2>{t("dashboard.yourRoles")}</h2>
        <ul className="tags" data-testid="roles">
          {roles.map((role) => (
            <li key={role}>{t(`roles.${role}`)}</li>
          ))}
        </ul>
        <p className="muted">{t("dashboard.lastLogin", { email })}</p>
      </section>
      {canJoinCommission || canSeeSummary ? (
        <ul className="card">
          {canJoinCommission ? (
            <li>
              <Link to="/commissions/join">{t("directory.commissions.join.link")}</Link>
            </li>
          ) : null}
          {canSeeSummary ? (
            <li>
              <Link to="/people/summary">{t("directory.summary.title")}</Link>
            </li>
          ) : null}
        </ul>
      ) : null}
    </>
  );
}
