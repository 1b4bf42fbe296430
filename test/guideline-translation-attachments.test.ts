// Two rules of the guidelines feature, without HTTP: what the translation
// form starts from (and when a translation is out of date), and who may add
// and download a contribution's files, which are typed by their bytes.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { prisma } from "~/db.server";
import {
  ATTACHMENT_MAX_BYTES,
  attachFile,
  findAttachment,
  mayDownloadAttachment,
  readAttachmentFile,
  removeAttachment,
} from "~/models/contribution-attachment.server";
import { createContribution, decideContribution, submitContribution } from "~/models/contribution.server";
import { addSection, createGuideline, placeContribution, updateSection } from "~/models/guideline.server";
import { publishTranslation, publishVersion, translationForm, versionForReader } from "~/models/guideline-version.server";
import { uploadsDir } from "~/models/uploaded-file.server";
import { seed } from "../prisma/seed";
import { asSessionUser, createUser } from "./helpers/factories";

const BASE = "https://durable.test";
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const PNG = Uint8Array.from(Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex"));

type Account = Awaited<ReturnType<typeof createUser>>;
const actor = (user: Account) => ({ id: user.id, roles: user.roles.map((r) => r.role) });

let member: Account;
let coAuthor: Account;
let otherMember: Account;
let trainer: Account;
let editor: Account;
let admin: Account;
let themeId: string;

beforeAll(async () => {
  await seed(process.env.DATABASE_URL, { demoUsers: false });
  [member, coAuthor, otherMember, trainer, editor, admin] = await Promise.all([
    createUser({ roles: ["MEMBER"] }),
    createUser({ roles: ["MEMBER"] }),
    createUser({ roles: ["MEMBER"] }),
    createUser({ roles: ["TRAINER"] }),
    createUser({ roles: ["EDITOR"] }),
    createUser({ roles: ["ADMIN"] }),
  ]);
  themeId = (await prisma.theme.findFirstOrThrow({ where: { slug: "housing" } })).id;
});

async function newContribution(title: string) {
  const created = await createContribution(actor(member), {
    title,
    summary: "",
    body: "A practice that worked.",
    themeId,
    coAuthors: coAuthor.email,
  });
  if (!created.ok) throw new Error(created.message);
  return created.contributionId;
}
const version = async (id: string) => (await prisma.contribution.findUniqueOrThrow({ where: { id } })).version;

describe("a contribution's attachments", () => {
  it("stores a real PDF, a photo and a text file, and refuses a fake PDF, an unknown type and an oversize file", async () => {
    const id = await newContribution("Files by their bytes");
    const pdf = await attachFile(actor(member), id, { fileName: "protocol.pdf", bytes: PDF });
    expect(pdf).toMatchObject({ ok: true });
    const stored = await prisma.contributionAttachment.findUniqueOrThrow({ where: { id: pdf.ok ? pdf.attachmentId : "" } });
    expect(stored).toMatchObject({ fileName: "protocol.pdf", contentType: "application/pdf", size: PDF.byteLength });
    // Kept under $DATA_DIR/contributions/<contribution>/.
    expect(stored.storagePath.startsWith(`${id}/`)).toBe(true);
    expect(existsSync(join(uploadsDir("contributions"), stored.storagePath))).toBe(true);
    expect(Buffer.from(await readAttachmentFile(stored)).equals(Buffer.from(PDF))).toBe(true);

    expect(await attachFile(actor(coAuthor), id, { fileName: "photo.png", bytes: PNG })).toMatchObject({ ok: true });
    expect(await attachFile(actor(member), id, { fileName: "notes.txt", bytes: new TextEncoder().encode("Kuće su obnovljene. Shtëpitë u rindërtuan.") })).toMatchObject({
      ok: true,
    });

    const refused = async (fileName: string, bytes: Uint8Array) => (await attachFile(actor(member), id, { fileName, bytes })) as { ok: false; message: string };
    expect(await refused("report.pdf", new TextEncoder().encode("just some text, no PDF at all"))).toMatchObject({
      ok: false,
      message: 'guidelines.attachments.fileMismatch|{"claimed":"pdf"}',
    });
    expect(await refused("photo.pdf", PNG)).toMatchObject({ message: 'guidelines.attachments.fileMismatch|{"claimed":"pdf"}' });
    // Binary bytes named .txt are not text.
    expect(await refused("notes.txt", Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03]))).toMatchObject({ message: 'guidelines.attachments.fileMismatch|{"claimed":"txt"}' });
    expect(await refused("tool.exe", Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03]))).toMatchObject({ message: "guidelines.attachments.fileType" });
    const oversize = new Uint8Array(ATTACHMENT_MAX_BYTES + 1);
    oversize.set(PDF);
    expect(await refused("big.pdf", oversize)).toMatchObject({ message: 'guidelines.attachments.fileTooLarge|{"max":10}' });
    expect(await refused("empty.pdf", new Uint8Array(0))).toMatchObject({ message: "guidelines.attachments.fileRequired" });
    expect(await prisma.contributionAttachment.count({ where: { contributionId: id } })).toBe(3);
  });

  it("lets only the authors add or remove files, and only while the text is theirs to change", async () => {
    const id = await newContribution("Only while editable");
    for (const stranger of [otherMember, editor, admin, trainer]) {
      expect(await attachFile(actor(stranger), id, { fileName: "x.pdf", bytes: PDF })).toMatchObject({ ok: false, message: "errors.notFound" });
    }
    const added = await attachFile(actor(member), id, { fileName: "x.pdf", bytes: PDF });
    if (!added.ok) throw new Error(added.message);
    expect(await removeAttachment(actor(otherMember), id, added.attachmentId)).toMatchObject({ ok: false, message: "errors.notFound" });
    expect(await submitContribution(actor(member), id, await version(id))).toEqual({ ok: true });
    expect(await attachFile(actor(member), id, { fileName: "y.pdf", bytes: PDF })).toMatchObject({ ok: false, message: "guidelines.contribution.notEditable" });
    expect(await removeAttachment(actor(member), id, added.attachmentId)).toMatchObject({ ok: false, message: "guidelines.contribution.notEditable" });
    expect(await prisma.contributionAttachment.count({ where: { contributionId: id } })).toBe(1);
  });

  it("removes a file and its stored copy, on the author's request, with an audit entry", async () => {
    const id = await newContribution("Removal");
    const added = await attachFile(actor(coAuthor), id, { fileName: "x.pdf", bytes: PDF });
    if (!added.ok) throw new Error(added.message);
    const { storagePath } = await prisma.contributionAttachment.findUniqueOrThrow({ where: { id: added.attachmentId } });
    expect(await removeAttachment(actor(member), id, added.attachmentId)).toEqual({ ok: true });
    expect(existsSync(join(uploadsDir("contributions"), storagePath))).toBe(false);
    expect(await prisma.auditLog.count({ where: { subjectId: id, action: "contribution.attachment_removed", actorId: member.id } })).toBe(1);
  });

  it("is downloadable by the authors, by editors and admins once submitted, and by anyone once a published version credits it", async () => {
    const id = await newContribution("Who may download");
    const added = await attachFile(actor(member), id, { fileName: "x.pdf", bytes: PDF });
    if (!added.ok) throw new Error(added.message);
    const may = async (user: Account | null) => mayDownloadAttachment(user && asSessionUser(user), (await findAttachment(id, added.attachmentId))!);
    const everyone = { member, coAuthor, otherMember, trainer, editor, admin, anonymous: null };
    const check = async (expected: Record<keyof typeof everyone, boolean>) => {
      for (const [who, user] of Object.entries(everyone)) expect(await may(user), `${who}`).toBe(expected[who as keyof typeof everyone]);
    };
    // A draft is its authors' alone.
    await check({ member: true, coAuthor: true, otherMember: false, trainer: false, editor: false, admin: false, anonymous: false });
    expect(await submitContribution(actor(member), id, await version(id))).toEqual({ ok: true });
    await check({ member: true, coAuthor: true, otherMember: false, trainer: false, editor: true, admin: true, anonymous: false });
    expect(await decideContribution(actor(editor), id, { decision: "ACCEPTED", reason: "", version: await version(id) }, BASE)).toEqual({ ok: true });
    // Accepted but in no published version yet: still not public.
    await check({ member: true, coAuthor: true, otherMember: false, trainer: false, editor: true, admin: true, anonymous: false });

    const slug = "attachments-guideline";
    expect(await createGuideline(editor.id, { title: "Files", slug, summary: "", sourceLocale: "en" })).toMatchObject({ ok: true });
    const guideline = await prisma.guideline.findUniqueOrThrow({ where: { slug } });
    const section = await addSection(editor.id, guideline.id, { title: "Housing", body: "" });
    if (!section.ok) throw new Error(section.message);
    expect(await placeContribution(editor.id, section.sectionId, id)).toEqual({ ok: true });
    const { revision } = await prisma.guideline.findUniqueOrThrow({ where: { slug } });
    expect(await publishVersion(editor.id, guideline.id, { changelog: "First", revision }, BASE)).toMatchObject({ ok: true, number: 1 });
    await check({ member: true, coAuthor: true, otherMember: true, trainer: true, editor: true, admin: true, anonymous: true });
  });
});

