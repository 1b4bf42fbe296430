// Bad input on every form (issue #8): each form's action, over HTTP against
// the built app, gets its fields missing, wrongly typed, oversized and
// malformed (generated from the form's zod schema, one change at a time to a
// valid submission), and bodies no form sends (JSON, plain text, broken
// multipart). Every one must be answered with a 4xx that shows a translated
// message, and the database and the uploaded files must not change.
// A route file with an action that is missing from FORMS fails the test.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { EventFormSchema } from "~/components/event-form";
import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { attachFile } from "~/models/contribution-attachment.server";
import { createContribution, decideContribution, startReview, submitContribution } from "~/models/contribution.server";
import { createCommission, requestToJoin } from "~/models/commission.server";
import { startImport } from "~/models/directory-import.server";
import { saveMaterial } from "~/models/event-material.server";
import { createEvent, saveSession } from "~/models/event.server";
import { addSection, createGuideline, placeContribution } from "~/models/guideline.server";
import { publishVersion } from "~/models/guideline-version.server";
import { subscribe } from "~/models/guideline-subscription.server";
import type { SessionUser } from "~/utils/auth.server";
import {
  ChangePasswordSchema,
  ForgotPasswordSchema,
  LoginSchema,
  RegisterSchema,
  ResetPasswordSchema,
  SecondStepSchema,
  SessionsAction,
  TwoFactorAction,
  UserAdminAction,
  VerifyEmailSchema,
} from "~/utils/accounts";
import { CheckInForm, CheckInManyForm, CheckInTap, PaperSheetForm, UndoCheckInForm, WalkInForm, WalkInSchema } from "~/utils/attendance";
import {
  CommissionMemberAction,
  CommissionsAction,
  IMPORT_FIELDS,
  JoinCommissionSchema,
  MergePeopleSchema,
  OrganisationSchema,
  PersonSchema,
} from "~/utils/directory";
import { EventAction, MaterialUploadForm, SessionAction } from "~/utils/event-forms";
import { FeedbackSchema } from "~/utils/feedback";
import {
  CommentSchema,
  ContributionAction,
  ContributionSchema,
  DecisionSchema,
  GuidelineDetailsSchema,
  GuidelineEditIntent,
  GuidelineSchema,
  PublishSchema,
  SectionSchema,
  SubscribeSchema,
  TranslationSchema,
  CoverTextsSchema,
} from "~/utils/guidelines";
import { localeFromTag, type MessageTree } from "~/utils/i18n";
import { messages } from "~/utils/i18n.server";
import { InvitationListAction, LinkAnswerSchema, MyAnswerSchema } from "~/utils/invitations";
import { hashToken } from "~/utils/tokens.server";
import { DEMO_PASSWORD } from "../prisma/seed-data";
import { seed } from "../prisma/seed";
import { startApp, type RunningApp } from "./helpers/app-server";
import { logInOverHttp } from "./helpers/e2e";
import { createEvent as createEventRow, createPerson, createUser, invite } from "./helpers/factories";

// ---------------------------------------------------------------------------
// The forms

type Role = "admin" | "trainer" | "editor" | "member";
type Fields = Record<string, string | string[]>;
type AnyObject = z.ZodObject<z.ZodRawShape>;

type Upload = {
  /** The form field that carries the file. */
  field: string;
  maxBytes: number;
  /** A file the form accepts. */
  valid: { name: string; bytes: Buffer };
};

type FormSpec = {
  /** The route (app/routes/<route>.tsx, or the folder app/routes/<route>/) whose action receives the form. */
  route: string;
  /** Which of the route's forms (its intent), for the test's messages. */
  form: string;
  as: Role | null;
  path: (fx: Fixtures) => string;
  /** The form's fields as the action checks them. */
  schema: AnyObject | ((fx: Fixtures) => AnyObject);
  /** A submission the schema accepts: each case changes one thing in it. */
  valid: (fx: Fixtures) => Fields;
  /** The answer is JSON (the check-in endpoint of the door's phone), not a page. */
  json?: true;
  /** The form sends a file (multipart). */
  upload?: Upload;
  /** The action reads no fields at all: only what it makes of other bodies is checked. */
  noFields?: true;
};

type Union = { options: readonly AnyObject[] };

/** The values of a discriminated union's discriminator: every intent a route's action knows. */
function intentsOf(union: Union, key: string): string[] {
  return union.options.map((o) => (o.shape[key] as z.ZodLiteral<string>).value);
}

/** Each option of a discriminated union, by its discriminator's value. */
function option(union: Union, key: string, value: string): AnyObject {
  const found = union.options.find((o) => (o.shape[key] as z.ZodLiteral<string>).value === value);
  if (!found) throw new Error(`No option ${key}=${value}`);
  return found;
}

// Forms whose action reads its fields by hand (no schema of its own in the app) are described here as zod objects.
const text = (max: number) => z.string().min(1).max(max);
const intent = (value: string) => z.literal(value);

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const CSV = Buffer.from("Name,Email,Municipality\nDrita Hoxha,drita@example.org,Gjilan\n");
/** A day some days from now, as the forms write it (YYYY-MM-DD), so that the fixtures stay in the future. */
const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** The first day of the event being invited to. */
const DAY = dayFromNow(30);
/** Today where the events are: the door checks people in on a day that has come. */
const TODAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Belgrade" }).format(new Date());
/** The day of the event being planned, and the day it is moved to. */
const PLAN_DAY = dayFromNow(60);
const MOVE_DAY = dayFromNow(61);

