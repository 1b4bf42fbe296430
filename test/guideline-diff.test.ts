// The public diff is read, not decoded: both versions are rendered to
// headings, paragraphs and list items with their emphasis, a block that was
// edited is marked word by word (never part of a word), blocks that did not
// change are folded, and the changelogs of the versions in between come first.
import { diffBlocks, foldUnchanged, readableComparison, shownBlocks, wordDiff } from "~/models/guideline-diff.server";
import { compareVersions, publishVersion } from "~/models/guideline-version.server";
import { addSection, createGuideline, updateSection } from "~/models/guideline.server";
import { sourceSegments } from "~/models/guideline-text.server";
import { prisma } from "~/db.server";
import type { Locale } from "~/utils/i18n";
import { createUser } from "./helpers/factories";

const blocksOf = (markdown: string, locale: Locale = "en", language: "en" | "sr" = "en") => shownBlocks(sourceSegments(markdown, [], language), locale);
const textOf = (runs: { text: string }[]) => runs.map((r) => r.text).join("");

describe("a readable diff of two texts", () => {
  it("marks a one-word edit in a long emphasised paragraph as that word, with no Markdown syntax left", () => {
    const before = blocksOf("## Opening hours\n\nThe **municipal office for communities and returns** opens on *Monday* at nine.");
    const after = blocksOf("## Opening hours\n\nThe **municipal office for communities and returns** opens on *Tuesday* at nine.");
    const blocks = diffBlocks(before, after);
    expect(blocks.map((b) => [b.kind, b.change])).toEqual([
      ["heading", "same"],
      ["paragraph", "changed"],
    ]);
    const runs = blocks[1].runs;
    expect(runs.filter((r) => r.change !== "same")).toEqual([
      { text: "Monday", italic: true, change: "removed" },
      { text: "Tuesday", italic: true, change: "added" },
    ]);
    expect(runs.find((r) => r.bold)).toEqual({ text: "municipal office for communities and returns", bold: true, change: "same" });
    expect(JSON.stringify(blocks)).not.toMatch(/\*\*|##|\*Monday/);
  });

  it("never cuts a word, in Latin or Cyrillic: a changed ending replaces the whole word", () => {
    const latin = wordDiff([{ text: "Support to reintegrate returnees." }], [{ text: "Support to reintegration of returnees." }]);
    expect(latin.filter((r) => r.change !== "same").map((r) => [r.change, r.text.trim()])).toEqual([
      ["removed", "reintegrate"],
      ["added", "reintegration"],
      ["added", "of"],
    ]);
    const before = blocksOf("Povratnici su dobili kuću u Gnjilanu.", "sr-Cyrl", "sr");
    const after = blocksOf("Povratnici su dobili kuće u Gnjilanu.", "sr-Cyrl", "sr");
    const [edited] = diffBlocks(before, after);
    expect(edited.lang).toBe("sr-Cyrl");
    expect(edited.runs.filter((r) => r.change !== "same").map((r) => [r.change, r.text])).toEqual([
      ["removed", "кућу"],
      ["added", "куће"],
    ]);
    // In each version's text, every marked stretch starts and ends at a word's edge.
    for (const runs of [latin, edited.runs]) {
      for (const side of ["removed", "added"] as const) {
        const shown = runs.filter((r) => r.change === "same" || r.change === side);
        const whole = textOf(shown);
        let at = 0;
        for (const run of shown) {
          if (run.change === side) {
            expect(/\p{L}/u.test(whole[at - 1] ?? " ") && /\p{L}/u.test(run.text[0]), `"${run.text}" starts inside a word`).toBe(false);
            expect(/\p{L}/u.test(run.text.at(-1)!) && /\p{L}/u.test(whole[at + run.text.length] ?? " "), `"${run.text}" ends inside a word`).toBe(false);
          }
          at += run.text.length;
        }
      }
    }
  });

  it("shows a new list item as added and a rewritten paragraph as removed and added, list markers as markers", () => {
    const before = blocksOf("Bring:\n\n- an identity card\n- a birth certificate\n\nQueues are long in summer.");
    const after = blocksOf("Bring:\n\n- an identity card\n- a proof of residence\n- a birth certificate\n\nAsk the mobile team to visit you.");
    const blocks = diffBlocks(before, after);
    expect(blocks.map((b) => [b.kind, b.change, b.marker ?? null, textOf(b.runs)])).toEqual([
      ["paragraph", "same", null, "Bring:"],
      ["item", "same", "•", "an identity card"],
      ["item", "added", "•", "a proof of residence"],
      ["item", "same", "•", "a birth certificate"],
      ["paragraph", "removed", null, "Queues are long in summer."],
      ["paragraph", "added", null, "Ask the mobile team to visit you."],
    ]);
  });

  it("folds each run of unchanged paragraphs into one stretch, the changes between them shown", () => {
    const paragraphs = ["First.", "Second.", "Third stays short.", "Fourth.", "Fifth."];
    const before = blocksOf(paragraphs.join("\n\n"));
    const after = blocksOf(paragraphs.map((p, i) => (i === 2 ? "Third is now longer." : p)).join("\n\n"));
    const stretches = foldUnchanged(diffBlocks(before, after));
    expect(stretches.map((s) => (s.folded ? s.blocks.map((b) => textOf(b.runs)) : s.block.change))).toEqual([
      ["First.", "Second."],
      "changed",
      ["Fourth.", "Fifth."],
    ]);
  });
});

describe("a comparison of published versions", () => {
  it("lists the changelog of every version after the older one up to the newer one, oldest first, in the reader's script", async () => {
    const editor = await createUser({ roles: ["EDITOR"] });
    await createGuideline(editor.id, { title: "Smernice", slug: "smernice-izmene", summary: "", sourceLocale: "sr" });
    const guideline = await prisma.guideline.findUniqueOrThrow({ where: { slug: "smernice-izmene" } });
    await addSection(editor.id, guideline.id, { title: "Stanovanje", body: "## Kuća\n\nPočnite od **kuće**.\n\nZatim dokumenta." });
    const section = await prisma.guidelineSection.findFirstOrThrow({ where: { guidelineId: guideline.id } });
    const revision = async () => (await prisma.guideline.findUniqueOrThrow({ where: { id: guideline.id } })).revision;
    const publish = async (changelog: string) =>
      expect(await publishVersion(editor.id, guideline.id, { changelog, revision: await revision() }, "https://durable.test")).toMatchObject({ ok: true });
    await publish("Prva verzija.");
    await updateSection(editor.id, section.id, { title: "Stanovanje", body: "## Kuća\n\nPočnite od **kuće**.\n\nZatim lična dokumenta." });
    await publish("Lična dokumenta.");
    await updateSection(editor.id, section.id, { title: "Stanovanje", body: "## Kuća\n\nPočnite od **kuće** i zemlje.\n\nZatim lična dokumenta." });
    await publish("Zemlja.");
    const comparison = readableComparison((await compareVersions("smernice-izmene", 1, 3))!, "sr-Cyrl");
    expect(comparison.changelogs.map((c) => [c.number, c.changelog.text])).toEqual([
      [2, "Лична документа."],
      [3, "Земља."],
    ]);
    const [change] = comparison.changes;
    expect(change.kind).toBe("changed");
    const shown = change.stretches.map((s) =>
      s.folded
        ? "folded"
        : `${s.block.change}:${s.block.runs
            .filter((r) => r.change !== "same")
            .map((r) => `${r.change} ${r.text.trim()}`)
            .join(", ")}`,
    );
    expect(shown).toEqual(["folded", "changed:added и земље", "changed:added лична"]);
    // Backwards, the same versions' changelogs, and what was added now shows as removed.
    const backwards = readableComparison((await compareVersions("smernice-izmene", 3, 1))!, "en");
    expect(backwards.changelogs.map((c) => c.number)).toEqual([2, 3]);
    const removed = backwards.changes[0].stretches.flatMap((s) =>
      s.folded ? [] : s.block.runs.filter((r) => r.change === "removed").map((r) => r.text.trim()),
    );
    expect(removed).toEqual(["i zemlje", "lična"]);
  });
});