describe("translating a guideline version", () => {
  const slug = "translated-guideline";
  let guidelineId: string;
  let housing: string;

  async function publish(changelog: string) {
    const { revision } = await prisma.guideline.findUniqueOrThrow({ where: { id: guidelineId } });
    const outcome = await publishVersion(editor.id, guidelineId, { changelog, revision }, BASE);
    if (!outcome.ok) throw new Error(outcome.message);
    return prisma.guidelineVersion.findFirstOrThrow({ where: { guidelineId, locale: "en", number: outcome.number } });
  }

  beforeAll(async () => {
    expect(await createGuideline(editor.id, { title: "Returnee guidelines", slug, summary: "Lessons.", sourceLocale: "en" })).toMatchObject({ ok: true });
    guidelineId = (await prisma.guideline.findUniqueOrThrow({ where: { slug } })).id;
    const added = await addSection(editor.id, guidelineId, { title: "Housing", body: "Houses were rebuilt." });
    if (!added.ok) throw new Error(added.message);
    housing = added.sectionId;
    await addSection(editor.id, guidelineId, { title: "Documents", body: "One desk for every paper." });
  });

  it("starts from the source text when nothing is translated, and offers only the other languages", async () => {
    expect(await translationForm(slug, "sq", null)).toBeNull();
    const v1 = await publish("First");
    const form = (await translationForm(slug, "sq", null))!;
    expect(form).toMatchObject({ languages: ["sq", "sr"], language: "sq", sourceNumbers: [1], source: { id: v1.id, number: 1 }, previous: null });
    expect(form.title).toBe("Returnee guidelines");
    expect(form.sections.map((s) => [s.key, s.title, s.body, s.changedSinceTranslation])).toEqual([
      ["housing", "Housing", "Houses were rebuilt.", false],
      ["documents", "Documents", "One desk for every paper.", false],
    ]);
    // An unknown language falls back to the first one offered; the source language is not offered.
    expect((await translationForm(slug, "en", null))!.language).toBe("sq");
  });

  it("starts from the previous translation, marks the sections whose original changed, and the reader sees it out of date", async () => {
    const v1 = await prisma.guidelineVersion.findFirstOrThrow({ where: { guidelineId, locale: "en", number: 1 } });
    const translation = {
      locale: "sq",
      title: "Udhëzime për kthyesit",
      summary: "Mësime.",
      changelog: "Përkthimi i parë.",
      sections: [
        { key: "housing", title: "Strehimi", body: "Shtëpitë u rindërtuan." },
        { key: "documents", title: "Dokumentet", body: "Një sportel për çdo letër." },
      ],
    };
    expect(await publishTranslation(editor.id, v1.id, translation)).toEqual({ ok: true, number: 1 });
    // The same text of the same source again is not a new version.
    expect(await publishTranslation(editor.id, v1.id, translation)).toMatchObject({ ok: false, message: "guidelines.publish.unchanged" });

    expect(await updateSection(editor.id, housing, { title: "Housing", body: "Houses were rebuilt, and roofs first." })).toEqual({ ok: true });
    const v2 = await publish("Roofs first");
    const form = (await translationForm(slug, "sq", null))!;
    expect(form).toMatchObject({ source: { id: v2.id, number: 2 }, previous: { number: 1, translatedFrom: 1 }, title: "Udhëzime për kthyesit" });
    expect(form.sections.map((s) => [s.key, s.title, s.body, s.original.body, s.changedSinceTranslation])).toEqual([
      ["housing", "Strehimi", "Shtëpitë u rindërtuan.", "Houses were rebuilt, and roofs first.", true],
      ["documents", "Dokumentet", "Një sportel për çdo letër.", "One desk for every paper.", false],
    ]);
    expect(await versionForReader(slug, "sq")).toMatchObject({ outdated: { translatedFrom: 1, latest: 2 }, version: { locale: "sq" } });

    // Brought up to date from version 2: no longer out of date, and frozen like any version.
    const updated = { ...translation, changelog: "Çatitë së pari.", sections: [{ ...translation.sections[0], body: "Shtëpitë u rindërtuan, çatitë së pari." }, translation.sections[1]] };
    expect(await publishTranslation(editor.id, v2.id, updated)).toEqual({ ok: true, number: 2 });
    expect(await versionForReader(slug, "sq")).toMatchObject({ outdated: null, version: { locale: "sq", number: 2, sourceVersionId: v2.id } });
    const first = await prisma.guidelineVersion.findFirstOrThrow({ where: { guidelineId, locale: "sq", number: 1 }, include: { sections: true } });
    expect(first.sections.find((s) => s.key === "housing")!.body).toBe("Shtëpitë u rindërtuan.");
  });
});
