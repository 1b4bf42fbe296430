import type { ActionFunctionArgs } from "@remix-run/node";
import { checkIn, checkInRefusals, checkInWalkIn, checkInWithCode, undoCheckIn, undoSessionCheckIn } from "~/models/attendance.server";
import { CheckInTap, WalkInSchema } from "~/utils/attendance";
import { formFields } from "~/utils/forms";
import { requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";
import { refusalOf } from "~/utils/refusal";

// The check-in endpoint the door's phone sends its queued taps, and its
// undos, to (JSON answers); a tap with `session` is for that session of its day. Without JavaScript the check-in page posts to its own action
// instead; both call the same domain functions.

/**
 * The moment of the tap as the phone saw it, if believable: an offline tap
 * sent hours later keeps its time; a clock far off is ignored.
 */
function tapTime(at: string | undefined, now = new Date()): Date {
  const time = at ? new Date(at) : null;
  if (!time || Number.isNaN(time.getTime())) return now;
  const age = now.getTime() - time.getTime();
  return age < -5 * 60_000 || age > 14 * 86_400_000 ? now : time;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "attendance:manage");
  const form = formFields(await readForm(request));
  const parsed = CheckInTap.safeParse(form);
  if (!parsed.success) return Response.json({ ok: false, error: "badRequest" }, { status: 400 });
  const tap = parsed.data;
  const eventId = params.id ?? "";
  if (tap.kind === "undo") {
    const undone = tap.session ? await undoSessionCheckIn(user.id, eventId, tap.attendanceId) : await undoCheckIn(user.id, eventId, tap.attendanceId);
    if (!undone.ok) return Response.json({ ok: false, error: "notFound" }, { status: 404 });
    return Response.json({ ok: true, undone: true, personId: undone.personId });
  }
  const base = { eventId, day: tap.day, sessionId: tap.session ?? null, clientRef: tap.clientRef, at: tapTime(tap.at), checkedInById: user.id };
  let result;
  if (tap.kind === "walkIn") {
    const person = WalkInSchema.safeParse(Object.fromEntries(Object.entries(form).filter(([, value]) => value !== "")));
    if (!person.success) return Response.json({ ok: false, error: "badRequest" }, { status: 400 });
    result = await checkInWalkIn(user, { ...base, person: person.data });
  } else if (tap.method === "QR" && tap.code) {
    result = await checkInWithCode({ ...base, code: tap.code });
  } else {
    result = await checkIn({ ...base, personId: tap.personId, method: tap.method === "QR" ? "NAME_SEARCH" : tap.method });
  }
  // The phone reads the refusal's code; its status comes from the model's table.
  if (!result.ok) return Response.json(result, { status: refusalOf(checkInRefusals, result.error).status });
  return Response.json({ ok: true, status: result.status, attendanceId: result.attendanceId, personId: result.personId, name: result.name });
}

export async function loader({ request }: ActionFunctionArgs) {
  await requirePermission(request, "attendance:manage");
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}