const FORMS: FormSpec[] = [
  // accounts
  { route: "login", form: "log in", as: null, path: () => "/login", schema: LoginSchema, valid: () => ({ email: "nobody@example.org", password: "not-the-password", redirectTo: "/dashboard" }) },
  {
    route: "register",
    form: "register",
    as: null,
    path: () => "/register",
    schema: RegisterSchema,
    valid: () => ({ name: "Arta Krasniqi", email: "arta.new@example.org", password: "a-long-password", confirmPassword: "a-long-password", locale: "sq" }),
  },
  { route: "forgot-password", form: "ask for a reset link", as: null, path: () => "/forgot-password", schema: ForgotPasswordSchema, valid: () => ({ email: "member@durable.localhost" }) },
  {
    route: "reset-password",
    form: "choose a new password",
    as: null,
    path: (fx) => `/reset-password?token=${fx.resetToken}`,
    schema: ResetPasswordSchema,
    valid: (fx) => ({ token: fx.resetToken, password: "another-long-password", confirmPassword: "another-long-password" }),
  },
  { route: "verify-email", form: "confirm an email address", as: null, path: (fx) => `/verify-email?token=${fx.verifyToken}`, schema: VerifyEmailSchema, valid: (fx) => ({ token: fx.verifyToken }) },
  { route: "logout", form: "log out", as: null, path: () => "/logout", schema: z.object({}), valid: () => ({}), noFields: true },
  {
    route: "language",
    form: "choose a language",
    as: null,
    path: () => "/language",
    schema: z.object({ locale: z.enum(["en", "sq", "sr", "sr-Cyrl"]), redirectTo: z.string().max(2000).optional() }),
    valid: () => ({ locale: "sq", redirectTo: "/guidelines" }),
  },
  ...(["roles", "disable", "enable"] as const).map(
    (name): FormSpec => ({
      route: "admin.users",
      form: name,
      as: "admin",
      path: () => "/admin/users",
      schema: option(UserAdminAction, "intent", name),
      valid: (fx) => ({ intent: name, userId: fx.userId, ...(name === "roles" ? { roles: ["TRAINER", "EDITOR"] } : {}) }),
    }),
  ),
  {
    route: "login_.two-factor",
    form: "second step of a log-in",
    as: null,
    path: () => "/login/two-factor",
    schema: SecondStepSchema,
    valid: () => ({ code: "123456", redirectTo: "/dashboard" }),
  },
  {
    route: "settings.password",
    form: "change one's password",
    as: "editor",
    path: () => "/settings/password",
    schema: ChangePasswordSchema,
    valid: () => ({ currentPassword: "not the password", password: "lantern orchard velvet", confirmPassword: "lantern orchard velvet" }),
  },
  ...(["end", "endOthers"] as const).map(
    (name): FormSpec => ({
      route: "settings.sessions",
      form: name,
      as: "member",
      path: () => "/settings/sessions",
      schema: option(SessionsAction, "intent", name),
      valid: (): Fields => (name === "end" ? { intent: name, sessionId: "no-such-session" } : { intent: name, password: "not the password" }),
    }),
  ),
  ...(["start", "confirm", "renew", "disable"] as const).map(
    (name): FormSpec => ({
      route: "settings.two-factor",
      form: name,
      as: "trainer",
      path: () => "/settings/two-factor",
      schema: option(TwoFactorAction, "intent", name),
      valid: () => ({ intent: name, ...(name === "start" ? {} : { code: "123456" }), ...(name === "renew" || name === "disable" ? { password: "not the password" } : {}) }),
    }),
  ),
  { route: "calendar._index", form: "new feed address", as: "member", path: () => "/calendar", schema: z.object({ intent: intent("reset") }), valid: () => ({ intent: "reset" }) },

  // directory
  { route: "people.new", form: "add a person", as: "trainer", path: () => "/people/new", schema: PersonSchema, valid: (fx) => personFields(fx) },
  { route: "people.$personId.edit", form: "edit a person", as: "trainer", path: (fx) => `/people/${fx.personId}/edit`, schema: PersonSchema, valid: (fx) => personFields(fx) },
  { route: "people.$personId._index", form: "erase", as: "trainer", path: (fx) => `/people/${fx.personId}`, schema: z.object({ intent: intent("erase") }), valid: () => ({ intent: "erase" }) },
  { route: "people.$personId.merge", form: "merge", as: "trainer", path: (fx) => `/people/${fx.personId}/merge`, schema: MergePeopleSchema, valid: (fx) => ({ otherId: fx.otherPersonId }) },
  {
    route: "people.import._index",
    form: "upload a spreadsheet",
    as: "trainer",
    path: () => "/people/import",
    schema: z.object({}),
    valid: () => ({}),
    upload: { field: "file", maxBytes: 5 * 1024 * 1024, valid: { name: "people.csv", bytes: CSV } },
  },
  {
    route: "people.import.$importId",
    form: "mapping",
    as: "trainer",
    path: (fx) => `/people/import/${fx.importId}`,
    // A column left out sends "".
    schema: z.object({ intent: intent("mapping"), "column-0": z.enum(["", ...IMPORT_FIELDS]).optional(), "column-1": z.enum(["", ...IMPORT_FIELDS]).optional() }),
    valid: () => ({ intent: "mapping", "column-0": "name", "column-1": "email" }),
  },
  { route: "people.import.$importId", form: "confirm", as: "trainer", path: (fx) => `/people/import/${fx.importId}`, schema: z.object({ intent: intent("confirm") }), valid: () => ({ intent: "confirm" }) },
  {
    route: "organisations._index",
    form: "add an organisation",
    as: "trainer",
    path: () => "/organisations",
    schema: OrganisationSchema,
    valid: (fx) => ({ name: "Qendra për Paqe", type: "CIVIL_SOCIETY", municipalityId: fx.municipalityId }),
  },
  {
    route: "organisations.$organisationId",
    form: "edit an organisation",
    as: "trainer",
    path: (fx) => `/organisations/${fx.organisationId}`,
    schema: OrganisationSchema,
    valid: (fx) => ({ name: "Renamed organisation", type: "CIVIL_SOCIETY", municipalityId: fx.municipalityId }),
  },
  ...(["approve", "decline", "create"] as const).map(
    (name): FormSpec => ({
      route: "commissions._index",
      form: name,
      as: "trainer",
      path: () => "/commissions",
      schema: option(CommissionsAction, "intent", name),
      valid: (fx): Fields => (name === "create" ? { intent: name, municipalityId: fx.municipalityId, name: "Komisioni i ri" } : { intent: name, requestId: fx.joinRequestId, reason: "Not this year" }),
    }),
  ),
  ...(["set", "remove"] as const).map(
    (name): FormSpec => ({
      route: "commissions.$commissionId",
      form: name,
      as: "trainer",
      path: (fx) => `/commissions/${fx.commissionId}`,
      schema: option(CommissionMemberAction, "intent", name),
      valid: (fx): Fields => (name === "set" ? { intent: name, personId: fx.personId, role: "SECRETARY" } : { intent: name, personId: fx.commissionMemberId }),
    }),
  ),
  { route: "commissions.join", form: "ask to join", as: "member", path: () => "/commissions/join", schema: JoinCommissionSchema, valid: (fx) => ({ commissionId: fx.joinableCommissionId }) },

  // events
  { route: "events.new", form: "plan an event", as: "trainer", path: () => "/events/new", schema: EventFormSchema, valid: (fx) => eventFields(fx) },
  { route: "events.$id.edit", form: "edit an event", as: "trainer", path: (fx) => `/events/${fx.draftEventId}/edit`, schema: EventFormSchema, valid: (fx) => eventFields(fx) },
  ...(["publish", "move", "cancel", "deleteMaterial"] as const).map(
    (name): FormSpec => ({
      route: "events.$id._index",
      form: name,
      as: "trainer",
      // The overview is the index under the layout of the event's pages: its forms post with `?index`.
      path: (fx) => `/events/${fx.draftEventId}?index`,
      schema: option(EventAction, "intent", name),
      valid: (fx): Fields =>
        ({
          publish: { intent: name },
          move: { intent: name, startDate: MOVE_DAY, startTime: "10:00", endDate: MOVE_DAY, endTime: "15:00", reason: "The hall is taken" },
          cancel: { intent: name, reason: "The hall is taken" },
          deleteMaterial: { intent: name, materialId: fx.materialId },
        })[name],
    }),
  ),
  {
    route: "events.$id._index",
    form: "upload a material",
    as: "trainer",
    path: (fx) => `/events/${fx.draftEventId}?index`,
    schema: MaterialUploadForm,
    valid: () => ({ title: "Agenda", isPublic: "on" }),
    upload: { field: "file", maxBytes: 20 * 1024 * 1024, valid: { name: "agenda.pdf", bytes: PDF } },
  },
  ...(["save", "delete"] as const).map(
    (name): FormSpec => ({
      route: "events.$id.agenda",
      form: name,
      as: "trainer",
      path: (fx) => `/events/${fx.draftEventId}/agenda`,
      schema: option(SessionAction, "intent", name),
      valid: (fx): Fields =>
        name === "save"
          ? { intent: name, sessionId: fx.sessionId, title: "Opening", date: PLAN_DAY, start: "10:00", end: "11:00", room: "Hall", facilitators: "Arta" }
          : { intent: name, sessionId: fx.sessionId },
    }),
  ),
  ...(["add", "addPerson", "send", "record", "resend", "remove", "reminders"] as const).map(
    (name): FormSpec => ({
      route: "events.$id.invitations",
      form: name,
      as: "trainer",
      path: (fx) => `/events/${fx.doorEventId}/invitations`,
      schema: option(InvitationListAction, "intent", name),
      valid: (fx): Fields =>
        ({
          add: { intent: name, clusterId: fx.clusterId, municipalityId: fx.municipalityId, organisationType: "MUNICIPALITY", commissionId: fx.commissionId },
          addPerson: { intent: name, personId: fx.personId },
          send: { intent: name },
          record: { intent: name, invitationId: fx.pendingInvitationId, answer: "ACCEPT" },
          resend: { intent: name, invitationId: fx.pendingInvitationId },
          remove: { intent: name, invitationId: fx.pendingInvitationId },
          reminders: { intent: name, reminderDays: "7, 1", nudgeDays: "3" },
        })[name],
    }),
  ),
  {
    route: "events.$id.checkin._index",
    form: "check in",
    as: "trainer",
    path: (fx) => `/events/${fx.checkInEventId}/checkin?day=${TODAY}`,
    schema: CheckInForm,
    valid: (fx) => ({ intent: "checkIn", personId: fx.inviteeId, day: TODAY, method: "NAME_SEARCH", clientRef: "tap-0001" }),
  },
  {
    route: "events.$id.checkin._index",
    form: "several ticked on the list",
    as: "trainer",
    path: (fx) => `/events/${fx.checkInEventId}/checkin?day=${TODAY}`,
    schema: CheckInManyForm,
    valid: (fx) => ({ intent: "checkInMany", day: TODAY, personId: [fx.inviteeId] }),
  },
  { route: "events.$id.checkin._index", form: "undo", as: "trainer", path: (fx) => `/events/${fx.checkInEventId}/checkin?day=${TODAY}`, schema: UndoCheckInForm, valid: (fx) => ({ intent: "undo", attendanceId: fx.attendanceId }) },
  {
    route: "events.$id.checkin._index",
    form: "walk-in",
    as: "trainer",
    path: (fx) => `/events/${fx.checkInEventId}/checkin?day=${TODAY}`,
    schema: WalkInForm,
    valid: (fx) => ({ intent: "walkIn", day: TODAY, name: "Besnik Walkin", email: "besnik@example.org", municipalityId: fx.municipalityId, gender: "MAN" }),
  },
  {
    route: "events.$id.checkin.paper",
    form: "paper sign-in sheet",
    as: "trainer",
    path: (fx) => `/events/${fx.checkInEventId}/checkin/paper?day=${TODAY}`,
    schema: PaperSheetForm,
    valid: (fx) => ({
      day: TODAY,
      intent: "save",
      personId: [fx.inviteeId],
      writtenName: ["Vesa Paper", ""],
      writtenEmail: ["vesa@example.org", ""],
      writtenGender: ["WOMAN", ""],
      writtenCommunity: ["ROMA", ""],
    }),
  },
  {
    route: "events.$id.checkin.tap",
    form: "tap from the phone",
    as: "trainer",
    path: (fx) => `/events/${fx.checkInEventId}/checkin/tap`,
    schema: option(CheckInTap, "kind", "checkIn"),
    valid: (fx) => ({ kind: "checkIn", personId: fx.inviteeId, method: "NAME_SEARCH", day: TODAY, clientRef: "phone-tap-0001" }),
    json: true,
  },
  {
    route: "events.$id.checkin.tap",
    form: "walk-in from the phone",
    as: "trainer",
    path: (fx) => `/events/${fx.checkInEventId}/checkin/tap`,
    schema: option(CheckInTap, "kind", "walkIn").extend(WalkInSchema.shape),
    valid: (fx) => ({ kind: "walkIn", day: TODAY, clientRef: "phone-walkin-0001", name: "Liridon Phone", municipalityId: fx.municipalityId }),
    json: true,
  },
  {
    route: "events.$id.checkin.tap",
    form: "undo from the phone",
    as: "trainer",
    path: (fx) => `/events/${fx.checkInEventId}/checkin/tap`,
    schema: option(CheckInTap, "kind", "undo"),
    valid: (fx) => ({ kind: "undo", attendanceId: fx.attendanceId }),
    json: true,
  },
  {
    route: "invitation.$token",
    form: "answer by personal link",
    as: null,
    path: (fx) => `/invitation/${fx.invitationToken}`,
    schema: LinkAnswerSchema,
    valid: () => ({ answer: "ACCEPT", interpretation: "sr", accessibilityNeeds: "Ramp", needsTransport: "on" }),
  },
  { route: "my.invitations", form: "answer my invitation", as: "member", path: () => "/my/invitations", schema: MyAnswerSchema, valid: (fx) => ({ invitationId: fx.myInvitationId, answer: "ACCEPT" }) },
  { route: "feedback.$token", form: "feedback", as: null, path: (fx) => `/feedback/${fx.feedbackToken}`, schema: FeedbackSchema, valid: () => ({ satisfaction: "4", learnt: "Much", improve: "Longer breaks" }) },

  // contributions and guidelines
  { route: "contributions.new", form: "write a contribution", as: "member", path: () => "/contributions/new", schema: ContributionSchema, valid: (fx) => contributionFields(fx) },
  {
    route: "contributions.$contributionId.edit",
    form: "edit a contribution",
    as: "member",
    path: (fx) => `/contributions/${fx.draftContributionId}/edit`,
    schema: ContributionSchema,
    valid: (fx) => ({ ...contributionFields(fx), version: String(fx.draftVersion) }),
  },
  {
    route: "contributions.$contributionId.edit",
    form: "remove an attachment",
    as: "member",
    path: (fx) => `/contributions/${fx.draftContributionId}/edit`,
    schema: z.object({ intent: intent("remove-attachment"), attachmentId: text(40) }),
    valid: (fx) => ({ intent: "remove-attachment", attachmentId: fx.attachmentId }),
  },
  {
    route: "contributions.$contributionId.edit",
    form: "attach a file",
    as: "member",
    path: (fx) => `/contributions/${fx.draftContributionId}/edit`,
    schema: z.object({}),
    valid: () => ({}),
    upload: { field: "file", maxBytes: 10 * 1024 * 1024, valid: { name: "practice.pdf", bytes: PDF } },
  },
  {
    route: "contributions.$contributionId._index",
    form: "submit",
    as: "member",
    path: (fx) => `/contributions/${fx.draftContributionId}`,
    schema: option(ContributionAction, "intent", "submit"),
    valid: (fx) => ({ intent: "submit", version: String(fx.draftVersion) }),
  },
  {
    route: "contributions.$contributionId._index",
    form: "comment",
    as: "member",
    path: (fx) => `/contributions/${fx.submittedContributionId}`,
    schema: option(ContributionAction, "intent", "comment").extend(CommentSchema.shape),
    valid: () => ({ intent: "comment", body: "A question for the editors" }),
  },
  {
    route: "contributions.$contributionId._index",
    form: "start review",
    as: "editor",
    path: (fx) => `/contributions/${fx.submittedContributionId}`,
    schema: option(ContributionAction, "intent", "start-review"),
    valid: (fx) => ({ intent: "start-review", version: String(fx.submittedVersion) }),
  },
  {
    route: "contributions.$contributionId._index",
    form: "decide",
    as: "editor",
    path: (fx) => `/contributions/${fx.inReviewContributionId}`,
    schema: option(ContributionAction, "intent", "decide").extend(DecisionSchema.shape),
    valid: (fx) => ({ intent: "decide", decision: "REJECTED", reason: "Out of scope", version: String(fx.inReviewVersion) }),
  },
  {
    route: "guidelines._index",
    form: "start a guideline",
    as: "editor",
    path: () => "/guidelines",
    schema: GuidelineSchema,
    valid: () => ({ title: "Housing guideline", slug: "housing-guideline", summary: "How to", sourceLocale: "en" }),
  },
  ...(
    [
      ["details", GuidelineDetailsSchema, () => ({ title: "Renamed guideline", summary: "Shorter" })],
      ["add-section", SectionSchema, () => ({ title: "New section", body: "Text" })],
      ["update-section", SectionSchema, (fx: Fixtures) => ({ sectionId: fx.sectionId, title: "Changed section", body: "Text" })],
      ["move-up", z.object({}), (fx: Fixtures) => ({ sectionId: fx.sectionId })],
      ["move-down", z.object({}), (fx: Fixtures) => ({ sectionId: fx.sectionId })],
      ["remove-section", z.object({}), (fx: Fixtures) => ({ sectionId: fx.sectionId })],
      ["place", z.object({}), (fx: Fixtures) => ({ sectionId: fx.sectionId, contributionId: fx.acceptedContributionId })],
      ["unplace", z.object({}), (fx: Fixtures) => ({ sectionId: fx.sectionId, contributionId: fx.placedContributionId })],
      ["publish", PublishSchema, (fx: Fixtures) => ({ changelog: "Second edition", revision: String(fx.guidelineRevision) })],
    ] as const
  ).map(
    ([name, fields, valid]): FormSpec => ({
      route: "guidelines.$slug.edit",
      form: name,
      as: "editor",
      path: (fx) => `/guidelines/${fx.guidelineSlug}/edit`,
      schema: GuidelineEditIntent.extend({ intent: intent(name) }).extend((fields as AnyObject).shape),
      valid: (fx) => ({ intent: name, ...(valid as (fx: Fixtures) => Fields)(fx) }),
    }),
  ),
  {
    route: "guidelines.$slug.translate",
    form: "publish a translation",
    as: "editor",
    path: (fx) => `/guidelines/${fx.guidelineSlug}/translate?lang=sq&from=1`,
    schema: (fx) => TranslationSchema.extend({ [`title:${fx.sectionKey}`]: SectionSchema.shape.title, [`body:${fx.sectionKey}`]: SectionSchema.shape.body }),
    valid: (fx) => ({ title: "Udhëzim", summary: "Si", changelog: "Përkthimi i parë", [`title:${fx.sectionKey}`]: "Seksioni", [`body:${fx.sectionKey}`]: "Teksti" }),
  },
  {
    route: "guidelines.$slug.cover",
    form: "cover texts",
    as: "admin",
    path: (fx) => `/guidelines/${fx.guidelineSlug}/cover`,
    schema: CoverTextsSchema,
    valid: () => ({
      "programme:en": "Returns and reintegration programme",
      "programme:sq": "Programi i kthimit dhe riintegrimit",
      "programme:sr": "Program povratka i reintegracije",
      "disclaimer:en": "Produced with the financial support of the donor.",
      "disclaimer:sq": "Prodhuar me mbështetjen financiare të donatorit.",
      "disclaimer:sr": "Izrađeno uz finansijsku podršku donatora.",
    }),
  },
  {
    route: "guidelines.$slug._index",
    form: "subscribe",
    as: null,
    path: (fx) => `/guidelines/${fx.guidelineSlug}`,
    schema: SubscribeSchema.extend({ intent: intent("subscribe") }),
    valid: () => ({ intent: "subscribe", email: "reader@example.org" }),
  },
  ...(["confirm", "unsubscribe"] as const).map(
    (name): FormSpec => ({
      route: "guidelines.subscription",
      form: name,
      as: null,
      path: (fx) => `/guidelines/subscription?token=${fx.subscriptionToken}`,
      schema: z.object({ intent: intent(name), token: text(200) }),
      valid: (fx) => ({ intent: name, token: fx.subscriptionToken }),
    }),
  ),
];

