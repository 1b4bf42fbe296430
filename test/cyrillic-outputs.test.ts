// Serbian Cyrillic readers get Serbian text transliterated and everything
// else as it was written: every output (the guideline reader, its PDF and
// diff, the emails, certificates and calendar texts) is made in Cyrillic
// over English and Albanian data, and must show those words as they are.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prisma } from "~/db.server";
import { eventCertificates } from "~/models/certificate.server";
import { createContribution, decideContribution, submitContribution } from "~/models/contribution.server";
import { eventCalendarFile } from "~/models/event-calendar.server";
import { renderGuidelinePdf } from "~/models/guideline-pdf.server";
import { confirmSubscription, subscribe } from "~/models/guideline-subscription.server";
import { readableComparison, shownBlocks } from "~/models/guideline-diff.server";
import { sourceSegments, translatedSegments } from "~/models/guideline-text.server";
import {
  compareVersions,
  publishedGuidelines,
  publishTranslation,
  publishVersion,
  readerPage,
  versionForReader,
} from "~/models/guideline-version.server";
import { addSection, createGuideline, placeContribution, updateSection } from "~/models/guideline.server";
import { composeInvitation } from "~/models/invitation-list.server";
import { latinToCyrillic } from "~/locales/transliterate";
import { shownText } from "~/utils/content-language";
import { demoteHeadings, markdownBlocks, renderMarkdown } from "~/utils/markdown.server";
import { seed } from "../prisma/seed";
import { createEvent, createPerson, createUser, invite } from "./helpers/factories";

const BASE = "https://durable.test";

// Words of the English and Albanian data below, which no output may transliterate.
const FOREIGN = ["One-stop", "desk", "returnees", "Gjilan", "Results", "service", "Next steps", "Zyra", "kthyerit", "shërbim", "Civil", "documents", "Housing workshop", "Arta", "Krasniqi", "Opening"];

/** Fails on any English or Albanian word of the data written in Cyrillic letters. */
function expectNoTransliteratedWords(output: string, where: string) {
  const lower = output.toLowerCase();
  for (const word of FOREIGN) expect(lower, `${where}: "${word}" transliterated`).not.toContain(latinToCyrillic(word).toLowerCase());
}

const pdfToolsMissing = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    execFileSync("pdffonts", ["-v"], { stdio: "ignore" });
    return false;
  } catch {
    return true;
  }
})();
if (pdfToolsMissing && process.env.CI !== "true") console.warn("PDF checks skipped: pdftotext and pdffonts (poppler-utils) are not installed.");

function pdfFile(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), "durable-cyrl-")), "out.pdf");
  writeFileSync(file, pdf);
  return file;
}
const pdfText = (file: string) => execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString().replace(/\s+/g, " ");

type Account = Awaited<ReturnType<typeof createUser>>;
const actor = (user: Account) => ({ id: user.id, roles: user.roles.map((r) => r.role) });
let member: Account;
let editor: Account;
let themeId: string;
let municipalityId: string;

async function acceptedContribution(locale: string, title: string, body: string) {
  const created = await createContribution(actor(member), { title, summary: "", body, themeId, municipalityId, coAuthors: "", locale });
  if (!created.ok) throw new Error(created.message);
  const id = created.contributionId;
  const version = async () => (await prisma.contribution.findUniqueOrThrow({ where: { id } })).version;
  await submitContribution(actor(member), id, await version());
  await decideContribution(actor(editor), id, { decision: "ACCEPTED", reason: "", version: await version() }, BASE);
  return id;
}

const revision = async (id: string) => (await prisma.guideline.findUniqueOrThrow({ where: { id } })).revision;

beforeAll(async () => {
  await seed(process.env.DATABASE_URL, { demoUsers: false });
  member = await createUser({ roles: ["MEMBER"], name: "Arta Krasniqi", locale: "sq" });
  editor = await createUser({ roles: ["EDITOR"], name: "Milica Petrović", locale: "sr" });
  themeId = (await prisma.theme.findFirstOrThrow({ where: { slug: "housing" } })).id;
  municipalityId = (await prisma.municipality.findFirstOrThrow({ where: { slug: "gjilan" } })).id;
});

