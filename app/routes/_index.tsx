import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { clusterChoices } from "~/models/places.server";
import { getSessionUser } from "~/utils/auth.server";
import { resolveLocale } from "~/utils/locale.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "nav.home");

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, clusters] = await Promise.all([getSessionUser(request), resolveLocale(request).then(clusterChoices)]);
  return { loggedIn: !!user, clusters };
}

export default function Home() {
  const { t } = useTranslation();
  const { loggedIn, clusters } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p>{t("home.intro")}</p>
      {loggedIn ? null : (
        <p>
          <Link to="/login">{t("home.getStarted")}</Link>
        </p>
      )}
      <h2>{t("home.clusters")}</h2>
      {clusters.map((cluster) => (
        <section className="card" key={cluster.id}>
          <h3>
            {cluster.name}{" "}
            <span className="muted">({t("home.municipalityCount", { count: cluster.municipalities.length })})</span>
          </h3>
          <ul className="tags">
            {cluster.municipalities.map((m) => (
              <li key={m.id}>{m.name}</li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