function personFields(fx: Fixtures): Fields {
  return {
    name: "Drita Hoxha",
    email: "drita.hoxha@example.org",
    phone: "+383 44 123 456",
    position: "Officer for communities and returns",
    locale: "sq",
    organisationId: fx.organisationId,
    municipalityId: fx.municipalityId,
    gender: "WOMAN",
    community: "KOSOVO_ALBANIAN",
    consentGivenAt: "2026-11-20",
    consentText: "Agreed on paper",
  };
}

function eventFields(fx: Fixtures): Fields {
  return {
    type: "WORKSHOP",
    municipalityId: fx.municipalityId,
    venueName: "Municipal hall",
    venueAddress: "Rruga e Dëshmorëve 1",
    startDate: PLAN_DAY,
    startTime: "10:00",
    endDate: PLAN_DAY,
    endTime: "16:00",
    capacity: "30",
    isPublic: "on",
    titleEn: "Spring workshop",
    descriptionEn: "About housing",
    titleSq: "Punëtoria e pranverës",
    descriptionSq: "",
    titleSr: "Prolećna radionica",
    descriptionSr: "",
    themeIds: [fx.themeId],
    organiserIds: [fx.trainer.id],
    facilitatorIds: [fx.personId],
  };
}

function contributionFields(fx: Fixtures): Fields {
  return {
    title: "Mobile documentation days",
    summary: "Civil registry officers visit villages",
    body: "Once a month the civil registry comes to the village.",
    themeId: fx.themeId,
    municipalityId: fx.municipalityId,
    coAuthors: "",
    intent: "save",
  };
}

