// Contributions, their review, and guideline versions: the rules, on a real
// database, without HTTP.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { prisma } from "~/db.server";
import {
  commentOnContribution,
  contributionFor,
  createContribution,
  decideContribution,
  startReview,
  submitContribution,
  updateContribution,
} from "~/models/contribution.server";
import { renderGuidelinePdf } from "~/models/guideline-pdf.server";
import {
  addSection,
  createGuideline,
  moveSection,
  placeContribution,
  removePlacement,
  removeSection,
  updateGuidelineDetails,
  updateSection,
} from "~/models/guideline.server";
import { confirmSubscription, subscribe, subscriptionByToken, unsubscribe } from "~/models/guideline-subscription.server";
import { LIMITS } from "~/models/rate-limit.server";
import { compareVersions, diffSections, publishTranslation, publishVersion, versionForReader } from "~/models/guideline-version.server";
import { renderMarkdown } from "~/utils/markdown.server";
import sr from "~/locales/sr";
import { latinToCyrillic } from "~/locales/transliterate";
import { seed } from "../prisma/seed";
import { createUser } from "./helpers/factories";

const BASE = "https://durable.test";
type Account = Awaited<ReturnType<typeof createUser>> & { roles: { role: string }[] };
const actor = (user: Account) => ({ id: user.id, roles: user.roles.map((r) => r.role) });

let member: Account;
let coAuthor: Account;
let trainer: Account;
let editor: Account;
let secondEditor: Account;
let admin: Account;
let themeId: string;
let municipalityId: string;

beforeAll(async () => {
  await seed(process.env.DATABASE_URL, { demoUsers: false });
  [member, coAuthor, trainer, editor, secondEditor, admin] = await Promise.all([
    createUser({ roles: ["MEMBER"], locale: "sr", name: "Milica Petrović" }),
    createUser({ roles: ["MEMBER"], locale: "sq", name: "Arta Krasniqi" }),
    createUser({ roles: ["TRAINER"] }),
    createUser({ roles: ["EDITOR"], name: "Edona Editor" }),
    createUser({ roles: ["EDITOR"] }),
    createUser({ roles: ["ADMIN"] }),
  ]);
  themeId = (await prisma.theme.findFirstOrThrow({ where: { slug: "housing" } })).id;
  municipalityId = (await prisma.municipality.findFirstOrThrow({ where: { slug: "gjilan" } })).id;
});

function input(overrides: Partial<Parameters<typeof createContribution>[1]> = {}) {
  return {
    title: "One-stop desk for returnees",
    summary: "A single desk in the municipal building.",
    body: "Returnees found every service in **one place**.\n\n- documents\n- housing",
    themeId,
    municipalityId,
    coAuthors: "",
    ...overrides,
  };
}

async function contributionVersion(id: string) {
  return (await prisma.contribution.findUniqueOrThrow({ where: { id } })).version;
}

/** A contribution taken all the way to accepted, through the real workflow. */
async function acceptedContribution(title: string, body: string) {
  const created = await createContribution(actor(member), input({ title, body }));
  if (!created.ok) throw new Error(created.message);
  const id = created.contributionId;
  expect(await submitContribution(actor(member), id, await contributionVersion(id))).toEqual({ ok: true });
  expect(await decideContribution(actor(editor), id, { decision: "ACCEPTED", reason: "", version: await contributionVersion(id) }, BASE)).toEqual({
    ok: true,
  });
  return id;
}

