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
  "people:edit": ["ADMIN", "TRAINER"],
  "people:sensitive": ["ADMIN", "TRAINER"],
  "people:export": ["ADMIN", "TRAINER"],
  "people:import": ["ADMIN", "TRAINER"],
  "people:erase": ["ADMIN", "TRAINER"],
  "organisations:manage": ["ADMIN", "TRAINER"],
  "commissions:read": ["ADMIN", "TRAINER"],
  "commissions:manage": ["ADMIN", "TRAINER"],
  "commissions:decide": ["ADMIN", "TRAINER"],
  "commissions:join": ["MEMBER"],
  "directory:aggregates": ["ADMIN", "TRAINER", "EDITOR", "MEMBER"],
  // events and calendar
  "events:read": ["ADMIN", "TRAINER", "EDITOR", "MEMBER"],
  // plan, change, publish and cancel events; staff who may open every event's materials
  "events:manage": ["ADMIN", "TRAINER"],
  // invitations: build lists, send, record answers on someone's behalf
  "invitations:manage": ["ADMIN", "TRAINER"],
  // attendance: check people in at the door, walk-ins, paper sign-in sheets
  "attendance:manage": ["ADMIN", "TRAINER"],
  // guidelines: members (and trainers for a commission) write contributions; editors review and publish
  "contributions:write": ["MEMBER", "TRAINER"],
  "contributions:review": ["ADMIN", "EDITOR"],
  "guidelines:edit": ["ADMIN", "EDITOR"],
  "guidelines:publish": ["ADMIN", "EDITOR"],
  // The printed cover (programme, logos, the donor's disclaimer) is the programme's word to its donors.
  "guidelines:cover": ["ADMIN"],
  // reports: everyone in the programme reads aggregates; only staff see small counts, names and every certificate
  "reports:read": ["ADMIN", "TRAINER", "EDITOR", "MEMBER"],
  "reports:exact": ["ADMIN", "TRAINER"],
  "reports:attendance-list": ["ADMIN", "TRAINER"],
  "certificates:any": ["ADMIN", "TRAINER"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function hasRole(user: Pick<SessionUser, "roles"> | null | undefined, ...roles: Role[]): boolean {
  return !!user && user.roles.some((role) => roles.includes(role));
}

export function can(user: Pick<SessionUser, "roles"> | null | undefined, permission: Permission): boolean {
  return hasRole(user, ...PERMISSIONS[permission]);
}

/**
 * The sensitive-data rule: gender and community per person are visible and
 * editable only to those allowed here; everyone else sees aggregates only.
 * Every loader and export that returns people goes through redactPerson
 * (app/models/person.server.ts), which asks this.
 */
export function maySeeSensitive(user: Pick<SessionUser, "roles"> | null | undefined): boolean {
  return can(user, "people:sensitive");
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