// ---------------------------------------------------------------------------
// Cases generated from a schema

type RawValue = { raw: string };
type Value = string | string[] | RawValue;
type Body = { contentType: string | null; payload: string | Buffer | FormData; description?: string };
/** `field`: the field a case changes, with its rules, so that a field shared by several forms of a route is tried once. */
type Case = { label: string; body: Body; field?: string };
type FieldCase = { label: string; fields: Record<string, Value>; field?: string };

type FieldInfo = {
  name: string;
  required: boolean;
  kind: "text" | "number" | "choice" | "boolean" | "email" | "date" | "time" | "pattern" | "array";
  maxLength?: number;
  integer?: boolean;
  minimum?: number;
  items?: FieldInfo;
};

type JsonSchema = {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  maxItems?: number;
  items?: JsonSchema;
};

function jsonSchema(field: z.ZodType, io: "input" | "output"): JsonSchema {
  try {
    return z.toJSONSchema(field, { io, unrepresentable: "any" }) as JsonSchema;
  } catch {
    return {};
  }
}

function describeJson(name: string, input: JsonSchema, output: JsonSchema, required: boolean): FieldInfo {
  const choice = input.enum ?? (input.const !== undefined ? [input.const] : undefined) ?? input.anyOf?.find((s) => s.enum)?.enum;
  const base = { name, required, maxLength: input.maxLength };
  if (input.type === "array") return { ...base, kind: "array", maxLength: input.maxItems, items: describeJson(name, input.items ?? {}, output.items ?? {}, true) };
  if (choice) return { ...base, kind: "choice" };
  if (input.type === "integer" || input.type === "number") return { ...base, kind: "number", integer: input.type === "integer", minimum: input.minimum };
  if (input.type === "boolean") return { ...base, kind: "boolean" };
  if ((input.format ?? output.format) === "email") return { ...base, kind: "email" };
  if (input.pattern?.includes("\\d{4}-\\d{2}-\\d{2}")) return { ...base, kind: "date" };
  if (input.pattern?.includes(":\\d{2}")) return { ...base, kind: "time" };
  if (input.pattern) return { ...base, kind: "pattern" };
  return { ...base, kind: "text" };
}

