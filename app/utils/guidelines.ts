import { z } from "~/utils/zod";
import type { ContributionStatus } from "~/generated/prisma/enums";
import { requiredText, versionNumber } from "./validation";

// Rules shared by the browser (conform) and the server for contributions and
// guidelines. Messages are keys into the "guidelines" (or "validation") texts.

export const CONTRIBUTION_STATUSES = [
  "DRAFT",
  "SUBMITTED",
  "IN_REVIEW",
  "CHANGES_REQUESTED",
  "ACCEPTED",
  "REJECTED",
] as const satisfies readonly ContributionStatus[];

export const LIMITS = {
  title: 200,
  summary: 1000,
  /** Generous for a best practice (about 15 printed pages), small enough for a phone to send. */
  body: 40_000,
  comment: 5000,
  changelog: 5000,
  sectionBody: 60_000,
  coAuthors: 10,
};

// Conform sends an empty field as undefined: optional texts become "".
const optionalText = (max: number, tooLong = "validation.tooLong") => z.string().trim().max(max, tooLong).default("");
const optionalId = z.string().max(40).optional();

export const ContributionSchema = z.object({
  title: requiredText(LIMITS.title),
  summary: optionalText(LIMITS.summary),
  body: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(LIMITS.body, "guidelines.contribution.bodyTooLong"),
  themeId: z.string({ error: "guidelines.contribution.themeRequired" }).min(1, "guidelines.contribution.themeRequired").max(40),
  municipalityId: optionalId,
  commissionId: optionalId,
  eventId: optionalId,
  coAuthors: optionalText(2000),
  version: versionNumber.optional(),
  intent: z.enum(["save", "preview", "submit"]).default("save"),
});
export type ContributionForm = z.infer<typeof ContributionSchema>;

export const CommentSchema = z.object({
  body: requiredText(LIMITS.comment),
});

const DecisionFields = z.object({
  decision: z.enum(["CHANGES_REQUESTED", "ACCEPTED", "REJECTED"], { error: "validation.invalidChoice" }),
  reason: optionalText(LIMITS.comment),
  version: versionNumber,
});
/** Changes requested and rejections say why; an acceptance may. */
const reasonUnlessAccepted = (value: { decision: string; reason: string }) => value.decision === "ACCEPTED" || value.reason.length > 0;
const reasonRequired = { message: "guidelines.review.reasonRequired", path: ["reason"] };

export const DecisionSchema = DecisionFields.refine(reasonUnlessAccepted, reasonRequired);

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Paths under /guidelines that a guideline's slug must not take. */
export const RESERVED_SLUGS = ["new", "subscription"];

export const GuidelineSchema = z.object({
  title: requiredText(LIMITS.title),
  slug: z
    .string({ error: "validation.required" })
    .trim()
    .toLowerCase()
    .min(1, "validation.required")
    .max(80, "validation.tooLong")
    .regex(SLUG_PATTERN, "guidelines.guideline.slugInvalid")
    .refine((slug) => !RESERVED_SLUGS.includes(slug), "guidelines.guideline.slugTaken"),
  summary: optionalText(LIMITS.summary),
  sourceLocale: z.enum(["en", "sq", "sr"], { error: "validation.invalidChoice" }),
});

export const SectionSchema = z.object({
  title: requiredText(LIMITS.title),
  body: optionalText(LIMITS.sectionBody, "guidelines.section.bodyTooLong"),
});

export const PublishSchema = z.object({
  changelog: requiredText(LIMITS.changelog),
  revision: versionNumber,
});

/** A translation's own texts; its sections are checked with SectionSchema, one by one. */
export const TranslationSchema = z.object({
  title: requiredText(LIMITS.title),
  summary: optionalText(LIMITS.summary),
  changelog: requiredText(LIMITS.changelog),
});

export const SubscribeSchema = z.object({
  email: z
    .string({ error: "validation.required" })
    .trim()
    .max(254, "validation.tooLong")
    .pipe(z.email("validation.email")),
});

/** A file added to a contribution (its type and size are checked by its bytes, in the model). */
export const AttachmentUpload = z.object({ file: z.instanceof(File, { error: "guidelines.attachments.fileRequired" }) });

/** Removing one of a contribution's files. */
export const RemoveAttachment = z.object({
  intent: z.literal("remove-attachment"),
  attachmentId: z.string({ error: "errors.badRequestTitle" }).max(40, "errors.badRequestTitle"),
});

/** The reader's form under a guideline: follow it by email. */
export const SubscribeIntent = SubscribeSchema.extend({ intent: z.literal("subscribe", { error: "errors.badRequestTitle" }) });

/** The buttons of a subscription's emailed link; the token is the link's. */
export const SubscriptionAction = z.object({
  intent: z.enum(["confirm", "unsubscribe"], { error: "errors.badRequestTitle" }),
  token: z.string({ error: "errors.badRequestTitle" }).max(200, "errors.badRequestTitle"),
});

/** Co-authors are given as the email addresses of their accounts, separated by commas, spaces or lines. */
export function splitEmails(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((part) => part.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** Guideline versions are published in these languages (Serbian in Latin; Cyrillic is derived when shown). */
export const GUIDELINE_LANGUAGES = ["en", "sq", "sr"] as const;
export type GuidelineLanguage = (typeof GUIDELINE_LANGUAGES)[number];

/** A contribution's page: submit it, start its review, comment, decide (the comment and decision fields are checked by their own schemas). */
export const ContributionAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("submit"), version: versionNumber }),
  z.object({ intent: z.literal("start-review"), version: versionNumber }),
  z.object({ intent: z.literal("comment") }),
  z.object({ intent: z.literal("decide") }),
]);