describe("a contribution's review workflow", () => {
  it("goes from draft to accepted, keeping every revision and telling the authors in their language", async () => {
    const created = await createContribution(actor(member), input({ coAuthors: coAuthor.email }));
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const id = created.contributionId;

    // The draft is the authors' alone: an editor cannot even see it.
    expect(await contributionFor(actor(editor), id)).toBeNull();
    expect((await contributionFor(actor(coAuthor), id))?.mayEdit).toBe(true);

    expect(await submitContribution(actor(member), id, 1)).toEqual({ ok: true });
    // Submitted: the authors can no longer change it.
    expect(await updateContribution(actor(member), id, input({ title: "Changed" }), 2)).toMatchObject({
      ok: false,
      message: "guidelines.contribution.notEditable",
    });
    expect((await contributionFor(actor(member), id))?.mayEdit).toBe(false);

    expect(await startReview(actor(editor), id, 2)).toEqual({ ok: true });
    expect(await commentOnContribution(actor(editor), id, "Which documents?", BASE)).toEqual({ ok: true });
    expect(
      await decideContribution(actor(editor), id, { decision: "CHANGES_REQUESTED", reason: "Add the numbers, please.", version: 3 }, BASE),
    ).toEqual({ ok: true });

    // Changes requested: the authors may revise and resubmit.
    expect(await updateContribution(actor(coAuthor), id, input({ body: "120 families were helped in **one place**." }), 4)).toEqual({
      ok: true,
      version: 5,
    });
    expect(await submitContribution(actor(member), id, 5)).toEqual({ ok: true });
    expect(await decideContribution(actor(editor), id, { decision: "ACCEPTED", reason: "Thank you.", version: 6 }, BASE)).toEqual({ ok: true });

    const revisions = await prisma.contributionRevision.findMany({ where: { contributionId: id }, orderBy: { number: "asc" } });
    expect(revisions.map((r) => r.number)).toEqual([1, 2]);
    expect(revisions[0].body).toContain("Returnees found every service");
    expect(revisions[1].body).toContain("120 families");

    const mails = await prisma.outboxMessage.findMany({ where: { template: { startsWith: "contribution-" } }, orderBy: { createdAt: "asc" } });
    const toMember = mails.filter((m) => m.toAddress === member.email);
    // A comment, changes requested, accepted: each in Serbian for Milica.
    expect(toMember.map((m) => m.subject)).toEqual([
      sr.guidelines.emails.comment.subject.replace("{{title}}", "One-stop desk for returnees"),
      sr.guidelines.emails.decision.subject.CHANGES_REQUESTED.replace("{{title}}", "One-stop desk for returnees"),
      sr.guidelines.emails.decision.subject.ACCEPTED.replace("{{title}}", "One-stop desk for returnees"),
    ]);
    expect(toMember[1].text).toContain("Add the numbers, please.");
    expect(mails.filter((m) => m.toAddress === coAuthor.email)).toHaveLength(3);
    const audit = await prisma.auditLog.findMany({ where: { subjectId: id }, select: { action: true } });
    expect(audit.map((a) => a.action)).toContain("contribution.decided");
  });

  it("refuses a decision made on a version the editor did not see (two editors, one contribution)", async () => {
    const created = await createContribution(actor(member), input({ title: "Mobile legal aid" }));
    if (!created.ok) throw new Error(created.message);
    const id = created.contributionId;
    await submitContribution(actor(member), id, 1);
    // Both editors open it at version 2; the first rejects, the second's acceptance must not overwrite that.
    expect(await decideContribution(actor(editor), id, { decision: "REJECTED", reason: "Out of scope.", version: 2 }, BASE)).toEqual({ ok: true });
    expect(await decideContribution(actor(secondEditor), id, { decision: "ACCEPTED", reason: "", version: 2 }, BASE)).toMatchObject({
      ok: false,
      message: "guidelines.review.changedMeanwhile",
    });
    const after = await prisma.contribution.findUniqueOrThrow({ where: { id } });
    expect(after.status).toBe("REJECTED");
    expect(after.decisionReason).toBe("Out of scope.");
  });

  it("lets each role do only its part", async () => {
    // Editors and admins do not write contributions; members and trainers do.
    expect(await createContribution(actor(editor), input())).toMatchObject({ ok: false, message: "errors.forbidden" });
    expect(await createContribution(actor(admin), input())).toMatchObject({ ok: false, message: "errors.forbidden" });
    const byTrainer = await createContribution(actor(trainer), input({ title: "Written for a commission" }));
    expect(byTrainer.ok).toBe(true);
    // A member may not write on behalf of a commission (trainers do).
    const commission = await prisma.commission.create({ data: { municipalityId, name: "Municipal commission for communities and return" } });
    expect(await createContribution(actor(member), input({ commissionId: commission.id }))).toMatchObject({ ok: false, field: "commissionId" });
    expect((await createContribution(actor(trainer), input({ commissionId: commission.id }))).ok).toBe(true);

    const created = await createContribution(actor(member), input());
    if (!created.ok) throw new Error(created.message);
    await submitContribution(actor(member), created.contributionId, 1);
    // Members and trainers do not review; someone who is not an author cannot touch it.
    expect(await startReview(actor(member), created.contributionId, 2)).toMatchObject({ ok: false, message: "errors.forbidden" });
    expect(await decideContribution(actor(trainer), created.contributionId, { decision: "ACCEPTED", reason: "", version: 2 }, BASE)).toMatchObject({
      ok: false,
      message: "errors.forbidden",
    });
    expect(await contributionFor(actor(trainer), created.contributionId)).toBeNull();
    expect(await submitContribution(actor(coAuthor), created.contributionId, 2)).toMatchObject({ ok: false, message: "errors.notFound" });
    // Rejecting or asking for changes needs a reason.
    expect(await decideContribution(actor(editor), created.contributionId, { decision: "REJECTED", reason: " ", version: 2 }, BASE)).toMatchObject({
      ok: false,
      field: "reason",
    });
  });

  it("refuses a missing theme, an unknown co-author and an over-long text with a message for the field", async () => {
    expect(await createContribution(actor(member), input({ themeId: "nope" }))).toMatchObject({ ok: false, field: "themeId", message: "guidelines.contribution.themeRequired" });
    expect(await createContribution(actor(member), input({ coAuthors: "nobody@example.org" }))).toMatchObject({ ok: false, field: "coAuthors" });
    expect(await createContribution(actor(member), input({ body: "x".repeat(40_001) }))).toMatchObject({
      ok: false,
      field: "body",
      message: "guidelines.contribution.bodyTooLong",
    });
  });
});

