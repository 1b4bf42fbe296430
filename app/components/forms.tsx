import type { TFunction } from "i18next";
import { cloneElement, isValidElement, type ComponentProps, type ReactElement, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Choice, ClusterChoice } from "~/utils/choices";
import { translateMessage } from "~/utils/forms";

/** A labelled form control with its error (translated) right under it. */
export function Field({
  id,
  label,
  errors,
  hint,
  children,
}: {
  id: string;
  label: string;
  errors?: string[];
  hint?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const error = errors?.[0];
  // Screen readers read the hint and the error with the control only when the control points at them.
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const control = isValidElement<Record<string, unknown>>(children) ? describedControl(children, [hintId, errorId], !!error) : children;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {control}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error && errors.length > 1 ? (
        // The reason first, then what would help (a password's strength feedback).
        <div className="field-error" id={`${id}-error`} role="alert">
          <p>{translateMessage(t, error)}</p>
          <ul>
            {errors.slice(1).map((more) => (
              <li key={more}>{translateMessage(t, more)}</li>
            ))}
          </ul>
        </div>
      ) : error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {translateMessage(t, error)}
        </p>
      ) : null}
    </div>
  );
}

/** The control with aria-describedby naming its hint and error (kept with what it already names, e.g. conform's), and aria-invalid when in error. */
function describedControl(control: ReactElement<Record<string, unknown>>, ids: Array<string | undefined>, invalid: boolean) {
  const own = typeof control.props["aria-describedby"] === "string" ? control.props["aria-describedby"].split(" ") : [];
  const describedBy = [...new Set([...own, ...ids].filter((part): part is string => !!part))].join(" ");
  return cloneElement(control, {
    "aria-describedby": describedBy || undefined,
    "aria-invalid": invalid ? true : control.props["aria-invalid"],
  });
}

/** Errors about the whole form (e.g. wrong password), shown above its fields. */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div className="notice notice-error" id={id} role="alert">
      {errors.map((error) => (
        <p key={error}>{translateMessage(t, error)}</p>
      ))}
    </div>
  );
}

type SelectProps = Omit<ComponentProps<"select">, "children"> & {
  /** The label of an empty first option ("All", "None", "—"); none when left out. */
  empty?: string;
};

/** A select of choices already in the reader's language (app/models/places.server.ts); works with conform's getSelectProps or plain name/defaultValue. */
export function ChoiceSelect({ choices, empty, ...props }: SelectProps & { choices: readonly Choice[] }) {
  return (
    <select {...props}>
      {empty !== undefined ? <option value="">{empty}</option> : null}
      {choices.map((choice) => (
        <option key={choice.id} value={choice.id}>
          {choice.name}
        </option>
      ))}
    </select>
  );
}

/** The municipality select: municipalities grouped under their cluster. */
export function MunicipalitySelect({ clusters, empty, ...props }: SelectProps & { clusters: readonly ClusterChoice[] }) {
  return (
    <select {...props}>
      {empty !== undefined ? <option value="">{empty}</option> : null}
      {clusters.map((cluster) => (
        <optgroup key={cluster.id} label={cluster.name}>
          {cluster.municipalities.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

/** The choices of a fixed list (event types, genders, organisation types), labelled by their translations under `prefix`. */
export function enumChoices(values: readonly string[], t: TFunction, prefix: string): Choice[] {
  return values.map((value) => ({ id: value, name: t(`${prefix}.${value}`) as string }));
}
