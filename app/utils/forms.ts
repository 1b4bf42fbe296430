import type { TFunction } from "i18next";

/**
 * Form errors travel as message keys, optionally with values after a "|":
 * `auth.login.locked|{"count":5}`. This builds one and the helper below reads
 * it back in the reader's language.
 */
export function messageWith(key: string, values: Record<string, string | number>): string {
  return `${key}|${JSON.stringify(values)}`;
}

export function translateMessage(t: TFunction, message: string | undefined | null): string | undefined {
  if (!message) return undefined;
  const [key, raw] = message.split("|", 2);
  let values: Record<string, unknown> = {};
  if (raw) {
    try {
      values = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      values = {};
    }
  }
  return t(key, values) as string;
}

/**
 * A form's fields as an object for a zod schema. A field sent more than once
 * becomes an array, so a schema that expects one value refuses it instead of
 * quietly taking the last one (as Object.fromEntries would).
 */
export function formFields(form: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  return Object.fromEntries(
    [...new Set(form.keys())].map((name) => {
      const values = form.getAll(name);
      return [name, values.length === 1 ? values[0] : values];
    }),
  );
}

/**
 * Reply options for a refused form whose problem lies in a field the page
 * does not show (a hidden field, a button's value, a list offered only to
 * some): it is said above the form, since it has no place of its own.
 */
export function hiddenFieldErrors(error: Record<string, unknown> | null | undefined, hidden: readonly string[]): { formErrors: string[] } | undefined {
  return hidden.some((name) => error?.[name]) ? { formErrors: ["errors.badRequestTitle"] } : undefined;
}