describe("Markdown from contributors", () => {
  it("is rendered inert: raw HTML is escaped and javascript: links are not links", () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[click](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=) [ok](https://example.org)',
    );
    expect(html).not.toMatch(/<script|<img|href="javascript:|href="data:/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain('<a href="https://example.org" rel="nofollow ugc noopener">ok</a>');
  });
});

describe("a guideline and its versions", () => {
  let guidelineId: string;
  const slug = "returnee-integration";

  async function revision() {
    return (await prisma.guideline.findUniqueOrThrow({ where: { id: guidelineId } })).revision;
  }
  async function sectionId(key: string) {
    return (await prisma.guidelineSection.findUniqueOrThrow({ where: { guidelineId_key: { guidelineId, key } } })).id;
  }
  async function frozen() {
    return prisma.guidelineVersion.findMany({
      where: { guidelineId },
      orderBy: [{ locale: "asc" }, { number: "asc" }],
      include: { sections: { orderBy: { key: "asc" } }, credits: { orderBy: { contributionId: "asc" } } },
    });
  }

  beforeAll(async () => {
    const created = await createGuideline(editor.id, {
      title: "Guidelines for successful integration of returnees",
      slug,
      summary: "What the municipalities have learnt.",
      sourceLocale: "en",
    });
    expect(created).toEqual({ ok: true, slug });
    guidelineId = (await prisma.guideline.findUniqueOrThrow({ where: { slug } })).id;
  });

  it("refuses to publish an empty draft, then publishes version 1 with its credits and municipalities", async () => {
    expect(await publishVersion(editor.id, guidelineId, { changelog: "First", revision: await revision() }, BASE)).toMatchObject({
      ok: false,
      message: "guidelines.publish.empty",
    });
    await addSection(editor.id, guidelineId, { title: "Housing", body: "" });
    expect(await publishVersion(editor.id, guidelineId, { changelog: "First", revision: await revision() }, BASE)).toMatchObject({
      ok: false,
      message: "guidelines.publish.empty",
    });
    await updateSection(editor.id, await sectionId("housing"), { title: "Housing", body: "Start with the house." });
    await addSection(editor.id, guidelineId, { title: "Documents", body: "Civil documents come first." });
    await addSection(editor.id, guidelineId, { title: "Education", body: "Enrol children at once." });
    const contributionId = await acceptedContribution("Rebuilt homes in Gjilan", "Fifty houses were rebuilt.");
    await placeContribution(editor.id, await sectionId("housing"), contributionId);

    const result = await publishVersion(editor.id, guidelineId, { changelog: "First version.", revision: await revision() }, BASE);
    expect(result).toEqual({ ok: true, number: 1 });
    const view = await versionForReader(slug, "en");
    expect(view?.version.sections.map((s) => s.title)).toEqual(["Housing", "Documents", "Education"]);
    expect(view?.version.sections[0].body).toContain("### Rebuilt homes in Gjilan");
    expect(view?.version.credits).toMatchObject([{ title: "Rebuilt homes in Gjilan", sectionKey: "housing", municipality: { slug: "gjilan" } }]);
    // Publishing the same text again is refused: nothing changed.
    expect(await publishVersion(editor.id, guidelineId, { changelog: "Again", revision: await revision() }, BASE)).toMatchObject({
      ok: false,
      message: "guidelines.publish.unchanged",
    });
  });

  it("refuses to publish a working copy that changed after the editor previewed it", async () => {
    const seen = await revision();
    await updateSection(secondEditor.id, await sectionId("education"), { title: "Education", body: "Enrol children in the first week." });
    expect(await publishVersion(editor.id, guidelineId, { changelog: "Stale", revision: seen }, BASE)).toMatchObject({
      ok: false,
      message: "guidelines.publish.changedMeanwhile",
    });
  });

  it("never changes a published version, whatever is done to the guideline afterwards", async () => {
    const before = await frozen();
    expect(before).toHaveLength(1);
    const contributionId = await acceptedContribution("School transport in Kamenica", "A bus for returnee children.");
    // Every action an editor has, one after the other.
    await updateGuidelineDetails(editor.id, guidelineId, { title: "Renamed guidelines", summary: "New summary" });
    await updateSection(editor.id, await sectionId("documents"), { title: "Civil documents", body: "Changed text." });
    await moveSection(editor.id, await sectionId("education"), "up");
    await placeContribution(editor.id, await sectionId("education"), contributionId);
    await removePlacement(editor.id, await sectionId("housing"), before[0].credits[0].contributionId);
    await removeSection(editor.id, await sectionId("housing"));
    await addSection(editor.id, guidelineId, { title: "Health", body: "Register with a family doctor." });
    await publishTranslation(editor.id, before[0].id, {
      locale: "sq",
      title: "Udhëzimet",
      summary: "",
      changelog: "Përkthimi i parë.",
      sections: before[0].sections.map((s) => ({ key: s.key, title: `${s.title} (sq)`, body: s.body })),
    });
    // A second publication makes version 2 and leaves version 1 as it was.
    expect(await publishVersion(editor.id, guidelineId, { changelog: "Second version.", revision: await revision() }, BASE)).toEqual({
      ok: true,
      number: 2,
    });
    const after = await frozen();
    const v1 = after.find((v) => v.locale === "en" && v.number === 1);
    expect(v1).toEqual(before[0]);
    // And the domain offers no way to change one: no exported function updates or deletes versions.
    const modules = await Promise.all([
      import("~/models/guideline-version.server"),
      import("~/models/guideline.server"),
      import("~/models/contribution.server"),
    ]);
    const names = modules.flatMap((m) => Object.keys(m));
    expect(names.filter((name) => /^(update|edit|delete|remove|change)Version/i.test(name))).toEqual([]);
  });

  it("lists exactly the sections that changed between two versions", async () => {
    const diff = await compareVersions(slug, 1, 2);
    expect(diff).not.toBeNull();
    const byKind = (kind: string) => diff!.changes.filter((c) => c.kind === kind).map((c) => c.key);
    expect(byKind("added")).toEqual(["health"]);
    expect(byKind("removed")).toEqual(["housing"]);
    expect(byKind("changed").sort()).toEqual(["documents", "education"]);
    expect(byKind("unchanged")).toEqual([]);
    const documents = diff!.changes.find((c) => c.key === "documents");
    expect(documents).toMatchObject({ kind: "changed", previousTitle: "Documents" });
    expect(diff!.creditsAdded.map((c) => c.title)).toEqual(["School transport in Kamenica"]);
    expect(diff!.creditsRemoved.map((c) => c.title)).toEqual(["Rebuilt homes in Gjilan"]);
  });

  it("diffs a one-word edit as that word, and an unchanged section as unchanged", () => {
    const changes = diffSections(
      [
        { key: "a", title: "A", body: "Open the desk on Monday.\n\nSecond paragraph." },
        { key: "b", title: "B", body: "Same." },
      ],
      [
        { key: "a", title: "A", body: "Open the desk on Tuesday.\n\nSecond paragraph." },
        { key: "b", title: "B", body: "Same." },
      ],
    );
    expect(changes[1]).toEqual({ kind: "unchanged", key: "b", title: "B" });
    expect(changes[0]).toMatchObject({ kind: "changed", moved: false });
    if (changes[0].kind !== "changed") return;
    expect(changes[0].parts.filter((p) => p.kind !== "same")).toEqual([
      { kind: "removed", text: "Monday" },
      { kind: "added", text: "Tuesday" },
    ]);
  });

  it("shows the reader's language where it exists, falls back with a notice, and marks an older translation out of date", async () => {
    const albanian = await versionForReader(slug, "sq");
    // The Albanian translation was made from version 1; version 2 is newer.
    expect(albanian).toMatchObject({ fallback: false, outdated: { translatedFrom: 1, latest: 2 }, version: { locale: "sq" } });
    const serbian = await versionForReader(slug, "sr-Cyrl");
    expect(serbian).toMatchObject({ fallback: true, outdated: null, version: { locale: "en", number: 2 } });
    // Version 1 exactly in Albanian is the translation of version 1, up to date for that version.
    expect(await versionForReader(slug, "sq", 1)).toMatchObject({ version: { locale: "sq" }, outdated: null });
    // A translation of version 2 brings it up to date.
    const v2 = await prisma.guidelineVersion.findUniqueOrThrow({
      where: { guidelineId_locale_number: { guidelineId, locale: "en", number: 2 } },
      include: { sections: true },
    });
    expect(
      await publishTranslation(editor.id, v2.id, {
        locale: "sq",
        title: "Udhëzimet",
        summary: "",
        changelog: "Përditësuar.",
        sections: v2.sections.map((s) => ({ key: s.key, title: s.title, body: s.body })),
      }),
    ).toEqual({ ok: true, number: 2 });
    expect(await versionForReader(slug, "sq")).toMatchObject({ outdated: null, version: { locale: "sq", number: 2 } });
    // A translation must cover every section.
    expect(
      await publishTranslation(editor.id, v2.id, { locale: "sr", title: "Smernice", summary: "", changelog: "x", sections: [] }),
    ).toMatchObject({ ok: false, message: "guidelines.translate.incomplete" });
  });

  it("sends one confirmation to an address and then pauses, and limits requests per client address", async () => {
    const stranger = "stranger@example.org";
    const address = "203.0.113.90";
    expect(await subscribe(slug, stranger, "en", BASE, address)).toEqual({ ok: true });
    for (let i = 0; i < 5; i++) expect(await subscribe(slug, stranger, "en", BASE, address)).toMatchObject({ ok: false, error: "tooMany" });
    expect(await prisma.outboxMessage.count({ where: { template: "guideline-subscription", toAddress: stranger } })).toBe(1);
    // Still within the pause: refused, with the time to wait.
    const later = await subscribe(slug, stranger, "en", BASE, address);
    expect(later.ok === false && later.error === "tooMany" && later.retryAfterSeconds).toBeGreaterThan(0);
    // From one client address, at most LIMITS.subscribeAddress.max requests an hour, whatever the email addresses.
    const sent: boolean[] = [];
    for (let i = 0; i < LIMITS.subscribeAddress.max + 2; i++) sent.push((await subscribe(slug, `reader-${i}@example.org`, "en", BASE, "203.0.113.91")).ok);
    expect(sent.filter(Boolean)).toHaveLength(LIMITS.subscribeAddress.max);
    expect(await subscribe("no-such-guideline", stranger, "en", BASE, address)).toEqual({ ok: false, error: "notFound" });
  });

  it("emails confirmed subscribers the changelog of a new version, and only them", async () => {
    expect(await subscribe(slug, "Reader@Example.org", "sq", BASE)).toEqual({ ok: true });
    expect(await subscribe(slug, "unconfirmed@example.org", "en", BASE)).toEqual({ ok: true });
    const confirmation = await prisma.outboxMessage.findFirstOrThrow({ where: { template: "guideline-subscription", toAddress: "reader@example.org" } });
    const token = confirmation.text.match(/token=([\w-]+)/)![1];
    // Opening the link (reading the subscription) changes nothing; confirming does.
    expect((await subscriptionByToken(token))?.confirmedAt).toBeNull();
    expect(await confirmSubscription(token)).toEqual({ ok: true, slug });
    // The token is kept only as a hash.
    const stored = await prisma.guidelineSubscription.findFirstOrThrow({ where: { email: "reader@example.org" } });
    expect(stored.tokenHash).not.toContain(token);

    await addSection(editor.id, guidelineId, { title: "Livelihoods", body: "Small grants work." });
    expect(await publishVersion(editor.id, guidelineId, { changelog: "Added livelihoods.", revision: await revision() }, BASE)).toEqual({
      ok: true,
      number: 3,
    });
    const notices = await prisma.outboxMessage.findMany({ where: { template: "guideline-new-version" } });
    expect(notices.map((n) => n.toAddress)).toEqual(["reader@example.org"]);
    expect(notices[0].text).toContain("Added livelihoods.");
    expect(notices[0].subject).toContain("3");
    // The email's own link unsubscribes; the confirmation link no longer works.
    const unsubscribeToken = notices[0].text.match(/token=([\w-]+)/)![1];
    expect(await unsubscribe(token)).toEqual({ ok: false });
    expect(await unsubscribe(unsubscribeToken)).toEqual({ ok: true, slug });
    expect(await prisma.guidelineSubscription.count({ where: { email: "reader@example.org" } })).toBe(0);
  });
});