function describeField(name: string, field: z.ZodType): FieldInfo {
  return describeJson(name, jsonSchema(field, "input"), jsonSchema(field, "output"), !field.safeParse(undefined).success);
}

/** Wrong values for a field of this kind, each with what makes it wrong. */
function wrongValues(field: FieldInfo, valid: string): Array<[string, Value]> {
  switch (field.kind) {
    case "number":
      return [
        ["text", "twelve"],
        ...(field.integer ? [["a fraction", "1.5"] as [string, Value]] : []),
        ...(field.minimum !== undefined && field.minimum >= 0 ? [["negative", "-1"] as [string, Value]] : []),
        ["beyond a 32-bit integer", "2147483648"],
      ];
    case "choice":
      return [["an unknown choice", valid === valid.toLowerCase() ? "not-a-choice" : "NOT_A_CHOICE"]];
    case "boolean":
      return [["not a checkbox value", "maybe"]];
    case "email":
      return [
        ["not an email", "not-an-email"],
        ["an email without domain", "someone@"],
      ];
    case "date":
      return [
        ["the 30th of February", "2027-02-30"],
        ["month 13", "2027-13-01"],
      ];
    case "time":
      return [
        ["hour 25", "25:00"],
        ["a word for a time", "noon"],
      ];
    case "pattern":
      return [["a value of the wrong shape", "not valid!"]];
    default:
      return [];
  }
}

function casesFor(schema: AnyObject, valid: Fields): FieldCase[] {
  const cases: FieldCase[] = [];
  const fields = Object.entries(schema.shape).map(([name, field]) => describeField(name, field as z.ZodType));
  const change = (label: string, name: string, value: Value | undefined) => {
    const next: Record<string, Value> = { ...valid };
    if (value === undefined) delete next[name];
    else next[name] = value;
    cases.push({ label, fields: next, field: `${name} ${JSON.stringify(jsonSchema(schema.shape[name] as z.ZodType, "input"))}` });
  };
  for (const field of fields) {
    const current = valid[field.name];
    const one = Array.isArray(current) ? (current[0] ?? "x") : (current ?? "x");
    if (field.required) change(`${field.name} missing`, field.name, undefined);
    if (field.kind === "array") {
      const limit = field.maxLength ?? 0;
      change(`${field.name} with 10,001 values`, field.name, Array.from({ length: Math.max(10_001, limit + 1) }, () => one));
      const itemLimit = field.items?.maxLength;
      change(`a value of ${field.name} too long`, field.name, ["x".repeat((itemLimit ?? 100_000) + 1)]);
      change(`a value of ${field.name} with a NUL character`, field.name, [`${one}\u0000`]);
      if (field.items?.kind === "choice") change(`an unknown value of ${field.name}`, field.name, ["NOT_A_CHOICE"]);
      continue;
    }
    change(`${field.name} sent twice`, field.name, [one, one]);
    // The exact limit where the schema has one (a field without one must still refuse 100 kB).
    if (field.maxLength !== undefined && field.maxLength < 100_000) change(`${field.name} one character too long`, field.name, "x".repeat(field.maxLength + 1));
    else change(`${field.name} with 100 kB`, field.name, "x".repeat(100_000));
    for (const [what, value] of wrongValues(field, one)) change(`${field.name} ${what}`, field.name, value);
  }
  const required = fields.filter((f) => f.required && f.kind !== "array");
  if (required.length) {
    cases.push({ label: "no fields at all", fields: {} });
    cases.push({ label: "every field empty", fields: Object.fromEntries(fields.map((f) => [f.name, ""])) });
    const first = required[0];
    const value = valid[first.name];
    cases.push({ label: `${first.name} sent 10,000 times`, fields: { ...valid, [first.name]: Array.from({ length: 10_000 }, () => String(value)) } });
  }
  const firstText = fields.find((f) => f.kind === "text" && f.name !== "intent");
  if (firstText) {
    const value = valid[firstText.name];
    cases.push({ label: `${firstText.name} with 100 kB`, fields: { ...valid, [firstText.name]: "x".repeat(100_000) } });
    cases.push({ label: `${firstText.name} with a NUL character`, fields: { ...valid, [firstText.name]: `${String(value ?? "")}\u0000x` } });
    cases.push({ label: "a field name with a NUL character", fields: { ...valid, [`${firstText.name}\u0000`]: String(value ?? "x") } });
    for (const [what, raw] of [
      ["bytes that are not UTF-8", "%FF%FEx"],
      ["an encoded lone surrogate", "%ED%A0%80"],
    ] as const) {
      cases.push({ label: `${firstText.name} with ${what}`, fields: { ...valid, [firstText.name]: { raw } } });
    }
  }
  return cases;
}

function urlencoded(fields: Record<string, Value>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(fields)) {
    const key = encodeURIComponent(name);
    if (typeof value === "object" && !Array.isArray(value)) parts.push(`${key}=${value.raw}`);
    else for (const v of Array.isArray(value) ? value : [value]) parts.push(`${key}=${encodeURIComponent(v)}`);
  }
  return parts.join("&");
}

function multipart(fields: Record<string, Value>, file?: { field: string; name: string; bytes: Buffer; type?: string } | null): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === "object" && !Array.isArray(value)) continue;
    for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  }
  if (file) form.append(file.field, new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "application/octet-stream" }));
  return form;
}

/** Every case for one form, field by field. */
function bodiesFor(spec: FormSpec, fx: Fixtures): Case[] {
  const schema = typeof spec.schema === "function" ? spec.schema(fx) : spec.schema;
  const valid = spec.valid(fx);
  const form = (c: FieldCase): Case => ({ label: c.label, field: c.field, body: { contentType: "application/x-www-form-urlencoded", payload: urlencoded(c.fields) } });
  const cases: Case[] = [];
  if (spec.upload) {
    const { field, maxBytes, valid: file } = spec.upload;
    const withFile = (label: string, fields: Record<string, Value>, sent: { name: string; bytes: Buffer; type?: string } | null = file): Case => ({
      label,
      body: { contentType: null, payload: multipart(fields, sent && { field, ...sent }) },
    });
    for (const c of casesFor(schema, valid)) if (!Object.values(c.fields).some((v) => typeof v === "object" && !Array.isArray(v))) cases.push(withFile(c.label, c.fields));
    cases.push(withFile("no file", valid, null));
    cases.push(withFile("an empty file", valid, { name: file.name, bytes: Buffer.alloc(0) }));
    cases.push(withFile("a file one byte over the limit", valid, { name: file.name, bytes: Buffer.concat([file.bytes, Buffer.alloc(maxBytes + 1 - file.bytes.length, 0x20)]) }));
    cases.push(withFile("a program named like an accepted file", valid, { name: file.name, bytes: Buffer.from("\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0garbage", "latin1") }));
    cases.push(withFile("a program", valid, { name: "setup.exe", bytes: Buffer.from("MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0", "latin1") }));
    cases.push(withFile("a file name with a NUL character", valid, { name: `x\u0000${file.name}`, bytes: file.bytes }));
    cases.push({ label: "the file sent as text", body: { contentType: null, payload: multipart({ ...valid, [field]: "not a file" }) } });
  } else if (!spec.noFields) {
    for (const c of casesFor(schema, valid)) cases.push(form(c));
  }
  return cases;
}

