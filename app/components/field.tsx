import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
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
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? <p className="hint">{hint}</p> : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {translateMessage(t, error)}
        </p>
      ) : null}
    </div>
  );
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