const pdftotextMissing = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return false;
  } catch {
    return true;
  }
})();
if (pdftotextMissing && process.env.CI !== "true") console.warn("PDF text checks skipped: pdftotext (poppler-utils) is not installed.");

describe.skipIf(pdftotextMissing && process.env.CI !== "true")("the PDF of a version", () => {
  it("is a valid PDF whose text has the section titles, Cyrillic for Cyrillic readers, and contributors' HTML as plain text", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    await createGuideline(editor.id, { title: "Vodič za povratak", slug: "vodic", summary: "Iskustva opština.", sourceLocale: "sr" });
    const guideline = await prisma.guideline.findUniqueOrThrow({ where: { slug: "vodic" } });
    await addSection(editor.id, guideline.id, { title: "Stanovanje i smeštaj", body: "Kuće su obnovljene u Gnjilanu." });
    const xss = await acceptedContribution("<script>alert('pdf')</script> Škola", "<img src=x onerror=alert(1)> [link](javascript:alert(2))");
    const section = await prisma.guidelineSection.findFirstOrThrow({ where: { guidelineId: guideline.id } });
    await placeContribution(editor.id, section.id, xss);
    await publishVersion(editor.id, guideline.id, { changelog: "Prva verzija.", revision: (await prisma.guideline.findUniqueOrThrow({ where: { id: guideline.id } })).revision }, BASE);
    const view = await versionForReader("vodic", "sr-Cyrl");
    const pdf = await renderGuidelinePdf(view!.version, "sr-Cyrl");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.subarray(-6).toString()).toContain("%%EOF");
    const dir = mkdtempSync(join(tmpdir(), "durable-pdf-"));
    const file = join(dir, "v1.pdf");
    writeFileSync(file, pdf);
    expect(existsSync(file)).toBe(true);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString();
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain(latinToCyrillic("Stanovanje i smeštaj"));
    expect(flat).toContain(latinToCyrillic(sr.guidelines.pdf.contents));
    expect(flat).toContain("Гњилане");
    // In Latin script, the script tag is shown as the characters it is, and nothing in the file can run it.
    const latin = await renderGuidelinePdf(view!.version, "sr");
    writeFileSync(file, latin);
    const latinText = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString().replace(/\s+/g, " ");
    expect(latinText).toContain("<script>alert('pdf')</script> Škola");
    expect(latinText).toContain("<img src=x onerror=alert(1)>");
    for (const file of [pdf, latin]) expect(file.toString("latin1")).not.toMatch(/\/JavaScript|\/JS\s|\/OpenAction|\/URI\s*\(javascript/);
  });
});
