import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceSelect, enumChoices, Field } from "~/components/forms";
import { COMMUNITIES, GENDERS } from "~/utils/directory";

type Column = { initialValue?: unknown };

/** A column's typed values, row by row (one value comes back as a string, several as a list). */
function valuesOf(column: Column): string[] {
  const value = column.initialValue;
  if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? v : ""));
  return typeof value === "string" ? [value] : [];
}

/**
 * The written-in people of a paper sheet, one row each as on the sheet:
 * name, email, and (for those who may see them) gender and community as
 * ticked on the paper. Plain fields, so the form works without JavaScript;
 * each row sends all its fields, empty ones too, so the server reads a row
 * as the same position in each list.
 */
export function WrittenInRows({
  rows,
  sensitive,
  columns,
  errors,
}: {
  rows: number;
  sensitive: boolean;
  columns: { writtenName: Column; writtenEmail: Column; writtenGender: Column; writtenCommunity: Column };
  /** The form's errors by field name (`writtenName[2]`). */
  errors: Record<string, string[] | undefined>;
}) {
  const { t } = useTranslation();
  const typed = {
    name: valuesOf(columns.writtenName),
    email: valuesOf(columns.writtenEmail),
    gender: valuesOf(columns.writtenGender),
    community: valuesOf(columns.writtenCommunity),
  };
  const genders = enumChoices(GENDERS, t, "directory.gender");
  const communities = enumChoices(COMMUNITIES, t, "directory.community");
  const none = t("invitations.checkin.walkIn.none");
  return (
    <ol className="written-in-rows">
      {Array.from({ length: rows }, (_, row) => (
        <li key={row}>
          <fieldset className="written-in-row">
            <legend>{t("invitations.checkin.paper.row", { number: row + 1 })}</legend>
            <Field id={`written-${row}-name`} label={t("directory.fields.name")} errors={errors[`writtenName[${row}]`]}>
              <input id={`written-${row}-name`} name="writtenName" type="text" autoComplete="off" defaultValue={typed.name[row] ?? ""} />
            </Field>
            <Field id={`written-${row}-email`} label={t("directory.fields.email")} errors={errors[`writtenEmail[${row}]`]}>
              <input id={`written-${row}-email`} name="writtenEmail" type="email" autoComplete="off" defaultValue={typed.email[row] ?? ""} />
            </Field>
            {sensitive ? (
              <>
                <Field id={`written-${row}-gender`} label={t("directory.fields.gender")} errors={errors[`writtenGender[${row}]`]}>
                  <ChoiceSelect id={`written-${row}-gender`} name="writtenGender" choices={genders} empty={none} defaultValue={typed.gender[row] ?? ""} />
                </Field>
                <Field id={`written-${row}-community`} label={t("directory.fields.community")} errors={errors[`writtenCommunity[${row}]`]}>
                  <ChoiceSelect id={`written-${row}-community`} name="writtenCommunity" choices={communities} empty={none} defaultValue={typed.community[row] ?? ""} />
                </Field>
              </>
            ) : null}
          </fieldset>
        </li>
      ))}
    </ol>
  );
}

/** The people this event's check-in created whose details are still to complete, each with a link to their edit page. */
export function PeopleToComplete({ people }: { people: Array<{ id: string; name: string; missing: string[] }> }) {
  const { t } = useTranslation();
  if (people.length === 0) return null;
  return (
    <section className="notice notice-warning" aria-labelledby="to-complete-title" data-testid="people-to-complete">
      <h2 id="to-complete-title">{t("invitations.checkin.paper.toComplete", { count: people.length })}</h2>
      <p className="hint">{t("invitations.checkin.paper.toCompleteHint")}</p>
      <ul>
        {people.map((person) => (
          <li key={person.id}>
            <Link to={`/people/${person.id}/edit`}>{person.name}</Link>
            <span className="muted"> · {t("invitations.checkin.paper.missing", { details: person.missing.map((detail) => t(`directory.fields.${detail}`)).join(", ") })}</span>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/people?toComplete=1">{t("invitations.checkin.paper.allToComplete")}</Link>
      </p>
    </section>
  );
}