/** The contribution page's forms, one per intent, with their own fields. */
export const ContributionPageForm = {
  submit: ContributionAction.options[0],
  startReview: ContributionAction.options[1],
  comment: ContributionAction.options[2].extend(CommentSchema.shape),
  decide: ContributionAction.options[3].extend(DecisionFields.shape).refine(reasonUnlessAccepted, reasonRequired),
};

/** Any of the contribution page's forms, told apart by its intent. */
export const ContributionPageSchema = z.discriminatedUnion("intent", [
  ContributionPageForm.submit,
  ContributionPageForm.startReview,
  ContributionPageForm.comment,
  ContributionPageForm.decide,
]);
export type ContributionPageAction = z.infer<typeof ContributionPageSchema>;

/** The fields of the contribution page's forms that are not typed in (the decision is a choice of three): their problems are said above the page. */
export const CONTRIBUTION_PAGE_HIDDEN = ["intent", "version", "decision"] as const;

/** The guideline editor's buttons; each intent's own fields are checked by the schemas below and above. */
export const GuidelineEditIntent = z.object({
  intent: z.enum(["details", "add-section", "update-section", "move-up", "move-down", "remove-section", "place", "unplace", "publish"]),
  sectionId: z.string().max(40).optional(),
  contributionId: z.string().max(40).optional(),
});

/** A guideline's title and summary, changed on the editor's page. */
export const GuidelineDetailsSchema = z.object({ title: SectionSchema.shape.title, summary: z.string().max(LIMITS.summary, "validation.tooLong").default("") });

/** An id the page put in a hidden field: when it is missing or malformed, the request did not come from the page. */
const pageId = z.string({ error: "errors.badRequestTitle" }).min(1, "errors.badRequestTitle").max(40, "errors.badRequestTitle");
const editorIntent = <Name extends z.infer<typeof GuidelineEditIntent>["intent"]>(name: Name) => GuidelineEditIntent.extend({ intent: z.literal(name) });

/** The guideline editor's forms, one per intent. */
export const GuidelineEditForm = {
  details: editorIntent("details").extend(GuidelineDetailsSchema.shape),
  addSection: editorIntent("add-section").extend(SectionSchema.shape),
  updateSection: editorIntent("update-section").extend({ sectionId: pageId, ...SectionSchema.shape }),
  moveUp: editorIntent("move-up").extend({ sectionId: pageId }),
  moveDown: editorIntent("move-down").extend({ sectionId: pageId }),
  removeSection: editorIntent("remove-section").extend({ sectionId: pageId }),
  place: editorIntent("place").extend({ sectionId: pageId, contributionId: pageId }),
  unplace: editorIntent("unplace").extend({ sectionId: pageId, contributionId: pageId }),
  publish: editorIntent("publish").extend(PublishSchema.shape),
};

/** Any of the editor's forms, told apart by its intent: the server parses with this, each form in the browser with its own. */
export const GuidelineEditSchema = z.discriminatedUnion("intent", [
  GuidelineEditForm.details,
  GuidelineEditForm.addSection,
  GuidelineEditForm.updateSection,
  GuidelineEditForm.moveUp,
  GuidelineEditForm.moveDown,
  GuidelineEditForm.removeSection,
  GuidelineEditForm.place,
  GuidelineEditForm.unplace,
  GuidelineEditForm.publish,
]);
export type GuidelineEdit = z.infer<typeof GuidelineEditSchema>;

/** The fields of the editor's forms that the page fills in itself: a problem with one is said above the page. */
export const GUIDELINE_EDIT_HIDDEN = ["intent", "sectionId", "contributionId", "revision"] as const;

/** The translation form: the version's own texts, then each section's title and text, named `title:<key>` and `body:<key>`. */
export function translationFormSchema(sectionKeys: readonly string[]) {
  const sections: Record<string, typeof SectionSchema.shape.title | typeof SectionSchema.shape.body> = {};
  for (const key of sectionKeys) {
    sections[`title:${key}`] = SectionSchema.shape.title;
    sections[`body:${key}`] = SectionSchema.shape.body;
  }
  return TranslationSchema.extend(sections);
}

/** The printed cover's texts, per language: the programme's name and the donor's funding disclaimer. */
export const CoverTextsSchema = z.object(
  Object.fromEntries(
    GUIDELINE_LANGUAGES.flatMap((language) => [
      [`programme:${language}`, z.string().trim().max(200, "guidelines.cover.programmeTooLong").default("")],
      [`disclaimer:${language}`, z.string().trim().max(1200, "guidelines.cover.disclaimerTooLong").default("")],
    ]),
  ) as Record<`programme:${GuidelineLanguage}` | `disclaimer:${GuidelineLanguage}`, z.ZodDefault<z.ZodString>>,
);

/** A donor's or partner's logo for the cover (multipart). */
export const LogoUpload = z.object({
  role: z.enum(["DONOR", "PARTNER"], { error: "validation.invalidChoice" }),
  name: requiredText(120),
  file: z.instanceof(File, { error: "guidelines.cover.fileRequired" }),
});

/** Taking a logo off the cover. */
export const RemoveLogo = z.object({
  intent: z.literal("remove-logo"),
  logoId: z.string({ error: "errors.badRequestTitle" }).max(40, "errors.badRequestTitle"),
});
