import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type DirectoryLinks = { people: boolean; organisations: boolean; commissions: boolean; import: boolean; summary: boolean };

/** The directory's own menu, under the site's: only the parts the reader may use. */
export function DirectoryNav({ links }: { links: DirectoryLinks }) {
  const { t } = useTranslation();
  const items = [
    { to: "/people", end: true, show: links.people, label: t("directory.nav.people") },
    { to: "/organisations", end: false, show: links.organisations, label: t("directory.nav.organisations") },
    { to: "/commissions", end: true, show: links.commissions, label: t("directory.nav.commissions") },
    { to: "/people/import", end: false, show: links.import, label: t("directory.nav.import") },
    { to: "/people/summary", end: true, show: links.summary, label: t("directory.nav.summary") },
  ].filter((item) => item.show);
  return (
    <nav className="directory-nav" aria-label={t("directory.title")}>
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end}>
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