describe("the transliteration rule", () => {
  it("transliterates Serbian for Cyrillic readers only, and marks every text with its language", () => {
    expect(shownText("Počnite od kuće", "sr", "sr-Cyrl")).toEqual({ text: "Почните од куће", lang: "sr-Cyrl" });
    expect(shownText("Počnite od kuće", "sr", "sr")).toEqual({ text: "Počnite od kuće", lang: "sr-Latn" });
    expect(shownText("One-stop desk", "en", "sr-Cyrl")).toEqual({ text: "One-stop desk", lang: "en" });
    expect(shownText("Zyra e kthyerit", "sq", "sr-Cyrl")).toEqual({ text: "Zyra e kthyerit", lang: "sq" });
    // A name is in no recorded language: shown as written, lang="" (unknown).
    expect(shownText("Arta Krasniqi", null, "sr-Cyrl")).toEqual({ text: "Arta Krasniqi", lang: "" });
  });

  it("finds the contributions in a section by their titles, and the stretches a translator left in the source language", () => {
    const body = "Počnite od kuće.\n\n### One-stop desk\n\nReturnees came.\n\n### Zyra\n\nTë kthyerit.";
    const segments = sourceSegments(body, [{ title: "Zyra", language: "sq" }, { title: "One-stop desk", language: "en" }], "sr");
    expect(segments.map((s) => [s.language, s.practice, s.text.trim()])).toEqual([
      ["sr", false, "Počnite od kuće."],
      ["en", true, "### One-stop desk\n\nReturnees came."],
      ["sq", true, "### Zyra\n\nTë kthyerit."],
    ]);
    expect(segments.map((s) => s.text).join("")).toBe(body);
    // Translated into Serbian: the editor's text and the English practice are translated, the Albanian one left as it was.
    const translation = "Počnite od kuće.\n\n### Šalter\n\nPovratnici su došli.\n\n### Zyra\n\nTë kthyerit.";
    const english = sourceSegments("Start at home.\n\n### One-stop desk\n\nReturnees came.\n\n### Zyra\n\nTë kthyerit.", [{ title: "One-stop desk", language: "en" }, { title: "Zyra", language: "sq" }], "en");
    const translated = translatedSegments(translation, english, "sr");
    expect(translated.map((s) => [s.language, s.text.trim()])).toEqual([
      ["sr", "Počnite od kuće.\n\n### Šalter\n\nPovratnici su došli."],
      ["sq", "### Zyra\n\nTë kthyerit."],
    ]);
  });
});

describe("a diff's blocks", () => {
  it("are cut where the language changes: Serbian in Cyrillic, a practice in English as written and marked English", () => {
    const body = "Počnite od kuće.\n\n### One-stop desk\n\nReturnees came.";
    const blocks = shownBlocks(sourceSegments(body, [{ title: "One-stop desk", language: "en" }], "sr"), "sr-Cyrl");
    expect(blocks.map((b) => [b.kind, b.lang, b.text])).toEqual([
      ["paragraph", "sr-Cyrl", "Почните од куће."],
      ["heading", "en", "One-stop desk"],
      ["paragraph", "en", "Returnees came."],
    ]);
  });
});

describe("a contribution's headings", () => {
  it("go below the practice's title, on the page, in the PDF's blocks and in the compiled text", () => {
    const practice = "### One-stop desk\n\n# Results\n\nFound **every service** in *one place*.\n\n## Next steps\n\nMore.";
    const html = renderMarkdown(practice, { headingFloor: 3, titled: true });
    expect(html).toContain("<h3>One-stop desk</h3>");
    expect(html).toContain("<h4>Results</h4>");
    expect(html).toContain("<h5>Next steps</h5>");
    const blocks = markdownBlocks(practice, { headingFloor: 3, titled: true });
    expect(blocks.filter((b) => b.kind === "heading").map((b) => (b.kind === "heading" ? [b.text, b.level] : null))).toEqual([
      ["One-stop desk", 3],
      ["Results", 4],
      ["Next steps", 5],
    ]);
    // Emphasis survives as runs the PDF draws in bold and oblique faces.
    expect(blocks.find((b) => b.kind === "paragraph")?.runs).toEqual([
      { text: "Found " },
      { text: "every service", bold: true },
      { text: " in " },
      { text: "one place", italic: true },
      { text: "." },
    ]);
    expect(demoteHeadings("# Results\n\ntext\n\nNext steps\n----------\n\nmore", 4)).toBe("#### Results\n\ntext\n\n##### Next steps\n\nmore");
    expect(demoteHeadings("#### Already low\n\ntext", 4)).toBe("#### Already low\n\ntext");
  });
});