/** Bodies no form sends, once per address (whatever the intent, they must be refused before it is read). */
function foreignBodies(valid: Fields): Case[] {
  const cases: Case[] = [];
  const boundary = "----durable-bad-input";
  cases.push({ label: "a JSON body", body: { contentType: "application/json", payload: JSON.stringify(valid) } });
  cases.push({ label: "a plain-text body", body: { contentType: "text/plain;charset=UTF-8", payload: urlencoded(valid) } });
  cases.push({ label: "a broken multipart body", body: { contentType: `multipart/form-data; boundary=${boundary}`, payload: `--${boundary}\r\nContent-Disposition: form-data; name="x"\r\n\r\nno end` } });
  cases.push({ label: "a body without content type", body: { contentType: null, payload: Buffer.from(urlencoded(valid)) } });
  return cases;
}

// ---------------------------------------------------------------------------
// What an answer must show

/** Every message of one language, as patterns ({{count}} and the like match any text). */
function messagePatterns(tree: MessageTree): RegExp[] {
  const texts: string[] = [];
  const walk = (node: MessageTree) => Object.values(node).forEach((v) => (typeof v === "string" ? texts.push(v) : walk(v)));
  walk(tree);
  return texts.map((t) => new RegExp(`^${t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\{\\\{\w+\\\}\\\}/g, "[\\s\\S]+?")}$`));
}
const PATTERNS = new Map(Object.entries(messages).map(([locale, tree]) => [locale, messagePatterns(tree)]));

function decodeEntities(html: string): string {
  return html
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The texts a page shows as errors: alerts next to fields and above forms, or the error page's title. */
function errorTexts(html: string, status: number): string[] {
  const texts: string[] = [];
  for (const match of html.matchAll(/<(p|div)[^>]*role="alert"[^>]*>([\s\S]*?)<\/\1>/g)) {
    for (const part of match[2].split(/<[^>]+>/)) if (part.trim()) texts.push(decodeEntities(part.trim()));
  }
  if (html.includes(`<p class="muted">${status}</p>`)) {
    const title = /<h1>([\s\S]*?)<\/h1>/.exec(html.slice(html.indexOf('id="main"')))?.[1];
    if (title) texts.push(decodeEntities(title.trim()));
  }
  return texts;
}

/** Why an answer does not show a translated message, or null when it does. */
function missingMessage(spec: FormSpec, status: number, body: string): string | null {
  if (spec.json) {
    try {
      const parsed = JSON.parse(body) as { error?: unknown };
      return typeof parsed.error === "string" && parsed.error ? null : `JSON without error: ${body.slice(0, 200)}`;
    } catch {
      return `not JSON: ${body.slice(0, 200)}`;
    }
  }
  const locale = localeFromTag(/<html lang="([^"]+)"/.exec(body)?.[1]);
  if (!locale) return `not a page: ${body.slice(0, 200)}`;
  const texts = errorTexts(body, status);
  const patterns = PATTERNS.get(locale)!;
  if (texts.some((text) => patterns.some((p) => p.test(text)))) return null;
  return texts.length ? `no translated message among ${JSON.stringify(texts)}` : "no message on the page";
}

// ---------------------------------------------------------------------------
// The app, its data and the check that nothing changed

type Fixtures = Awaited<ReturnType<typeof makeFixtures>>;

/** Tables that change on requests of any kind, good or bad: sessions, and the rate limits' attempt counters. */
const CHANGING_ANYWAY = new Set<string>(["Session", "LoginFailure"]);

function delegate(model: string) {
  return (prisma as unknown as Record<string, { findMany(): Promise<unknown[]> }>)[model[0].toLowerCase() + model.slice(1)];
}

async function snapshot(dataDir: string): Promise<Map<string, string>> {
  const tables = new Map<string, string>();
  for (const model of Object.values(Prisma.ModelName)) {
    if (CHANGING_ANYWAY.has(model)) continue;
    const rows = (await delegate(model).findMany()).map((row) => JSON.stringify(row, (_, v: unknown) => (typeof v === "bigint" ? String(v) : v))).sort();
    tables.set(model, rows.join("\n"));
  }
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      // Not the database itself, nor the secrets the app makes on first use (session, check-in codes).
      else if (!/\.db(-wal|-shm|-journal)?$|-secret$/.test(entry.name)) files.push(`${path} ${statSync(path).size}`);
    }
  };
  walk(dataDir);
  tables.set("files under DATA_DIR", files.sort().join("\n"));
  return tables;
}

function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...before.keys()].filter((table) => before.get(table) !== after.get(table));
}

async function sessionUser(email: string): Promise<SessionUser> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { roles: true } });
  return { id: user.id, email: user.email, name: user.name, locale: user.locale, roles: user.roles.map((r) => r.role) };
}

