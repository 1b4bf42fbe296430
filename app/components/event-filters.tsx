import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceSelect, enumChoices, Field } from "~/components/forms";
import type { Choice, ClusterChoice } from "~/utils/choices";
import { EVENT_STATUSES, EVENT_TYPES } from "~/utils/events";

/** The filter bar's choices (eventFilterChoices in app/models/event.server.ts). */
export type EventFilterChoices = { clusters: ClusterChoice[]; themes: Choice[]; statuses: readonly string[] };

export type EventFilterValues = { cluster?: string; municipality?: string; type?: string; theme?: string; status?: string };

/** The filter bar of the list and the month calendar: a GET form, so it works without JavaScript and links can be shared. */
export function EventFilters({ choices, values, hidden = {} }: { choices: EventFilterChoices; values: EventFilterValues; hidden?: Record<string, string> }) {
  const { t } = useTranslation();
  const select = (name: keyof EventFilterValues, label: string, choices: Choice[]) => (
    <Field id={`filter-${name}`} label={label}>
      <ChoiceSelect id={`filter-${name}`} name={name} defaultValue={values[name] ?? ""} empty={t("events.all")} choices={choices} />
    </Field>
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
        {select("cluster", t("events.fields.cluster"), choices.clusters)}
        {select(
          "municipality",
          t("events.fields.municipality"),
          choices.clusters.flatMap((c) => c.municipalities),
        )}
        {select("type", t("events.fields.type"), enumChoices(EVENT_TYPES, t, "events.types"))}
        {select("theme", t("events.fields.theme"), choices.themes)}
        {select(
          "status",
          t("events.fields.status"),
          enumChoices(
            EVENT_STATUSES.filter((s) => choices.statuses.includes(s)),
            t,
            "events.statuses",
          ),
        )}
        <div className="event-filters-actions">
          <button type="submit">{t("events.filter")}</button>
          <Link to={`?${new URLSearchParams(hidden)}`}>{t("events.clearFilters")}</Link>
        </div>
      </Form>
    </details>
  );
}
