import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import { acceptedContributions } from "~/models/contribution.server";
import {
  addSection,
  compileDraft,
  isEmptyDraft,
  moveSection,
  placeContribution,
  removePlacement,
  removeSection,
  updateGuidelineDetails,
  updateSection,
  workingCopy,
} from "~/models/guideline.server";
import { publishVersion, versionHistory } from "~/models/guideline-version.server";
import type { SessionUser } from "~/utils/auth.server";
import { hiddenFieldErrors } from "~/utils/forms";
import { GUIDELINE_EDIT_HIDDEN, GuidelineEditSchema, type GuidelineEdit } from "~/utils/guidelines";
import type { Locale } from "~/utils/i18n";
import { renderMarkdown } from "~/utils/markdown.server";
import { municipalityName } from "~/utils/names";
import { can, forbidden } from "~/utils/permissions.server";
import type { Refusal } from "~/utils/refusal";
import { notFound, refusalReply } from "~/utils/refusal.server";
import { publicOrigin } from "~/utils/url.server";

/** The working copy as the editor's page shows it: its sections with what is placed in them, what may still be placed, and the draft of the next version. */
export async function guidelineEditor(user: SessionUser, slug: string, locale: Locale) {
  const guideline = await workingCopy(slug);
  if (!guideline) throw notFound();
  const draft = compileDraft(guideline);
  const placed = new Set(guideline.sections.flatMap((s) => s.placements.map((p) => p.contributionId)));
  const accepted = (await acceptedContributions()).filter((c) => !placed.has(c.id));
  const published = await versionHistory(guideline.slug);
  const municipality = (m: Parameters<typeof municipalityName>[0] | null) => (m ? municipalityName(m, locale) : null);
  return {
    guideline: { id: guideline.id, slug: guideline.slug, title: guideline.title, summary: guideline.summary, revision: guideline.revision },
    nextNumber: (published?.versions[0]?.number ?? 0) + 1,
    hasPublished: (published?.versions.length ?? 0) > 0,
    mayPublish: can(user, "guidelines:publish"),
    sections: guideline.sections.map((s) => ({
      id: s.id,
      key: s.key,
      title: s.title,
      body: s.body,
      placements: s.placements.map((p) => ({ contributionId: p.contributionId, title: p.contribution.title, municipality: municipality(p.contribution.municipality) })),
    })),
    /** Accepted contributions not placed yet, as the place form offers them. */
    placeable: accepted.map((c) => {
      const where = municipality(c.municipality);
      return { id: c.id, name: where ? `${c.title} (${where})` : c.title };
    }),
    draft: { empty: isEmptyDraft(draft), sections: draft.sections.map((s) => ({ key: s.key, title: s.title, html: renderMarkdown(s.body) })) },
  };
}

/** Which of the page's forms an answer belongs to (a section's forms repeat once per section). */
type FormOf = { intent: string; sectionId: string };

/**
 * One change to the working copy, as the editor's forms send it: parsed with
 * the intent's schema, then one domain function. Every answer is the form's
 * reply, with which form it was and, after a change, what to tell the editor.
 */
export async function editGuideline(request: Request, user: SessionUser, slug: string, formData: FormData) {
  const guideline = await workingCopy(slug);
  if (!guideline) throw notFound();
  const submission = parseWithZod(formData, { schema: GuidelineEditSchema });
  const payload = submission.payload;
  const formOf: FormOf = {
    intent: typeof payload.intent === "string" ? payload.intent : "",
    sectionId: typeof payload.sectionId === "string" ? payload.sectionId : "",
  };
  // Publishing is for those who may publish, whatever was sent.
  if (formOf.intent === "publish" && !can(user, "guidelines:publish")) throw forbidden();
  if (submission.status !== "success") {
    return data({ result: submission.reply(hiddenFieldErrors(submission.error, GUIDELINE_EDIT_HIDDEN)), ...formOf, notice: null }, { status: 400 });
  }
  const input = submission.value;
  // Only sections of this guideline may be touched from its page.
  if ("sectionId" in input && input.sectionId && !guideline.sections.some((s) => s.id === input.sectionId)) throw notFound();
  const outcome = await change(request, user, guideline.id, input);
  if (outcome.ok && outcome.published) return redirect(`/guidelines/${guideline.slug}/v/${outcome.published}?published=1`);
  if (!outcome.ok) return refusalReply(submission, outcome, { ...formOf, notice: null });
  // A new section's form starts empty again; the others keep what was saved.
  return data({ result: submission.reply({ resetForm: input.intent === "add-section" }), ...formOf, notice: "guidelines.editor.saved" });
}

type Changed = { ok: true; published?: number };

async function change(request: Request, user: SessionUser, guidelineId: string, input: GuidelineEdit): Promise<Changed | Refusal> {
  switch (input.intent) {
    case "details":
      return updateGuidelineDetails(user.id, guidelineId, input);
    case "add-section":
      return addSection(user.id, guidelineId, input);
    case "update-section":
      return updateSection(user.id, input.sectionId, input);
    case "move-up":
    case "move-down":
      return moveSection(user.id, input.sectionId, input.intent === "move-up" ? "up" : "down");
    case "remove-section":
      return removeSection(user.id, input.sectionId);
    case "place":
      return placeContribution(user.id, input.sectionId, input.contributionId);
    case "unplace":
      return removePlacement(user.id, input.sectionId, input.contributionId);
    case "publish": {
      const outcome = await publishVersion(user.id, guidelineId, input, publicOrigin());
      return outcome.ok ? { ok: true, published: outcome.number } : outcome;
    }
  }
}