async function makeFixtures() {
  const [admin, trainer, editor, member] = await Promise.all(["admin", "trainer", "editor", "member"].map((r) => sessionUser(`${r}@durable.localhost`)));
  const gjilan = await prisma.municipality.findUniqueOrThrow({ where: { slug: "gjilan" } });
  const theme = await prisma.theme.findFirstOrThrow();
  const organisation = await prisma.organisation.findFirstOrThrow();
  const person = await createPerson({ name: "Arben Krasniqi" });
  const otherPerson = await createPerson({ name: "Arben Krasniqi (twin record)" });
  const someone = await createUser({ name: "Valon Account" });

  // directory
  const commission = await createCommission(trainer, gjilan.id, "Komisioni komunal për kthim, Gjilan");
  if (!commission.ok) throw new Error("commission");
  const commissionMember = await createPerson({ name: "Teuta Member" });
  await prisma.commissionMember.create({ data: { commissionId: commission.commission.id, personId: commissionMember.id, role: "MEMBER" } });
  const joinable = await createCommission(trainer, gjilan.id, "Komisioni për strehim, Gjilan");
  if (!joinable.ok) throw new Error("joinable commission");
  const applicant = await createUser({ name: "Applicant" });
  const joinRequest = await requestToJoin({ id: applicant.id, email: applicant.email, name: applicant.name, locale: "en", roles: ["MEMBER"] }, commission.commission.id);
  if (!joinRequest.ok) throw new Error("join request");
  const upload = await startImport(trainer, "people.csv", new Uint8Array(CSV));
  if (!upload.ok) throw new Error("import");

  // events
  const draft = await createEvent(trainer.id, {
    type: "WORKSHOP",
    municipalityId: gjilan.id,
    venueName: "Municipal hall",
    venueAddress: "",
    start: { date: PLAN_DAY, time: "09:00" },
    end: { date: PLAN_DAY, time: "17:00" },
    capacity: 20,
    isPublic: false,
    translations: { en: { title: "Draft workshop", description: "" } },
    themeIds: [],
    organiserIds: [],
    facilitatorIds: [],
  });
  if (!draft.ok) throw new Error("draft event");
  const session = await saveSession(trainer.id, draft.eventId, null, { title: "Opening", date: PLAN_DAY, start: "09:00", end: "10:00", room: "", facilitators: "" });
  if (!session.ok) throw new Error("session");
  const material = await saveMaterial(trainer.id, draft.eventId, { title: "Agenda", sessionId: null, isPublic: false, fileName: "agenda.pdf", bytes: new Uint8Array(PDF) });
  if (!material.ok) throw new Error("material");
  const door = await createEventRow({
    uid: "bad-input-door@durable",
    venueName: "Salla e Kuvendit Komunal",
    startsAt: new Date(`${DAY}T08:00:00Z`),
    endsAt: new Date(new Date(`${DAY}T15:00:00Z`).getTime() + 2 * 86_400_000),
    capacity: 30,
    titles: { en: "Three-day workshop" },
  });
  const invitee = await createPerson({ name: "Fatmire Invitee" });
  await invite(door, invitee, "ACCEPTED");
  const checkedIn = await createPerson({ name: "Already Here" });
  await invite(door, checkedIn, "ACCEPTED");
  // The door's forms act on an event under way (people are checked in on a day that has come).
  const underWay = await createEventRow({
    uid: "bad-input-under-way@durable",
    venueName: "Salla e Kuvendit Komunal",
    startsAt: new Date(Date.now() - 2 * 86_400_000),
    endsAt: new Date(Date.now() + 2 * 86_400_000),
    capacity: 30,
    titles: { en: "Five-day workshop under way" },
  });
  await invite(underWay, invitee, "ACCEPTED");
  const checkedInHere = await invite(underWay, checkedIn, "ACCEPTED");
  const attendance = await prisma.attendance.create({
    data: { eventId: underWay.id, personId: checkedIn.id, invitationId: checkedInHere.id, day: TODAY, method: "NAME_SEARCH", checkedInAt: new Date(), checkedInById: trainer.id },
  });
  const pendingInvitation = await invite(door, await createPerson({ name: "Pending Invitee" }), "PENDING");
  const invitationToken = "bad-input-invitation-token-0123456789abcdef";
  await prisma.invitation.update({ where: { id: pendingInvitation.id }, data: { links: { create: { tokenHash: hashToken(invitationToken) } }, sentAt: new Date() } });
  const memberPerson = await createPerson({ name: member.name, userId: member.id });
  const myInvitation = await invite(door, memberPerson, "PENDING");
  await prisma.invitation.update({ where: { id: myInvitation.id }, data: { sentAt: new Date() } });
  const past = await createEventRow({
    uid: "bad-input-past@durable",
    type: "ROUND_TABLE",
    status: "COMPLETED",
    venueName: "Hall",
    startsAt: new Date(Date.now() - 2 * 86_400_000),
    endsAt: new Date(Date.now() - 86_400_000),
    capacity: 30,
    titles: { en: "Past round table" },
  });
  const feedbackToken = "bad-input-feedback-token-0123456789abcdef";
  await prisma.feedbackRequest.create({ data: { eventId: past.id, personId: invitee.id, tokenHash: hashToken(feedbackToken) } });

  // contributions and guidelines
  const contribution = async (title: string) => {
    const created = await createContribution(member, { title, summary: "", body: "Text", themeId: theme.id, coAuthors: "" });
    if (!created.ok) throw new Error(`contribution: ${created.message}`);
    return created.contributionId;
  };
  const version = async (id: string) => (await prisma.contribution.findUniqueOrThrow({ where: { id } })).version;
  const draftContributionId = await contribution("Draft practice");
  const attachment = await attachFile(member, draftContributionId, { fileName: "practice.pdf", bytes: new Uint8Array(PDF) });
  if (!attachment.ok) throw new Error("attachment");
  const submittedContributionId = await contribution("Submitted practice");
  await submitContribution(member, submittedContributionId, await version(submittedContributionId));
  const inReviewContributionId = await contribution("Practice in review");
  await submitContribution(member, inReviewContributionId, await version(inReviewContributionId));
  await startReview(editor, inReviewContributionId, await version(inReviewContributionId));
  const accept = async (title: string) => {
    const id = await contribution(title);
    await submitContribution(member, id, await version(id));
    await startReview(editor, id, await version(id));
    await decideContribution(editor, id, { decision: "ACCEPTED", reason: "", version: await version(id) }, "http://localhost");
    return id;
  };
  const placedContributionId = await accept("Placed practice");
  const acceptedContributionId = await accept("Accepted practice");
  const guidelineSlug = "bad-input-guideline";
  const guideline = await createGuideline(editor.id, { title: "Guideline", slug: guidelineSlug, summary: "", sourceLocale: "en" });
  if (!guideline.ok) throw new Error("guideline");
  const guidelineId = (await prisma.guideline.findUniqueOrThrow({ where: { slug: guidelineSlug } })).id;
  const section = await addSection(editor.id, guidelineId, { title: "Housing", body: "Text" });
  if (!section.ok) throw new Error("section");
  await placeContribution(editor.id, section.sectionId, placedContributionId);
  const revision = (await prisma.guideline.findUniqueOrThrow({ where: { id: guidelineId } })).revision;
  const published = await publishVersion(editor.id, guidelineId, { changelog: "First", revision }, "http://localhost");
  if (!published.ok) throw new Error(`publish: ${published.message}`);
  await subscribe(guidelineSlug, "reader@example.org", "en", "http://localhost");
  const subscriptionToken = "bad-input-subscription-token-0123456789abcdef";
  await prisma.guidelineSubscription.updateMany({ where: { guidelineId, email: "reader@example.org" }, data: { tokenHash: hashToken(subscriptionToken) } });

  // account links
  const unverified = await createUser({ name: "Unverified", verified: false });
  const verifyToken = "bad-input-verify-token-0123456789abcdef";
  await prisma.userToken.create({ data: { userId: unverified.id, purpose: "EMAIL_VERIFICATION", tokenHash: hashToken(verifyToken), expiresAt: new Date(Date.now() + 86_400_000) } });
  const resetToken = "bad-input-reset-token-0123456789abcdef";
  await prisma.userToken.create({ data: { userId: someone.id, purpose: "PASSWORD_RESET", tokenHash: hashToken(resetToken), expiresAt: new Date(Date.now() + 86_400_000) } });

  return {
    trainer,
    municipalityId: gjilan.id,
    clusterId: gjilan.clusterId,
    themeId: theme.id,
    organisationId: organisation.id,
    personId: person.id,
    otherPersonId: otherPerson.id,
    userId: someone.id,
    commissionId: commission.commission.id,
    commissionMemberId: commissionMember.id,
    joinableCommissionId: joinable.commission.id,
    joinRequestId: joinRequest.request.id,
    importId: upload.importId,
    draftEventId: draft.eventId,
    sessionId: session.sessionId,
    materialId: material.materialId,
    doorEventId: door.id,
    checkInEventId: underWay.id,
    inviteeId: invitee.id,
    attendanceId: attendance.id,
    pendingInvitationId: pendingInvitation.id,
    invitationToken,
    myInvitationId: myInvitation.id,
    feedbackToken,
    draftContributionId,
    draftVersion: await version(draftContributionId),
    attachmentId: attachment.attachmentId,
    submittedContributionId,
    submittedVersion: await version(submittedContributionId),
    inReviewContributionId,
    inReviewVersion: await version(inReviewContributionId),
    acceptedContributionId,
    placedContributionId,
    guidelineSlug,
    sectionId: section.sectionId,
    sectionKey: (await prisma.guidelineSection.findUniqueOrThrow({ where: { id: section.sectionId } })).key,
    guidelineRevision: (await prisma.guideline.findUniqueOrThrow({ where: { id: guidelineId } })).revision,
    subscriptionToken,
    verifyToken,
    resetToken,
    admin,
    editor,
    member,
  };
}

