import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";
import { useLocale } from "~/utils/use-locale";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { name: user.name, email: user.email, roles: user.roles, now: new Date().toISOString() };
}

export default function Dashboard() {
  const { t } = useTranslation();
  const { name, email, roles, now } = useLoaderData<typeof loader>();
  const locale = useLocale();
  return (
    <>
      <h1>{t("dashboard.welcome", { name })}</h1>
      <p className="muted">{t("dashboard.today", { date: formatDateTime(now, locale) })}</p>
      <section className="card">
        <h2>{t("dashboard.yourRoles")}</h2>
        <ul className="tags" data-testid="roles">
          {roles.map((role) => (
            <li key={role}>{t(`roles.${role}`)}</li>
          ))}
        </ul>
        <p className="muted">{t("dashboard.lastLogin", { email })}</p>
      </section>
    </>
  );
}
