// The public diff on a phone without JavaScript, read in English and in
// Serbian Cyrillic: the text is rendered (no Markdown syntax), insertions and
// deletions are whole words, unchanged paragraphs are folded and open with a
// tap, and the editors' changelogs of the versions in between come first.
import type { Page } from "playwright-core";
import { latinToCyrillic } from "~/locales/transliterate";
import { browserMissing, openContext } from "../helpers/browser";
import { appFixture, PHONE } from "../helpers/e2e";

const SLUG = "smernice-izmene";
const UNCHANGED = ["Opština ima kancelariju za zajednice i povratak.", "Kancelarija radi svakog radnog dana.", "Mobilni tim obilazi sela jednom mesečno."];
const body = (day: string, extra: string[]) =>
  [
    "## Prvi koraci",
    `Povratnici se javljaju **kancelariji** u *${day}*.`,
    ...UNCHANGED,
    "Ponesite:",
    ["- ličnu kartu", ...extra, "- izvod iz matične knjige rođenih"].join("\n"),
  ].join("\n\n");
const VERSIONS = [
  { number: 1, body: body("ponedeljak", []), changelog: "Prva verzija." },
  { number: 2, body: body("utorak", []), changelog: "Novi dan prijema." },
  { number: 3, body: body("utorak", ["- dokaz o prebivalištu"]), changelog: "Dodat dokaz o prebivalištu." },
];

/** Every <ins> and <del> of the page, with the letters just before and after it in the text of its version. */
function markedEdges(page: Page) {
  return page.evaluate(() => {
    const edges: { text: string; before: string; after: string }[] = [];
    for (const mark of document.querySelectorAll<HTMLElement>(".diff-text ins, .diff-text del")) {
      const block = mark.closest(".diff-block")!;
      // The block's text in the version this mark belongs to: without the other kind of mark.
      const other = mark.tagName === "INS" ? "del" : "ins";
      const clone = block.cloneNode(true) as HTMLElement;
      const index = [...block.querySelectorAll(mark.tagName)].indexOf(mark);
      for (const el of clone.querySelectorAll(other)) el.remove();
      const same = clone.querySelectorAll(mark.tagName)[index];
      const range = document.createRange();
      range.setStart(clone, 0);
      range.setEndBefore(same);
      const before = range.toString();
      range.setStartAfter(same);
      range.setEnd(clone, clone.childNodes.length);
      edges.push({ text: same.textContent ?? "", before: before.slice(-1), after: range.toString().slice(0, 1) });
    }
    return edges;
  });
}

describe.skipIf(browserMissing)("the readable diff on a phone without JavaScript (Chromium)", () => {
  const e2e = appFixture({ browser: true });

  beforeAll(async () => {
    const { db } = e2e;
    const guideline = await db.guideline.create({ data: { slug: SLUG, title: "Smernice za povratak", sourceLocale: "sr" } });
    for (const version of VERSIONS) {
      await db.guidelineVersion.create({
        data: {
          guidelineId: guideline.id,
          locale: "sr",
          number: version.number,
          title: "Smernice za povratak",
          summary: "",
          changelog: version.changelog,
          publishedAt: new Date(Date.UTC(2027, 0, version.number)),
          sections: {
            create: [
              { key: "prijem", position: 1, title: "Prijem", body: version.body },
              { key: "stanovanje", position: 2, title: "Stanovanje", body: "Kuće se obnavljaju po redu prijava." },
            ],
          },
        },
      });
    }
  });

  for (const { locale, acceptLanguage, script } of [
    { locale: "en", acceptLanguage: "en", script: (text: string) => text },
    { locale: "sr-Cyrl", acceptLanguage: "sr-Cyrl-RS", script: latinToCyrillic },
  ]) {
    it(`in ${locale}: rendered text, whole words marked, unchanged paragraphs folded, changelogs first`, async () => {
      const { app, browser } = e2e;
      const context = await openContext(browser, { ...PHONE, locale: acceptLanguage, javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${app.url}/guidelines/${SLUG}/diff?from=1&to=3`);
      expect(await page.locator("html").getAttribute("lang")).toMatch(locale === "en" ? /^en\b/ : /^sr-Cyrl$/);

      // The changelogs of versions 2 and 3, in order, above the sections.
      const changelogs = page.getByTestId("diff-changelog");
      expect(await changelogs.locator(".changelog").allTextContents()).toEqual([script("Novi dan prijema."), script("Dodat dokaz o prebivalištu.")]);
      expect(await changelogs.locator(".changelog").first().getAttribute("lang")).toBe(locale === "en" ? "sr-Latn" : "sr-Cyrl");
      const changelogTop = (await page.locator(".diff-changelogs").boundingBox())!.y;
      expect(changelogTop).toBeLessThan((await page.locator("[data-section=prijem]").boundingBox())!.y);

      // Rendered, not Markdown: the heading is a heading, emphasis is <strong> and <em>, the list marker a bullet.
      const section = page.locator("[data-section=prijem]");
      expect(await section.getAttribute("data-change")).toBe("changed");
      const text = await page.locator("main").innerText();
      for (const syntax of ["##", "**", "*", "- "]) expect(text, `"${syntax}" shown`).not.toContain(syntax);
      expect(await section.locator("strong").first().textContent()).toBe(script("kancelariji"));
      expect(await section.locator("del em").textContent()).toBe(script("ponedeljak"));
      expect(await section.locator("ins em").textContent()).toBe(script("utorak"));
      const added = await section.locator('.diff-block-added[data-change="added"]').textContent();
      expect(added?.replace(/\s+/g, " ").trim()).toBe(`• ${script("dokaz o prebivalištu")}`);

      // Whole words only: no mark starts or ends inside a word.
      const edges = await markedEdges(page);
      expect(edges.length).toBeGreaterThanOrEqual(3);
      for (const edge of edges) {
        expect(/\p{L}/u.test(edge.before) && /^\p{L}/u.test(edge.text), `"${edge.before}|${edge.text}" cuts a word`).toBe(false);
        expect(/\p{L}$/u.test(edge.text) && /\p{L}/u.test(edge.after), `"${edge.text}|${edge.after}" cuts a word`).toBe(false);
      }

      // The unchanged paragraphs are folded, and open with a tap on their summary (a <details>: no JavaScript needed).
      const folded = section.getByTestId("diff-folded");
      expect(await folded.count()).toBeGreaterThanOrEqual(2);
      const paragraph = section.getByText(script(UNCHANGED[1]));
      expect(await paragraph.isVisible()).toBe(false);
      const holding = folded.filter({ hasText: script(UNCHANGED[1]) });
      await holding.locator("summary").tap();
      await expect.poll(() => paragraph.isVisible()).toBe(true);
      // The unchanged section is folded whole.
      const unchanged = page.locator("[data-section=stanovanje]");
      expect(await unchanged.getAttribute("data-change")).toBe("unchanged");
      expect(await unchanged.getByText(script("Kuće se obnavljaju po redu prijava.")).isVisible()).toBe(false);

      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await context.close();
    });
  }
});
