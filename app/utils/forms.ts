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
