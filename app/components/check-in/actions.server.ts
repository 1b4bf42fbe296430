import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import { checkIn, checkInMany, checkInRefusals, checkInWalkIn, undoCheckIn, undoSessionCheckIn } from "~/models/attendance.server";
import { CheckInForm, CheckInManyForm, UndoCheckInForm, WalkInForm, type CheckInManyAnswer } from "~/utils/attendance";
import type { SessionUser } from "~/utils/auth.server";
import { hiddenFieldErrors, messageWith } from "~/utils/forms";
import { notFoundRefusal, refusalOf, refuse } from "~/utils/refusal";
import { refusalReply } from "~/utils/refusal.server";

// The check-in page's action without JavaScript (with it, taps go to
// checkin.tap through the phone's queue): one function per intent, each
// parsing its own schema, all answering with one shape: the form's reply,
// the intent, the notice when it went through, the person to offer as a
// walk-in when they were not invited, and what became of each person ticked
// on the list when several were checked in at once.

type Answer = { intent: "checkIn" | "checkInMany" | "undo" | "walkIn"; notice: string | null; offerWalkIn: string | null; many: CheckInManyAnswer | null };

const answer = (intent: Answer["intent"], notice: string | null = null, offerWalkIn: string | null = null, many: CheckInManyAnswer | null = null): Answer => ({
  intent,
  notice,
  offerWalkIn,
  many,
});

/** A walk-in's person, checked like the person form (the day and tap reference are the page's own hidden fields). */
async function walkIn(user: SessionUser, eventId: string, formData: FormData) {
  const submission = parseWithZod(formData, { schema: WalkInForm });
  if (submission.status !== "success") {
    return data({ result: submission.reply(hiddenFieldErrors(submission.error, ["intent", "day", "session", "clientRef"])), ...answer("walkIn") }, { status: 400 });
  }
  const { intent: _intent, day, session, clientRef, ...person } = submission.value;
  const result = await checkInWalkIn(user, { eventId, day, sessionId: session ?? null, clientRef: clientRef || null, person });
  if (!result.ok) return refusalReply(submission, refusalOf(checkInRefusals, result.error), answer("walkIn"));
  const key = result.matched ? "invitations.checkin.walkIn.matched" : "invitations.checkin.walkIn.added";
  return data({ result: submission.reply({ resetForm: true }), ...answer("walkIn", messageWith(key, { name: result.name })) }, { status: 200 });
}

/** Takes back a check-in made by mistake (of the day, or of a session only). */
async function undo(user: SessionUser, eventId: string, formData: FormData) {
  const submission = parseWithZod(formData, { schema: UndoCheckInForm });
  if (submission.status !== "success") return data({ result: submission.reply({ formErrors: ["errors.badRequestTitle"] }), ...answer("undo") }, { status: 400 });
  const { attendanceId, session } = submission.value;
  const result = session ? await undoSessionCheckIn(user.id, eventId, attendanceId) : await undoCheckIn(user.id, eventId, attendanceId);
  if (!result.ok) return refusalReply(submission, notFoundRefusal(), answer("undo"));
  return data({ result: submission.reply(), ...answer("undo", "invitations.checkin.undone") }, { status: 200 });
}

/** One tap; someone not invited is offered as a walk-in. */
async function tap(user: SessionUser, eventId: string, formData: FormData) {
  const submission = parseWithZod(formData, { schema: CheckInForm });
  if (submission.status !== "success") return data({ result: submission.reply({ formErrors: ["errors.badRequestTitle"] }), ...answer("checkIn") }, { status: 400 });
  const { personId, day, session, method, pageRef } = submission.value;
  const clientRef = submission.value.clientRef || (pageRef ? `${pageRef}-${personId}`.slice(0, 64) : null);
  const result = await checkIn({ eventId, personId, day, sessionId: session ?? null, method, clientRef, checkedInById: user.id });
  if (!result.ok) return refusalReply(submission, refusalOf(checkInRefusals, result.error), answer("checkIn", null, result.error === "notInvited" ? personId : null));
  const key = result.status === "checkedIn" ? "invitations.checkin.done" : "invitations.checkin.already";
  return data({ result: submission.reply(), ...answer("checkIn", messageWith(key, { name: result.name })) }, { status: 200 });
}

/** The people ticked on the list, checked in at once: how many went through, were already in, and who was refused and why. */
async function tapMany(user: SessionUser, eventId: string, formData: FormData) {
  const submission = parseWithZod(formData, { schema: CheckInManyForm });
  if (submission.status !== "success") return data({ result: submission.reply({ formErrors: ["errors.badRequestTitle"] }), ...answer("checkInMany") }, { status: 400 });
  const { day, session, personId: personIds } = submission.value;
  if (personIds.length === 0) return refusalReply(submission, refuse(null, "invitations.checkin.many.nothing"), answer("checkInMany"));
  const result = await checkInMany(user, { eventId, day, sessionId: session ?? null, personIds });
  if (!result.ok) return refusalReply(submission, refusalOf(checkInRefusals, result.error), answer("checkInMany"));
  const many = { checkedIn: result.checkedIn, already: result.already, refused: result.refused.map(({ name, error }) => ({ name, error })) };
  return data({ result: submission.reply({ resetForm: true }), ...answer("checkInMany", null, null, many) }, { status: 200 });
}

/** The check-in page's action: a walk-in, an undo, several people ticked on the list, or (anything else) a tap. */
export function checkInPageAction(user: SessionUser, eventId: string, formData: FormData) {
  const intent = formData.get("intent");
  if (intent === "checkInMany") return tapMany(user, eventId, formData);
  if (intent === "walkIn") return walkIn(user, eventId, formData);
  if (intent === "undo") return undo(user, eventId, formData);
  return tap(user, eventId, formData);
}
