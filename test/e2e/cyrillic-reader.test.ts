// A Serbian Cyrillic reader on a phone, without JavaScript, reads a Serbian
// guideline that holds an English and an Albanian best practice: Serbian is
// in Cyrillic, the rest as written and marked with its language. The
// guideline's Atom feed parses, and its links carry the public address.
import { latinToCyrillic } from "~/locales/transliterate";
import { browserMissing, openContext } from "../helpers/browser";
import { appFixture, logInOverHttp, PHONE } from "../helpers/e2e";
import { createEvent, createUser } from "../helpers/factories";

const PUBLIC = "https://durable.example.org";
const SLUG = "smernice-povratak";
const ENGLISH = "One-stop desk for returnees in Gjilan";
const ALBANIAN = "Zyra e përbashkët për të kthyerit";
const FOREIGN = ["One-stop", "desk", "returnees", "Gjilan", "Results", "service", "Zyra", "kthyerit", "shërbim", "Arta", "Krasniqi", "Housing"];

describe.skipIf(browserMissing)("the guideline reader in Serbian Cyrillic on a phone (Chromium)", () => {
  const e2e = appFixture({ browser: true, env: { APP_URL: PUBLIC } });

  beforeAll(async () => {
    const { db } = e2e;
    const author = await createUser({ db, name: "Arta Krasniqi", locale: "sq" });
    const themeId = (await db.theme.findFirstOrThrow()).id;
    const municipality = await db.municipality.findUniqueOrThrow({ where: { slug: "gjilan" } });
    const contribution = (title: string, body: string, locale: string) =>
      db.contribution.create({ data: { title, body, locale, themeId, municipalityId: municipality.id, status: "ACCEPTED", createdById: author.id } });
    const english = await contribution(ENGLISH, "#### Results\n\nReturnees found **every service** in one place.", "en");
    const albanian = await contribution(ALBANIAN, "Të kthyerit gjetën çdo shërbim në një vend.", "sq");
    const guideline = await db.guideline.create({ data: { slug: SLUG, title: "Smernice za povratak", sourceLocale: "sr" } });
    // Two published versions as compileDraft writes them: the editor's text, then each practice under its title.
    for (const [number, intro, changelog] of [
      [1, "Počnite od kuće.", "Prva verzija."],
      [2, "Počnite od kuće i dokumenata.", "Dodata dokumenta."],
    ] as const) {
      await db.guidelineVersion.create({
        data: {
          guidelineId: guideline.id,
          locale: "sr",
          number,
          title: "Smernice za povratak",
          summary: "Iskustva opština.",
          changelog,
          publishedAt: new Date(Date.UTC(2027, 0, number)),
          sections: {
            create: [
              {
                key: "stanovanje",
                position: 1,
                title: "Stanovanje",
                body: [intro, `### ${ENGLISH}`, english.body, `### ${ALBANIAN}`, albanian.body].join("\n\n"),
              },
            ],
          },
          credits: {
            create: [english, albanian].map((c) => ({ sectionKey: "stanovanje", contributionId: c.id, title: c.title, authorNames: "Arta Krasniqi", municipalityId: municipality.id })),
          },
        },
      });
    }
  });

  it("shows Serbian in Cyrillic and the English and Albanian practices as written, each with its lang, within the phone's width", async () => {
    const { app, browser } = e2e;
    const context = await openContext(browser, { ...PHONE, locale: "sr-Cyrl-RS", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.url}/guidelines/${SLUG}`);
    expect(await page.locator("html").getAttribute("lang")).toBe("sr-Cyrl");
    const title = page.locator("h1");
    expect(await title.getAttribute("lang")).toBe("sr-Cyrl");
    expect(await title.textContent()).toBe(latinToCyrillic("Smernice za povratak"));
    const section = page.locator("section#stanovanje");
    expect(await section.locator('.prose > div[lang="sr-Cyrl"]').first().textContent()).toContain("Почните од куће и докумената.");
    expect(await section.locator('.prose > div[lang="en"] h3').textContent()).toBe(ENGLISH);
    expect(await section.locator('.prose > div[lang="en"] h4').textContent()).toBe("Results");
    expect(await section.locator('.prose > div[lang="sq"] h3').textContent()).toBe(ALBANIAN);
    expect(await section.locator('.sources [lang="en"]').textContent()).toBe(ENGLISH);
    expect(await page.locator('#credits strong[lang="sq"]').textContent()).toBe(ALBANIAN);
    expect(await page.locator('#credits span[lang=""]').first().textContent()).toBe("Arta Krasniqi");
    const text = (await page.locator("main").innerText()).toLowerCase();
    for (const word of FOREIGN) expect(text, `"${word}" transliterated`).not.toContain(latinToCyrillic(word).toLowerCase());
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The diff, too.
    await page.goto(`${app.url}/guidelines/${SLUG}/diff?from=1&to=2`);
    expect(await page.locator('[lang="sr-Cyrl"] > ins').first().textContent()).toContain("докумената");
    expect(await page.locator('.diff-text [lang="en"]').first().textContent()).toContain(ENGLISH);
    expect((await page.locator("main").innerText()).toLowerCase()).not.toContain(latinToCyrillic("returnees"));
    await context.close();
  });

  it("offers an Atom feed of the versions beside the subscription, which parses, with links from the public address only", async () => {
    const { app, browser } = e2e;
    const context = await openContext(browser, { ...PHONE, locale: "sr-Cyrl-RS" });
    const page = await context.newPage();
    await page.goto(`${app.url}/guidelines/${SLUG}`);
    expect(await page.locator('section[aria-labelledby="subscribe-title"] [data-testid="feed-link"]').getAttribute("href")).toBe(`/guidelines/${SLUG}/feed.atom`);
    expect(await page.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute("href")).toBe(`/guidelines/${SLUG}/feed.atom`);
    // A forged host header changes nothing in the feed's links.
    const res = await fetch(`${app.url}/guidelines/${SLUG}/feed.atom`, { headers: { "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await res.text();
    expect(xml).not.toContain("evil.example");
    const feed = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, "application/xml");
      const atom = "http://www.w3.org/2005/Atom";
      const root = doc.documentElement;
      const child = (el: Element, name: string) => [...el.children].find((c) => c.namespaceURI === atom && c.localName === name);
      return {
        errors: doc.getElementsByTagName("parsererror").length,
        root: `${root.namespaceURI} ${root.localName}`,
        lang: root.getAttribute("xml:lang"),
        id: child(root, "id")?.textContent,
        title: child(root, "title")?.textContent,
        updated: child(root, "updated")?.textContent,
        author: child(root, "author")?.textContent?.trim(),
        links: [...doc.getElementsByTagNameNS(atom, "link")].map((l) => l.getAttribute("href")),
        entries: [...doc.getElementsByTagNameNS(atom, "entry")].map((entry) => ({
          id: child(entry, "id")?.textContent,
          title: child(entry, "title")?.textContent,
          updated: child(entry, "updated")?.textContent,
          content: child(entry, "content")?.textContent,
        })),
      };
    }, xml);
    expect(feed.errors).toBe(0);
    expect(feed.root).toBe("http://www.w3.org/2005/Atom feed");
    expect(feed.lang).toBe("sr-Latn");
    expect(feed.id).toBe(`${PUBLIC}/guidelines/${SLUG}`);
    expect(feed.title).toBe("Smernice za povratak");
    expect(feed.updated).toBe("2027-01-02T00:00:00.000Z");
    expect(feed.author).toBe("Durable");
    expect(feed.links.length).toBeGreaterThan(4);
    for (const href of feed.links) expect(href?.startsWith(`${PUBLIC}/guidelines/${SLUG}`), href ?? "").toBe(true);
    expect(feed.links).toContain(`${PUBLIC}/guidelines/${SLUG}/feed.atom`);
    expect(feed.entries).toEqual([
      { id: `${PUBLIC}/guidelines/${SLUG}/v/2`, title: "Smernice za povratak: Verzija 2", updated: "2027-01-02T00:00:00.000Z", content: "Dodata dokumenta." },
      { id: `${PUBLIC}/guidelines/${SLUG}/v/1`, title: "Smernice za povratak: Verzija 1", updated: "2027-01-01T00:00:00.000Z", content: "Prva verzija." },
    ]);
    // Lasting addresses: the newest version's PDF, and each version's own page.
    const latest = await fetch(`${app.url}/guidelines/${SLUG}/latest.pdf`, { redirect: "manual" });
    expect(latest.status).toBe(302);
    expect(latest.headers.get("location")).toBe(`/guidelines/${SLUG}/v/2.pdf`);
    expect((await fetch(`${app.url}/guidelines/${SLUG}/v/1`)).status).toBe(200);
    expect((await fetch(`${app.url}/guidelines/nothing-here/feed.atom`)).status).toBe(404);
    await context.close();
  });

  it("an event titled only in English is shown as written on its page in Cyrillic, marked English", async () => {
    const { app, db } = e2e;
    const event = await createEvent({ db, titles: { en: "Housing workshop" } });
    await db.user.update({ where: { email: "trainer@durable.localhost" }, data: { locale: "sr-Cyrl" } });
    const cookie = await logInOverHttp(app.url, "trainer@durable.localhost");
    const html = await (await fetch(`${app.url}/events/${event.id}`, { headers: { Cookie: cookie } })).text();
    expect(html).toContain('<h1 lang="en">Housing workshop</h1>');
    expect(html).not.toContain(latinToCyrillic("Housing workshop"));
  });
});
