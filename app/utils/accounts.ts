import { z } from "~/utils/zod";
import { ROLES } from "./roles";
import { emailField, localeField, passwordField, requiredText, withPasswordConfirmation } from "./validation";

// The account forms (log-in, registration, password reset, user
// administration), checked the same way in the browser and on the server.
// They live here rather than in their routes so that the bad-input test
// (test/bad-input.test.ts) can generate refusals from them.

export const LoginSchema = z.object({
  email: z.string({ error: "validation.required" }).trim().max(254, "validation.tooLong"),
  password: z.string({ error: "validation.required" }).max(200, "validation.passwordTooLong"),
  // Where to go after logging in, from the page's own address: one that cannot be used is dropped (the dashboard instead).
  redirectTo: z.string().max(2000).optional().catch(undefined),
});

export const RegisterSchema = withPasswordConfirmation(
  z.object({
    name: requiredText(120),
    email: emailField,
    password: passwordField,
    confirmPassword: z.string({ error: "validation.required" }),
    locale: localeField,
  }),
);

export const ForgotPasswordSchema = z.object({ email: emailField });

export const ResetPasswordSchema = withPasswordConfirmation(
  z.object({
    // The link's token, in a hidden field: one that cannot be read is an invalid link, said above the form.
    token: z.string().max(200).catch(""),
    password: passwordField,
    confirmPassword: z.string({ error: "validation.required" }),
  }),
);

/** The email link's confirmation button (the page posts the token back). */
export const VerifyEmailSchema = z.object({ token: z.string().min(1).max(200) });

const RoleEnum = z.enum(ROLES);

/** What an admin does on the users page: set someone's roles, disable or enable an account. */
export const UserAdminAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("roles"), userId: z.string().min(1).max(64), roles: z.array(RoleEnum).max(ROLES.length).default([]) }),
  z.object({ intent: z.literal("disable"), userId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("enable"), userId: z.string().min(1).max(64) }),
]);
