import { z } from "~/utils/zod";
import type { CommissionRole, Community, Gender, OrganisationType } from "~/generated/prisma/enums";

// Choices of the directory's forms, shared by server and browser (labels are
// message keys: directory.gender.WOMAN, directory.community.ROMA, ...).

export const GENDERS: readonly Gender[] = ["WOMAN", "MAN", "OTHER", "PREFER_NOT_TO_SAY"];

export const COMMUNITIES: readonly Community[] = [
  "KOSOVO_ALBANIAN",
  "KOSOVO_SERB",
  "ROMA",
  "ASHKALI",
  "EGYPTIAN",
  "BOSNIAK",
  "GORANI",
  "TURKISH",
  "OTHER",
  "PREFER_NOT_TO_SAY",
];

export const ORGANISATION_TYPES: readonly OrganisationType[] = [
  "MUNICIPALITY",
  "CENTRAL_INSTITUTION",
  "CIVIL_SOCIETY",
  "INTERNATIONAL",
  "COMMUNITY_REPRESENTATIVE",
  "OTHER",
];

export const COMMISSION_ROLES: readonly CommissionRole[] = ["CHAIR", "DEPUTY_CHAIR", "SECRETARY", "MEMBER"];

/** The languages a stakeholder can prefer (for emails and invitations). */
export const PERSON_LOCALES = ["sq", "sr", "sr-Cyrl", "en"] as const;
export type PersonLocale = (typeof PERSON_LOCALES)[number];

/** The fields a spreadsheet column can be mapped to when importing. */
export const IMPORT_FIELDS = [
  "name",
  "email",
  "phone",
  "organisation",
  "organisationType",
  "municipality",
  "position",
  "language",
  "gender",
  "community",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Biggest spreadsheet accepted for import. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 10_000;

export const PEOPLE_PAGE_SIZE = 25;

const optionalId = z.string().trim().max(100).optional().transform((v) => v || undefined);

/** The list's filters, read from the address (shared by the list and its exports). */
export const PeopleFilterSchema = z.object({
  q: z.string().trim().max(200).optional().transform((v) => v || undefined),
  cluster: optionalId,
  municipality: optionalId,
  organisationType: z.enum(ORGANISATION_TYPES as [OrganisationType, ...OrganisationType[]]).optional().catch(undefined),
  commission: optionalId,
  language: z.enum(PERSON_LOCALES).optional().catch(undefined),
  /** "1": only people created at check-in whose details are still to complete. */
  toComplete: z
    .string()
    .optional()
    .transform((v) => v === "1" || undefined),
});

export type PeopleFilterValues = z.infer<typeof PeopleFilterSchema>;

export function readPeopleFilter(params: URLSearchParams): PeopleFilterValues {
  const raw = Object.fromEntries(["q", "cluster", "municipality", "organisationType", "commission", "language", "toComplete"].map((k) => [k, params.get(k) ?? undefined]));
  const parsed = PeopleFilterSchema.safeParse(raw);
  return parsed.success ? parsed.data : { q: undefined, cluster: undefined, municipality: undefined, commission: undefined, toComplete: undefined };
}

const optionalText = (max: number) => z.string().trim().max(max, "validation.tooLong").optional();

/** A YYYY-MM-DD that names a day of the calendar (not the 30th of February, which Date would quietly move to March). */
function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The person form, checked the same way in the browser and on the server. */
export const PersonSchema = z.object({
  name: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(200, "validation.tooLong"),
  email: z.string().trim().max(254, "validation.tooLong").pipe(z.email("validation.email")).optional(),
  phone: optionalText(50),
  position: optionalText(200),
  locale: z.enum(PERSON_LOCALES, { error: "validation.invalidChoice" }),
  organisationId: optionalText(100),
  municipalityId: optionalText(100),
  gender: z.enum(GENDERS as [Gender, ...Gender[]], { error: "validation.invalidChoice" }).optional(),
  community: z.enum(COMMUNITIES as [Community, ...Community[]], { error: "validation.invalidChoice" }).optional(),
  consentGivenAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "directory.person.invalidDate")
    .refine(isCalendarDate, "directory.person.invalidDate")
    .optional(),
  consentText: optionalText(2000),
});

export const OrganisationSchema = z.object({
  name: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(200, "validation.tooLong"),
  type: z.enum(ORGANISATION_TYPES as [OrganisationType, ...OrganisationType[]], { error: "validation.invalidChoice" }),
  municipalityId: optionalText(100),
});

/** A commission's page: name someone a member (with a role) or remove them. */
export const CommissionMemberAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("set"), personId: z.string().min(1).max(64), role: z.enum(COMMISSION_ROLES as [CommissionRole, ...CommissionRole[]]) }),
  z.object({ intent: z.literal("remove"), personId: z.string().min(1).max(64) }),
]);

/** The commissions page: decide a request to join, or create a commission. */
export const CommissionsAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), requestId: z.string().min(1).max(64), reason: z.string().max(1000).optional() }),
  z.object({ intent: z.literal("decline"), requestId: z.string().min(1).max(64), reason: z.string().max(1000).optional() }),
  z.object({ intent: z.literal("create"), municipalityId: z.string().min(1).max(64), name: z.string().trim().min(1, "validation.required").max(200) }),
]);

/** A member asks to join their municipality's commission. */
export const JoinCommissionSchema = z.object({ commissionId: z.string({ error: "validation.required" }).min(1, "validation.required").max(100) });

/** Two records of one person become one: the page's person is kept, `otherId` is merged into it. */
export const MergePeopleSchema = z.object({ otherId: z.string().min(1).max(100) });
