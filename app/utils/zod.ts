import { z } from "zod";

/**
 * zod, with its own messages as translation keys. Every schema of the app is
 * built from this `z` (ESLint refuses `zod` itself elsewhere in app/), so the
 * setting below holds wherever a schema is used: on the server, and in the
 * browser on a page that checks a form before sending it, without the root
 * route loading zod for every page.
 *
 * zod's messages, for the checks a schema gives none (a field sent twice, a
 * number where text was expected, an item of a list too long), are keys like
 * every other message, so that a refused form always shows something the
 * reader can read.
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

export { z };
