import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceSelect, enumChoices, Field, MunicipalitySelect } from "~/components/forms";
import type { Choice, ClusterChoice } from "~/utils/choices";
import { ORGANISATION_TYPES } from "~/utils/directory";

/** Adds everyone who fits the chosen criteria (cluster, municipality, kind of organisation, commission) to the list. */
export function AddByCriteriaForm({ open, clusters, commissions }: { open: boolean; clusters: ClusterChoice[]; commissions: Choice[] }) {
  const { t } = useTranslation();
  const any = t("invitations.manage.any");
  return (
    <details className="card" open={open}>
      <summary>{t("invitations.manage.addTitle")}</summary>
      <p className="hint">{t("invitations.manage.addHint")}</p>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="add" />
        <Field id="add-cluster" label={t("directory.fields.cluster")}>
          <ChoiceSelect id="add-cluster" name="clusterId" defaultValue="" empty={any} choices={clusters} />
        </Field>
        <Field id="add-municipality" label={t("directory.fields.municipality")}>
          <MunicipalitySelect id="add-municipality" name="municipalityId" defaultValue="" empty={any} clusters={clusters} />
        </Field>
        <Field id="add-type" label={t("directory.fields.organisationType")}>
          <ChoiceSelect id="add-type" name="organisationType" defaultValue="" empty={any} choices={enumChoices(ORGANISATION_TYPES, t, "directory.organisationType")} />
        </Field>
        <Field id="add-commission" label={t("directory.fields.commission")}>
          <ChoiceSelect id="add-commission" name="commissionId" defaultValue="" empty={any} choices={commissions} />
        </Field>
        <button type="submit" className="secondary">
          {t("invitations.manage.add")}
        </button>
      </Form>
    </details>
  );
}

export type PersonMatch = { id: string; name: string; place: string; onList: boolean };

/** Finds people by name and adds them one by one. */
export function AddPersonSearch({ q, matches }: { q: string; matches: PersonMatch[] }) {
  const { t } = useTranslation();
  return (
    <section className="card">
      <h2>{t("invitations.manage.searchTitle")}</h2>
      <Form method="get" className="roles-form" role="search">
        <label htmlFor="person-search" className="visually-hidden">
          {t("invitations.manage.search")}
        </label>
        <input id="person-search" type="search" name="q" defaultValue={q} placeholder={t("invitations.manage.search")} />
        <button type="submit" className="secondary">
          {t("invitations.manage.find")}
        </button>
      </Form>
      {matches.length ? (
        <ul className="plain-list">
          {matches.map((person) => (
            <li key={person.id}>
              {person.name} <span className="muted">{person.place}</span>{" "}
              {person.onList ? (
                <span className="muted">({t("invitations.manage.onList")})</span>
              ) : (
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="addPerson" />
                  <input type="hidden" name="personId" value={person.id} />
                  <button type="submit" className="secondary">
                    {t("invitations.manage.addPerson")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
