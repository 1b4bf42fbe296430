import { z } from "zod";
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

export const passwordField = z
  .string({ error: "validation.required" })
  .min(10, "validation.passwordTooShort")
  .max(200, "validation.passwordTooLong");

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

/**
 * zod's own messages, for the checks a schema gives none (a field sent
 * twice, a number where text was expected, an item of a list too long), as
 * translation keys like every other message, so that a refused form always
 * shows something the reader can read. root.tsx loads this module, so it
 * holds on the server and in the browser.
 */
z.config({
  customError: (issue) => {
    switch (issue.code) {
      case "invalid_type":
        return issue.input === undefined ? "validation.required" : "forms.invalid";
      case "too_big":
        return issue.origin === "string" ? "validation.tooLong" : "forms.tooBig";
      case "too_small":
        return issue.origin === "string" && issue.minimum === 1 ? "validation.required" : "forms.tooSmall";
      case "invalid_value":
        return "validation.invalidChoice";
      case "invalid_format":
        return issue.format === "email" ? "validation.email" : "forms.invalid";
      default:
        return "forms.invalid";
    }
  },
});
