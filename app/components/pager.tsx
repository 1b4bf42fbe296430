import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The page number a list's URL asks for (`?page=`), 1 when missing or not a number. */
export function pageFromSearch(params: URLSearchParams): number {
  return Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
}

/** Previous and next links of a paged list; they keep the list's other parameters (search, filters), except those named in `omit` (one-time notices). */
export function Pager({ page, pages, omit = [] }: { page: number; pages: number; omit?: readonly string[] }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (pages <= 1) return null;
  const linkTo = (target: number) => {
    const params = new URLSearchParams(location.search);
    for (const name of omit) params.delete(name);
    params.set("page", String(target));
    return `${location.pathname}?${params}`;
  };
  const label = t("common.page", { page, pages });
  return (
    <nav className="pager" aria-label={label}>
      {page > 1 ? <Link to={linkTo(page - 1)}>{t("common.previous")}</Link> : null}
      <span className="muted">{label}</span>
      {page < pages ? <Link to={linkTo(page + 1)}>{t("common.next")}</Link> : null}
    </nav>
  );
}
