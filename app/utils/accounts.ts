import { z } from "~/utils/zod";
import { ROLES } from "./roles";
import { emailField, localeField, passwordField, requiredText, withPasswordConfirmation } from "./validation";

// The account forms (log-in, registration, password reset, user
// administration), checked the same way in the browser and on the server.
// They live here rather than in their routes so that the bad-input test
// (test/bad-input.test.ts) can generate refusals from them.

export const LoginSchema = z.object({
  email: z.string({ error: "validation.required" }).trim().max(254, "validation.tooLong"),
  // Longer than a new password may be (128), for passwords chosen before that limit.
  password: z.string({ error: "validation.required" }).max(200, "validation.tooLong"),
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

/** Changing one's password while logged in: the current one proves it is the owner. */
export const ChangePasswordSchema = withPasswordConfirmation(
  z.object({
    currentPassword: z.string({ error: "validation.required" }).max(200, "validation.tooLong"),
    password: passwordField,
    confirmPassword: z.string({ error: "validation.required" }),
  }),
);

/** The sessions page: log out one session, or every one but this (with the password). */
export const SessionsAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("end"), sessionId: z.string().min(1).max(128) }),
  z.object({ intent: z.literal("endOthers"), password: z.string({ error: "validation.required" }).max(200, "validation.tooLong") }),
]);

/** A code from an authenticator app (six digits) or a recovery code, as typed. */
const codeField = z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(40, "validation.tooLong");

/** The second step of a log-in. */
export const SecondStepSchema = z.object({
  code: codeField,
  redirectTo: z.string().max(2000).optional().catch(undefined),
});

/** The two-step log-in page: start, confirm with a first code, renew recovery codes or turn it off. */
export const TwoFactorAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("confirm"), code: codeField }),
  z.object({ intent: z.literal("renew"), password: z.string({ error: "validation.required" }).max(200, "validation.tooLong"), code: codeField }),
  z.object({ intent: z.literal("disable"), password: z.string({ error: "validation.required" }).max(200, "validation.tooLong"), code: codeField }),
]);

/** The email link's confirmation button (the page posts the token back). */
export const VerifyEmailSchema = z.object({ token: z.string().min(1).max(200) });

const RoleEnum = z.enum(ROLES);

/** What an admin does on the users page: set someone's roles, disable or enable an account. */
export const UserAdminAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("roles"), userId: z.string().min(1).max(64), roles: z.array(RoleEnum).max(ROLES.length).default([]) }),
  z.object({ intent: z.literal("disable"), userId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("enable"), userId: z.string().min(1).max(64) }),
]);