/** Route files (app/routes) that export an action. A folder route keeps its module in route.tsx (or route.ts). */
function routesWithAction(): string[] {
  const moduleOf = (entry: string) =>
    statSync(join("app/routes", entry)).isDirectory() ? ["route.tsx", "route.ts"].map((name) => join("app/routes", entry, name)).find((path) => existsSync(path)) : join("app/routes", entry);
  return readdirSync("app/routes")
    .filter((entry) => {
      const file = moduleOf(entry);
      return !!file && /^export\s+(async\s+)?function\s+action\b|^export\s+const\s+action\b/m.test(readFileSync(file, "utf8"));
    })
    .map((entry) => entry.replace(/\.tsx?$/, ""));
}

/**
 * Posts one body and reads the answer. Plain node:http rather than fetch: a
 * server may answer an oversized upload (413) and close the connection before
 * the whole body is sent, and the answer must still be read.
 */
async function post(url: string, body: Body, headers: Record<string, string>): Promise<{ status: number; location?: string; body: string }> {
  let bytes: Buffer;
  let contentType = body.contentType;
  if (body.payload instanceof FormData) {
    const encoded = new Request(url, { method: "POST", body: body.payload });
    bytes = Buffer.from(await encoded.arrayBuffer());
    contentType = encoded.headers.get("Content-Type");
  } else bytes = Buffer.isBuffer(body.payload) ? body.payload : Buffer.from(body.payload);
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: "POST",
        // A connection of its own: a server may close one after refusing a body it did not read, and a reused one would fail the next case.
        agent: false,
        headers: { ...headers, ...(contentType ? { "Content-Type": contentType } : {}), "Content-Length": String(bytes.byteLength) },
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    // A connection closed before any answer is a failure of its case, reported with the others.
    req.on("error", (error) => (answered ? undefined : resolve({ status: 0, body: String(error) })));
    req.end(bytes);
  });
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]);
      }
    }),
  );
  return results;
}

describe("bad input on every form", () => {
  let app: RunningApp;
  let fx: Fixtures;
  const cookies = new Map<Role, string>();
  let generated = 0;

  beforeAll(async () => {
    // The app runs on this file's database, so that the fixtures are made with the app's own models.
    await seed(process.env.DATABASE_URL);
    fx = await makeFixtures();
    app = await startApp({ DATABASE_URL: process.env.DATABASE_URL!, DATA_DIR: process.env.DATA_DIR!, MAILBOX_DIR: process.env.MAILBOX_DIR!, OUTBOX_WORKER: "off" });
    // The admin sets up the second factor admins must have, as the helper does it.
    for (const role of ["admin", "trainer", "editor", "member"] as const) cookies.set(role, await logInOverHttp(app.url, `${role}@durable.localhost`, DEMO_PASSWORD));
  });

  afterAll(async () => {
    await app?.stop();
    console.log(`bad input: ${generated} cases sent`);
  });

  it("knows every route that has an action", () => {
    const listed = new Set(FORMS.map((f) => f.route));
    expect(routesWithAction().filter((route) => !listed.has(route))).toEqual([]);
    expect([...listed].filter((route) => !routesWithAction().includes(route))).toEqual([]);
  });

  it("knows every intent of the routes with several forms", () => {
    const listed = (route: string) => FORMS.filter((f) => f.route === route).map((f) => f.valid(fx).intent ?? f.valid(fx).kind);
    const unions: Array<[string, string[]]> = [
      ["admin.users", intentsOf(UserAdminAction, "intent")],
      ["settings.sessions", intentsOf(SessionsAction, "intent")],
      ["settings.two-factor", intentsOf(TwoFactorAction, "intent")],
      ["commissions._index", intentsOf(CommissionsAction, "intent")],
      ["commissions.$commissionId", intentsOf(CommissionMemberAction, "intent")],
      ["events.$id._index", intentsOf(EventAction, "intent")],
      ["events.$id.agenda", intentsOf(SessionAction, "intent")],
      ["events.$id.invitations", intentsOf(InvitationListAction, "intent")],
      ["events.$id.checkin.tap", intentsOf(CheckInTap, "kind")],
      ["contributions.$contributionId._index", intentsOf(ContributionAction, "intent")],
      ["guidelines.$slug.edit", [...GuidelineEditIntent.shape.intent.options]],
    ];
    for (const [route, intents] of unions) expect(listed(route), route).toEqual(expect.arrayContaining(intents));
  });

  it("starts from valid submissions: each changes only what its case says", () => {
    for (const spec of FORMS) {
      if (spec.noFields) continue;
      const schema = typeof spec.schema === "function" ? spec.schema(fx) : spec.schema;
      const form = new FormData();
      for (const [name, value] of Object.entries(spec.valid(fx))) for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
      const parsed = parseWithZod(form, { schema });
      expect(parsed.status === "success" ? null : parsed.reply().error, `${spec.route} (${spec.form})`).toBeNull();
    }
  });

  const routes = [...new Set(FORMS.map((f) => f.route))];
  it.each(routes)("%s answers every bad input with a 4xx and a message, and changes nothing", async (route) => {
    const specs = FORMS.filter((f) => f.route === route);
    const before = await snapshot(process.env.DATA_DIR!);
    const work: Array<{ spec: FormSpec; c: Case }> = [];
    const paths = new Set<string>();
    const tried = new Set<string>();
    for (const spec of specs) {
      for (const c of bodiesFor(spec, fx)) {
        // A field several forms of the route share (their intent, a hidden id) is tried with one of them.
        const key = c.field && `${c.field} ${c.label}`;
        if (key && tried.has(key)) continue;
        if (key) tried.add(key);
        work.push({ spec, c });
      }
      if (paths.has(spec.path(fx))) continue;
      paths.add(spec.path(fx));
      for (const c of foreignBodies(spec.valid(fx))) work.push({ spec, c });
    }
    generated += work.length;
    const failures = (
      await inBatches(work, 6, async ({ spec, c }) => {
        const res = await post(`${app.url}${spec.path(fx)}`, c.body, { Origin: app.url, "Accept-Language": "en", ...(spec.as ? { Cookie: cookies.get(spec.as)! } : {}) });
        const where = `${spec.form}: ${c.label}`;
        if (spec.noFields) return res.status >= 500 ? `${where}: ${res.status}` : null;
        if (res.status < 400 || res.status >= 500) return `${where}: ${res.status} ${res.location ?? ""}`;
        const missing = missingMessage(spec, res.status, res.body);
        return missing && `${where}: ${res.status}, ${missing}`;
      })
    ).filter(Boolean);
    const after = await snapshot(process.env.DATA_DIR!);
    expect({ failures, changed: changedTables(before, after) }).toEqual({ failures: [], changed: [] });
    // A route with many forms sends a few hundred requests: on a busy 2-core machine (both engines' suites at once) that took over 30 s.
  }, 120_000);
});
