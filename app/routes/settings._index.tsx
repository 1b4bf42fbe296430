import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hasSecondFactor } from "~/models/second-factor.server";
import { requireUser } from "~/utils/auth.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.settings.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { secondFactor: await hasSecondFactor(user.id) };
}

export default function AccountSettings() {
  const { t } = useTranslation();
  const { secondFactor } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>{t("account.settings.title")}</h1>
      <p>{t("account.settings.intro")}</p>
      <ul className="stack">
        <li className="card">
          <Link to="/settings/password">{t("account.settings.password")}</Link>
        </li>
        <li className="card">
          <Link to="/settings/sessions">{t("account.settings.sessions")}</Link>
        </li>
        <li className="card">
          <Link to="/settings/two-factor">{t("account.settings.twoFactor")}</Link>
          <p className="muted">{secondFactor ? t("account.settings.twoFactorOn") : t("account.settings.twoFactorOff")}</p>
        </li>
      </ul>
    </div>
  );
}
