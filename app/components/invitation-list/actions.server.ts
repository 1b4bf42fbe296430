import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { z } from "~/utils/zod";
import { answerInvitation, answerRefusals } from "~/models/invitation.server";
import {
  addToInvitationList,
  isInvitationOfEvent,
  removeFromInvitationList,
  requestInvitationSending,
  resendInvitation,
  sendingRefusals,
  type InviteeCriteria,
} from "~/models/invitation-list.server";
import { parseDays, setReminders } from "~/models/reminder.server";
import { messageWith } from "~/utils/forms";
import { LOCALE_TAGS, type Locale } from "~/utils/i18n";
import { InvitationListAction } from "~/utils/invitations";
import { refuse, refusalOf, type Refusal } from "~/utils/refusal";
import { refusalReply } from "~/utils/refusal.server";

// The invitation list's action, one function per intent. Every answer has
// one shape: the form's reply (conform), the intent it answers, and the
// notice to show when it went through.

type Input = z.infer<typeof InvitationListAction>;
type Of<Intent extends Input["intent"]> = Extract<Input, { intent: Intent }>;
type Context = { trainerId: string; eventId: string; appUrl: string; locale: Locale };
/** What an intent did: the notice to show (and a second line), or why not. */
type Outcome = { ok: true; notice: string; extra?: string | null } | Refusal;

const added = (result: { added: number; alreadyOnList: number }): Outcome => ({
  ok: true,
  notice: messageWith("invitations.manage.added", { count: result.added, already: result.alreadyOnList }),
});

async function addByCriteria(ctx: Context, { intent: _intent, ...criteria }: Of<"add">): Promise<Outcome> {
  if (!Object.values(criteria).some(Boolean)) return refuse(null, "invitations.manage.nothingChosen");
  return added(await addToInvitationList(ctx.trainerId, ctx.eventId, criteria as InviteeCriteria));
}

async function addPerson(ctx: Context, input: Of<"addPerson">): Promise<Outcome> {
  return added(await addToInvitationList(ctx.trainerId, ctx.eventId, { personIds: [input.personId] }));
}

async function send(ctx: Context): Promise<Outcome> {
  const result = await requestInvitationSending(ctx.trainerId, ctx.eventId, ctx.appUrl);
  if (!result.ok) return refusalOf(sendingRefusals, result.error);
  const number = new Intl.NumberFormat(LOCALE_TAGS[ctx.locale]).format(result.queued);
  return {
    ok: true,
    notice: result.queued ? messageWith("invitations.manage.sendingStarted", { count: result.queued, number }) : "invitations.manage.nothingToSend",
    extra: result.withoutEmail ? messageWith("invitations.manage.withoutEmail", { count: result.withoutEmail }) : null,
  };
}

async function record(ctx: Context, input: Of<"record">): Promise<Outcome> {
  const result = await answerInvitation({ invitationId: input.invitationId, answer: input.answer, channel: "TRAINER", recordedById: ctx.trainerId });
  return result.ok ? { ok: true, notice: "invitations.manage.recorded" } : refusalOf(answerRefusals, result.error);
}

async function resend(ctx: Context, input: Of<"resend">): Promise<Outcome> {
  const result = await resendInvitation(ctx.trainerId, input.invitationId, ctx.appUrl);
  return result.ok ? { ok: true, notice: "invitations.manage.resent" } : refusalOf(sendingRefusals, result.error);
}

async function reminders(ctx: Context, input: Of<"reminders">): Promise<Outcome> {
  const reminderDays = parseDays(input.reminderDays);
  const nudgeDays = parseDays(input.nudgeDays);
  if (!reminderDays || !nudgeDays) return refuse(null, "invitations.reminders.invalid");
  await setReminders(ctx.trainerId, ctx.eventId, reminderDays, nudgeDays);
  return { ok: true, notice: "invitations.reminders.saved" };
}

async function remove(ctx: Context, input: Of<"remove">): Promise<Outcome> {
  await removeFromInvitationList(ctx.trainerId, input.invitationId);
  return { ok: true, notice: "invitations.manage.removed" };
}

function run(ctx: Context, input: Input): Promise<Outcome> {
  switch (input.intent) {
    case "add":
      return addByCriteria(ctx, input);
    case "addPerson":
      return addPerson(ctx, input);
    case "send":
      return send(ctx);
    case "record":
      return record(ctx, input);
    case "resend":
      return resend(ctx, input);
    case "reminders":
      return reminders(ctx, input);
    case "remove":
      return remove(ctx, input);
  }
}

/** Parses the form sent to the invitation list, does what it asks, and answers the page. */
export async function invitationListAction(formData: FormData, ctx: Context) {
  const submission = parseWithZod(formData, { schema: InvitationListAction });
  const intent = String(formData.get("intent") ?? "");
  if (submission.status !== "success") {
    return data({ result: submission.reply({ formErrors: ["errors.badRequestTitle"] }), intent, notice: null, extra: null }, { status: 400 });
  }
  const input = submission.value;
  // An invitation named in the form must belong to this event; if not, the page says so (it is not the error page: the list is still there).
  if ("invitationId" in input && !(await isInvitationOfEvent(input.invitationId, ctx.eventId))) {
    return data({ result: submission.reply({ formErrors: ["invitations.refusal.notFound"] }), intent, notice: null, extra: null }, { status: 404 });
  }
  const outcome = await run(ctx, input);
  if (!outcome.ok) return refusalReply(submission, outcome, { intent, notice: null as string | null, extra: null as string | null });
  return data({ result: submission.reply({ resetForm: true }), intent, notice: outcome.notice as string | null, extra: outcome.extra ?? null }, { status: 200 });
}
