// An admin sets a guideline's printed cover with plain forms (no JavaScript):
// the texts per language, then a logo upload; a file that is not an image is
// answered next to its field, and the guideline's PDF then carries the cover.
import { readFileSync } from "node:fs";
import { appFixture, logInOverHttp } from "../helpers/e2e";

const SLUG = "cover-over-http";

describe("the cover page over HTTP", () => {
  const e2e = appFixture();

  beforeAll(async () => {
    const guideline = await e2e.db.guideline.create({ data: { slug: SLUG, title: "Guidelines with a cover", sourceLocale: "en" } });
    await e2e.db.guidelineVersion.create({
      data: {
        guidelineId: guideline.id,
        locale: "en",
        number: 1,
        title: "Guidelines with a cover",
        changelog: "First.",
        sections: { create: [{ key: "housing", position: 1, title: "Housing", body: "Houses." }] },
      },
    });
  });

  it("saves the texts, takes a PNG logo, refuses a text file named .png, and the PDF shows the cover", async () => {
    const { app, db } = e2e;
    const cookie = await logInOverHttp(app.url, "admin@durable.localhost");
    const page = await fetch(`${app.url}/guidelines/${SLUG}/cover`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/enctype="multipart\/form-data"/i);

    const texts = new URLSearchParams({
      "programme:en": "Returns programme for the cover",
      "disclaimer:en": "Produced with the support of the Cover Donor.",
      "programme:sq": "",
      "disclaimer:sq": "",
      "programme:sr": "",
      "disclaimer:sr": "",
    });
    const saved = await fetch(`${app.url}/guidelines/${SLUG}/cover`, { method: "POST", headers: { Cookie: cookie }, body: texts, redirect: "manual" });
    expect(saved.status).toBe(302);
    const guideline = await db.guideline.findUniqueOrThrow({ where: { slug: SLUG }, include: { coverTexts: true, logos: true } });
    expect(guideline.coverTexts.find((t) => t.locale === "en")).toMatchObject({ programme: "Returns programme for the cover" });
    const before = guideline.logos.length;

    const upload = (name: string, bytes: Uint8Array<ArrayBuffer>) => {
      const form = new FormData();
      form.set("name", "Cover Donor");
      form.set("role", "DONOR");
      form.set("file", new File([bytes], name, { type: "image/png" }));
      return fetch(`${app.url}/guidelines/${SLUG}/cover`, { method: "POST", headers: { Cookie: cookie }, body: form, redirect: "manual" });
    };
    const refused = await upload("fake.png", new TextEncoder().encode("hello"));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("A logo must be a PNG or JPEG image.");
    const added = await upload("donor.png", new Uint8Array(readFileSync(new URL("../../prisma/demo-logos/donor.png", import.meta.url))));
    expect(added.status).toBe(302);
    expect(await db.guidelineLogo.count({ where: { guidelineId: guideline.id } })).toBe(before + 1);

    const pdf = await fetch(`${app.url}/guidelines/${SLUG}/latest.pdf`, { headers: { "Accept-Language": "en" } });
    expect(pdf.status).toBe(200);
    // An editor may not reach the page.
    const editor = await logInOverHttp(app.url, "editor@durable.localhost");
    expect((await fetch(`${app.url}/guidelines/${SLUG}/cover`, { headers: { Cookie: editor } })).status).toBe(403);
  });
});