describe("every output in Serbian Cyrillic, over English and Albanian data", () => {
  const slug = "smernice";
  let guidelineId: string;

  beforeAll(async () => {
    await createGuideline(editor.id, { title: "Smernice za reintegraciju", slug, summary: "Praktični vodič za opštine.", sourceLocale: "sr" });
    guidelineId = (await prisma.guideline.findUniqueOrThrow({ where: { slug } })).id;
    await addSection(editor.id, guidelineId, { title: "Stanovanje", body: "Počnite od kuće." });
    const section = await prisma.guidelineSection.findFirstOrThrow({ where: { guidelineId } });
    const english = await acceptedContribution(
      "en",
      "One-stop desk for returnees in Gjilan",
      "# Results\n\nReturnees found **every service** in *one place*.\n\n## Next steps\n\nOpen a second desk.",
    );
    const albanian = await acceptedContribution("sq", "Zyra e përbashkët për të kthyerit", "Të kthyerit gjetën **çdo shërbim** në një vend.");
    const serbian = await acceptedContribution("sr", "Jednošalterski punkt u Gnjilanu", "Povratnici su dobili sve usluge na jednom mestu.");
    for (const id of [english, albanian, serbian]) await placeContribution(editor.id, section.id, id);
    await publishVersion(editor.id, guidelineId, { changelog: "Prva verzija.", revision: await revision(guidelineId) }, BASE);
    await subscribe(slug, "citalac@example.org", "sr-Cyrl", BASE);
    const confirmation = await prisma.outboxMessage.findFirstOrThrow({ where: { template: "guideline-subscription", toAddress: "citalac@example.org" } });
    await confirmSubscription(confirmation.text.match(/token=([\w-]+)/)![1]);
    await updateSection(editor.id, section.id, { title: "Stanovanje", body: "Počnite od kuće i dokumenata." });
    await publishVersion(editor.id, guidelineId, { changelog: "Dodata dokumenta.", revision: await revision(guidelineId) }, BASE);
  });

  it("the reader: Serbian in Cyrillic, the English and Albanian practices and credits as written, each marked with its language", async () => {
    const page = readerPage((await versionForReader(slug, "sr-Cyrl"))!, "sr-Cyrl");
    expect(page.title).toEqual({ text: "Смернице за реинтеграцију", lang: "sr-Cyrl" });
    const html = page.sections[0].html;
    expect(html).toContain('<div lang="sr-Cyrl"><p>Почните од куће и докумената.</p>');
    expect(html).toContain('<div lang="en"><h3>One-stop desk for returnees in Gjilan</h3>');
    expect(html).toContain("<h4>Results</h4>");
    expect(html).toContain('<div lang="sq"><h3>Zyra e përbashkët për të kthyerit</h3>');
    expect(html).toContain('<div lang="sr-Cyrl"><h3>Једношалтерски пункт у Гњилану</h3>');
    expect(page.sections[0].sources.map((s) => s.title)).toEqual(
      expect.arrayContaining([
        { text: "One-stop desk for returnees in Gjilan", lang: "en" },
        { text: "Zyra e përbashkët për të kthyerit", lang: "sq" },
        { text: "Једношалтерски пункт у Гњилану", lang: "sr-Cyrl" },
      ]),
    );
    expect(page.credits.map((c) => c.authors)).toContainEqual({ text: "Arta Krasniqi", lang: "" });
    expectNoTransliteratedWords(JSON.stringify(page), "reader");
    const list = await publishedGuidelines("sr-Cyrl");
    expect(list.find((g) => g.slug === slug)?.title).toEqual({ text: "Смернице за реинтеграцију", lang: "sr-Cyrl" });
  });

  it.skipIf(pdfToolsMissing && process.env.CI !== "true")(
    "the PDF: the same text, the practices' headings below their titles, emphasis in the bold and oblique faces",
    async () => {
      const file = pdfFile(await renderGuidelinePdf((await versionForReader(slug, "sr-Cyrl"))!.version, "sr-Cyrl"));
      const text = pdfText(file);
      expect(text).toContain("Почните од куће и докумената.");
      expect(text).toContain("One-stop desk for returnees in Gjilan");
      expect(text).toContain("Returnees found every service in one place.");
      expect(text).toContain("Të kthyerit gjetën çdo shërbim në një vend.");
      expect(text).toContain("Једношалтерски пункт у Гњилану");
      expect(text).toContain("Arta Krasniqi");
      expectNoTransliteratedWords(text, "PDF");
      // In reading order the title comes first; the contribution's "# Results" is printed smaller than the practice's title.
      const words = [...execFileSync("pdftotext", ["-bbox", "-enc", "UTF-8", file, "-"]).toString().matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
        ([, yMin, yMax, word]) => ({ word, height: Number(yMax) - Number(yMin) }),
      );
      const title = words.findIndex((w) => w.word === "One-stop");
      const results = words.findIndex((w, i) => i > title && w.word === "Results");
      const nextSteps = words.findIndex((w, i) => i > results && w.word === "Next");
      expect(title).toBeGreaterThan(-1);
      expect(results).toBeGreaterThan(title);
      expect(words[results].height).toBeLessThan(words[title].height);
      expect(words[nextSteps].height).toBeLessThanOrEqual(words[results].height);
      const fonts = execFileSync("pdffonts", [file]).toString();
      expect(fonts).toMatch(/DejaVuSans-Bold\b/);
      expect(fonts).toMatch(/DejaVuSans-Oblique\b/);
    },
  );

  it("the diff: Serbian in Cyrillic, the rest as written", async () => {
    const comparison = readableComparison((await compareVersions(slug, 1, 2))!, "sr-Cyrl");
    const changed = comparison.changes.find((c) => c.kind === "changed")!;
    const blocks = changed.stretches.flatMap((s) => (s.folded ? s.blocks : [s.block]));
    const edited = blocks.find((b) => b.change === "changed");
    expect(edited?.lang).toBe("sr-Cyrl");
    expect(edited?.runs.filter((r) => r.change === "added").map((r) => r.text.trim())).toEqual(["и докумената"]);
    expect(blocks.some((b) => b.lang === "en" && b.change === "same" && b.runs.some((r) => r.text.includes("Returnees found")))).toBe(true);
    expect(comparison.changelogs.map((c) => c.changelog)).toEqual([{ text: "Додата документа.", lang: "sr-Cyrl" }]);
    expectNoTransliteratedWords(JSON.stringify(comparison), "diff");
  });

  it("a translation: a section the translator left in English stays English", async () => {
    await createGuideline(editor.id, { title: "Reintegration guidelines", slug: "guidelines-en", summary: "", sourceLocale: "en" });
    const id = (await prisma.guideline.findUniqueOrThrow({ where: { slug: "guidelines-en" } })).id;
    await addSection(editor.id, id, { title: "Housing", body: "Start with the house." });
    await addSection(editor.id, id, { title: "Documents", body: "Civil documents come first." });
    await publishVersion(editor.id, id, { changelog: "First version.", revision: await revision(id) }, BASE);
    const source = await prisma.guidelineVersion.findFirstOrThrow({ where: { guidelineId: id }, include: { sections: true } });
    const key = (title: string) => source.sections.find((s) => s.title === title)!.key;
    const translated = await publishTranslation(editor.id, source.id, {
      locale: "sr",
      title: "Smernice za reintegraciju",
      summary: "",
      changelog: "Prvi prevod.",
      sections: [
        { key: key("Housing"), title: "Stanovanje", body: "Počnite od kuće." },
        { key: key("Documents"), title: "Documents", body: "Civil documents come first." },
      ],
    });
    expect(translated.ok).toBe(true);
    const page = readerPage((await versionForReader("guidelines-en", "sr-Cyrl"))!, "sr-Cyrl");
    expect(page.sections.map((s) => s.title)).toEqual([
      { text: "Становање", lang: "sr-Cyrl" },
      { text: "Documents", lang: "en" },
    ]);
    expect(page.sections[1].html).toBe('<div lang="en"><p>Civil documents come first.</p>\n</div>');
    expectNoTransliteratedWords(JSON.stringify(page), "translation");
    const text = pdfToolsMissing ? "" : pdfText(pdfFile(await renderGuidelinePdf((await versionForReader("guidelines-en", "sr-Cyrl"))!.version, "sr-Cyrl")));
    if (!pdfToolsMissing) {
      expect(text).toContain("Civil documents come first.");
      expectNoTransliteratedWords(text, "translation PDF");
    }
  });

  it("the emails about the guideline: its Serbian title and changelog in Cyrillic", async () => {
    const notice = await prisma.outboxMessage.findFirstOrThrow({ where: { template: "guideline-new-version", toAddress: "citalac@example.org" } });
    expect(notice.subject).toContain("Смернице за реинтеграцију");
    expect(notice.text).toContain("Додата документа.");
    const confirmation = await prisma.outboxMessage.findFirstOrThrow({ where: { template: "guideline-subscription", toAddress: "citalac@example.org" } });
    expect(confirmation.subject).toContain("Смернице за реинтеграцију");
  });

  it("an event titled in English and Albanian only: the invitation, its calendar entry, the .ics and the certificate keep the title as written", async () => {
    const event = await createEvent({ titles: { en: "Housing workshop", sq: "Punëtori për strehimin" }, venueName: "Municipal hall" });
    await prisma.eventSession.create({ data: { eventId: event.id, title: "Opening and welcome", startsAt: event.startsAt, endsAt: event.endsAt } });
    const person = await createPerson({ name: "Arta Krasniqi", locale: "sr-Cyrl" });
    const invitation = await invite(event, person, "ACCEPTED");
    const full = await prisma.event.findUniqueOrThrow({ where: { id: event.id }, include: { translations: true, municipality: true, sessions: true } });
    const { email, attachments } = await composeInvitation(full, { name: person.name, email: person.email!, locale: "sr-Cyrl" }, `${BASE}/invitation/x`, invitation.id);
    const invitationIcs = Buffer.from(attachments[0].content, "base64").toString("utf8");
    for (const [where, output] of [
      ["invitation subject", email.subject],
      ["invitation text", email.text],
      ["invitation HTML", email.html],
      ["invitation .ics", invitationIcs],
    ] as const) {
      expect(output, where).toContain("Housing workshop");
      expectNoTransliteratedWords(output, where);
    }
    expect(email.text).toContain("Arta Krasniqi");
    // The interface's own words are Cyrillic all the same.
    expect(email.text).toMatch(/[\u0400-\u04FF]{4,}/);
    const ics = eventCalendarFile(full, "sr-Cyrl");
    expect(ics).toContain("SUMMARY:Housing workshop");
    expect(ics).toContain("Гњилане");
    expectNoTransliteratedWords(ics, "calendar");

    if (pdfToolsMissing) return;
    await prisma.attendance.create({ data: { eventId: event.id, personId: person.id, invitationId: invitation.id, day: "2030-01-01", method: "QR", checkedInAt: new Date() } });
    const admin = await createUser({ roles: ["ADMIN"] });
    const certificates = await eventCertificates(actor(admin), event.id, "sr-Cyrl");
    expect(certificates.ok).toBe(true);
    if (!certificates.ok) return;
    const text = pdfText(pdfFile(certificates.pdf));
    expect(text).toContain("Housing workshop");
    expect(text).toContain("Arta Krasniqi");
    expect(text).toMatch(/[\u0400-\u04FF]{4,}/);
    expectNoTransliteratedWords(text, "certificate");
  });
});
