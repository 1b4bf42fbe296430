import { z } from "zod";
import { PERSON_LOCALES, PersonSchema } from "./directory";

// Check-in constants and small rules shared by the server and the phone at the door.

export const CHECK_IN_METHODS = ["QR", "NAME_SEARCH", "PAPER", "WALK_IN"] as const;
export type CheckInMethodName = (typeof CHECK_IN_METHODS)[number];

/** A local day as the check-in pages name it: YYYY-MM-DD. */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The invitation id written in a QR check-in code, read without verifying it (the server verifies). */
export function invitationIdInCode(code: string): string | null {
  const match = /^DURABLE-CHECKIN:([A-Za-z0-9_-]{1,64})\./.exec(code.trim());
  return match ? match[1] : null;
}

/**
 * Why a check-in was refused, as the server answers it. The phone shows the
 * message for it and drops the tap from its queue: sending it again would be
 * refused again.
 */
export const CHECK_IN_REFUSALS = [
  "eventNotFound",
  "eventNotOpen",
  "dayOutsideEvent",
  "personNotFound",
  "notInvited",
  "invalidCode",
  "wrongEvent",
  "clientRefReused",
] as const;
export type CheckInRefusal = (typeof CHECK_IN_REFUSALS)[number];

/** A walk-in as the door's form gives it, checked the same way in the browser and on the server. */
export const WalkInSchema = PersonSchema.pick({
  name: true,
  email: true,
  phone: true,
  organisationId: true,
  municipalityId: true,
  gender: true,
  community: true,
}).extend({ locale: z.enum(PERSON_LOCALES, { error: "validation.invalidChoice" }).optional() });
export type WalkInFields = z.infer<typeof WalkInSchema>;
