import { z } from "~/utils/zod";
import { ORGANISATION_TYPES } from "./directory";

// The invitation forms, checked the same way in the browser and on the server.

/** The answer by personal link (no account): accept or decline, with what the person needs to take part. */
export const LinkAnswerSchema = z.object({
  answer: z.enum(["ACCEPT", "DECLINE"]),
  interpretation: z.enum(["", "en", "sq", "sr"]).default(""),
  accessibilityNeeds: z.string().max(500).default(""),
  needsTransport: z.literal("on").optional(),
});

/** The answer from "My invitations", by a signed-in person. */
export const MyAnswerSchema = z.object({ invitationId: z.string().min(1).max(64), answer: z.enum(["ACCEPT", "DECLINE"]) });

const id = z.string().min(1).max(64);
const optionalId = z.string().max(64).optional().transform((v) => v || undefined);

/** The invitation list of an event: add people (by criteria or one by one), send, record answers, remind. */
export const InvitationListAction = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add"),
    clusterId: optionalId,
    municipalityId: optionalId,
    organisationType: z.enum(ORGANISATION_TYPES as [string, ...string[]]).optional().or(z.literal("").transform(() => undefined)),
    commissionId: optionalId,
  }),
  z.object({ intent: z.literal("addPerson"), personId: id }),
  z.object({ intent: z.literal("send") }),
  z.object({ intent: z.literal("record"), invitationId: id, answer: z.enum(["ACCEPT", "DECLINE"]) }),
  z.object({ intent: z.literal("resend"), invitationId: id }),
  z.object({ intent: z.literal("remove"), invitationId: id }),
  z.object({ intent: z.literal("reminders"), reminderDays: z.string().max(100), nudgeDays: z.string().max(100) }),
]);
