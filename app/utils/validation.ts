import { z } from "./zod";
import { LOCALES } from "./i18n";

// Shared field rules. Messages are keys into the translations (validation.*),
// so the browser and the server show the same text in the reader's language.

export const requiredText = (max = 200) =>
  z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.tooLong");

export const emailField = z
  .string({ error: "validation.required" })
  .trim()
  .max(254, "validation.tooLong")
  .pipe(z.email("validation.email"));

/**
 * A new password: 12 to 128 characters of any kind (ASVS 2.1.1, 2.1.2, 2.1.4),
 * kept as typed (never trimmed or cut). Whether it is too easy to guess is
 * the server's check (app/models/password-policy.server.ts), whose lists are
 * too big to send to a browser.
 */
export const passwordField = z
  .string({ error: "validation.required" })
  .min(12, "validation.passwordTooShort")
  .max(128, "validation.passwordTooLong");

export const localeField = z.enum(LOCALES, { error: "validation.invalidChoice" });

/** The version (or revision) of a record a page was built from: a whole number from 1 that the database's integer column holds. */
export const versionNumber = z.coerce.number().int().min(1).max(2_147_483_647);

/** Checks that a password and its repetition agree, reporting on the repetition. */
export function withPasswordConfirmation<T extends z.ZodObject<{ password: z.ZodType<string>; confirmPassword: z.ZodType<string> }>>(schema: T) {
  return schema.refine((value) => value.password === value.confirmPassword, {
    message: "validation.passwordsDontMatch",
    path: ["confirmPassword"],
  });
}
