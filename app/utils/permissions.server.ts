import type { Role } from "~/generated/prisma/enums";
import { requireUser, type SessionUser } from "~/utils/auth.server";

/**
 * Who may do what, in one place. Routes ask here first thing in every loader
 * and action; a refusal is a thrown 403 that the error page explains.
 */
export const PERMISSIONS = {
  "users:manage": ["ADMIN"],
  "mailbox:read": ["ADMIN"],
  // directory: people, organisations, commissions
  "people:read": ["ADMIN", "TRAINER"],
  // events and calendar
  "events:read": ["ADMIN", "TRAINER", "EDITOR", "MEMBER"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function hasRole(user: Pick<SessionUser, "roles"> | null | undefined, ...roles: Role[]): boolean {
  return !!user && user.roles.some((role) => roles.includes(role));
}

export function can(user: Pick<SessionUser, "roles"> | null | undefined, permission: Permission): boolean {
  return hasRole(user, ...PERMISSIONS[permission]);
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

export async function requireUserWithRole(request: Request, ...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!hasRole(user, ...roles)) throw forbidden();
  return user;
}

export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user, permission)) throw forbidden();
  return user;
}
