import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EVENT_STATUSES, EVENT_TYPES } from "~/utils/events";

export type EventFilterChoices = {
  clusters: Array<{ id: string; name: string; municipalities: Array<{ id: string; name: string }> }>;
  themes: Array<{ id: string; name: string }>;
  statuses: readonly string[];
};

export type EventFilterValues = { cluster?: string; municipality?: string; type?: string; theme?: string; status?: string };

/** The filter bar of the list and the month calendar: a GET form, so it works without JavaScript and links can be shared. */
export function EventFilters({ choices, values, hidden = {} }: { choices: EventFilterChoices; values: EventFilterValues; hidden?: Record<string, string> }) {
  const { t } = useTranslation();
  const select = (name: keyof EventFilterValues, label: string, options: Array<{ value: string; label: string; group?: string }>) => (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={values[name] ?? ""}>
        <option value="">{t("events.all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const active = (["cluster", "municipality", "type", "theme", "status"] as const).some((name) => values[name]);
  // Folded away until used, so that on a phone the events come first.
  return (
    <details className="card event-filter-box" open={active}>
      <summary>{t("events.filter")}</summary>
      <Form method="get" className="event-filters" role="search">
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {select("cluster", t("events.fields.cluster"), choices.clusters.map((c) => ({ value: c.id, label: c.name })))}
        {select(
          "municipality",
          t("events.fields.municipality"),
          choices.clusters.flatMap((c) => c.municipalities.map((m) => ({ value: m.id, label: m.name }))),
        )}
        {select("type", t("events.fields.type"), EVENT_TYPES.map((type) => ({ value: type, label: t(`events.types.${type}`) })))}
        {select("theme", t("events.fields.theme"), choices.themes.map((theme) => ({ value: theme.id, label: theme.name })))}
        {select(
          "status",
          t("events.fields.status"),
          EVENT_STATUSES.filter((s) => choices.statuses.includes(s)).map((s) => ({ value: s, label: t(`events.statuses.${s}`) })),
        )}
        <div className="event-filters-actions">
          <button type="submit">{t("events.filter")}</button>
          <Link to={`?${new URLSearchParams(hidden)}`}>{t("events.clearFilters")}</Link>
        </div>
      </Form>
    </details>
  );
}
