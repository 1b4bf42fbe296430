// From a member's best practice to a published guideline version that anyone
// can compare with the one before: the built app, in Chromium and over HTTP.
import en from "~/locales/en";
import sr from "~/locales/sr";
import { browserMissing, openContext } from "../helpers/browser";
import { appFixture, deliveredMail, logIn, logInOverHttp, submitAndWait } from "../helpers/e2e";

const SLUG = "returnee-integration";
const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));

/** Pages that post and redirect can take a moment on a busy machine. */
const waitFor = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });

describe.skipIf(browserMissing)("a best practice becomes version 2 of the guidelines (Chromium)", () => {
  const e2e = appFixture({ browser: true, smtp: true });

  it("a member submits, the editor asks for changes, the member revises, the editor accepts and publishes, a visitor reads the diff", async () => {
    const { app, browser, smtp } = e2e;
    const pageErrors: string[] = [];
    const dialogs: string[] = [];
    const editorContext = await openContext(browser, { locale: "en-GB" });
    const editor = await editorContext.newPage();
    editor.on("pageerror", (error) => pageErrors.push(String(error)));

    // Version 1, published by the editor through the pages.
    await logIn(editor, app.url, "editor@durable.localhost");
    await editor.goto(`${app.url}/guidelines`);
    await editor.getByText(en.guidelines.guideline.newGuideline).click();
    await editor.getByLabel(en.guidelines.guideline.name).fill("Guidelines for successful integration of returnees");
    await editor.getByLabel(en.guidelines.guideline.slug).fill(SLUG);
    await editor.getByRole("button", { name: en.guidelines.guideline.create }).click();
    await waitFor(() => editor.url()).toContain(`/guidelines/${SLUG}/edit`);
    await editor.locator("#new-section-title").fill("Housing");
    await editor.locator("#new-section-body").fill("Start with the house.");
    await editor.getByRole("button", { name: en.guidelines.editor.addSection }).last().click();
    await waitFor(() => editor.locator("[data-section=housing]").count()).toBe(1);
    await editor.locator("#new-section-title").fill("Documents");
    await editor.locator("#new-section-body").fill("Civil documents come first.");
    await editor.getByRole("button", { name: en.guidelines.editor.addSection }).last().click();
    await waitFor(() => editor.locator("[data-section=documents]").count()).toBe(1);
    await editor.getByLabel(en.guidelines.editor.changelog).fill("First version.");
    await editor.getByRole("button", { name: fill(en.guidelines.editor.publish, { number: 1 }) }).click();
    await waitFor(() => editor.url()).toContain(`/guidelines/${SLUG}/v/1`);

    // The member, in Serbian, writes and submits a best practice (with a script in it).
    const memberContext = await openContext(browser, { locale: "sr-Latn-RS" });
    const member = await memberContext.newPage();
    member.on("pageerror", (error) => pageErrors.push(String(error)));
    member.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await logIn(member, app.url, "member@durable.localhost");
    await member.goto(`${app.url}/contributions/new`);
    const title = "Jednošalterski punkt u Gnjilanu";
    await member.getByLabel(sr.guidelines.contribution.title, { exact: true }).fill(title);
    await member.getByLabel(sr.guidelines.contribution.summary, { exact: true }).fill("Sve usluge na jednom mestu.");
    await member.getByLabel(sr.guidelines.contribution.body, { exact: true }).fill("Povratnici su dobili **sve usluge** na jednom mestu.\n\n<script>alert('xss')</script>");
    await member.getByLabel(sr.guidelines.contribution.theme, { exact: true }).selectOption({ label: "Stanovanje i smeštaj" });
    await member.getByLabel(sr.guidelines.contribution.municipality, { exact: true }).selectOption({ label: "Gnjilane / Gjilan" });
    await member.getByRole("button", { name: sr.guidelines.contribution.preview, exact: true }).click();
    await waitFor(() => member.locator(".contribution-preview strong").textContent()).toBe("sve usluge");
    await waitFor(() => member.locator(".contribution-preview").textContent()).toContain("<script>alert('xss')</script>");
    // What was typed is still there after the preview.
    await waitFor(() => member.getByLabel(sr.guidelines.contribution.title, { exact: true }).inputValue()).toBe(title);
    await submitAndWait(member, member.getByRole("button", { name: sr.guidelines.contribution.submit }));
    await waitFor(() => member.getByTestId("contribution-status").textContent()).toBe(sr.guidelines.statuses.SUBMITTED);
    const contributionUrl = member.url().split("?")[0];

    // The editor finds it in the queue and asks for changes.
    await editor.goto(`${app.url}/contributions`);
    await editor.getByRole("link", { name: title }).click();
    await editor.getByLabel(en.guidelines.review.decisions.CHANGES_REQUESTED).check();
    await editor.getByLabel(en.guidelines.review.reason).fill("Please say how many families were helped.");
    await submitAndWait(editor, editor.getByRole("button", { name: en.guidelines.review.decide }));
    await waitFor(() => editor.getByRole("status").textContent()).toBe(en.guidelines.review.decided);

    // The member is told by email, in Serbian, and revises.
    const [changesMail] = await smtp.waitFor(1);
    expect(changesMail.subject).toBe(fill(sr.guidelines.emails.decision.subject.CHANGES_REQUESTED, { title }));
    expect(changesMail.text).toContain("Please say how many families were helped.");
    await member.goto(contributionUrl);
    await waitFor(() => member.getByTestId("contribution-status").textContent()).toBe(sr.guidelines.statuses.CHANGES_REQUESTED);
    await member.getByRole("link", { name: sr.guidelines.contribution.edit, exact: true }).click();
    await member.getByLabel(sr.guidelines.contribution.body, { exact: true }).fill("Povratnici (120 porodica) su dobili **sve usluge** na jednom mestu.");
    await submitAndWait(member, member.getByRole("button", { name: sr.guidelines.contribution.submit }));
    await waitFor(() => member.getByTestId("contribution-status").textContent()).toBe(sr.guidelines.statuses.SUBMITTED);

    // The editor accepts it, places it into the Housing section and publishes version 2.
    await editor.goto(contributionUrl);
    await editor.getByLabel(en.guidelines.review.decisions.ACCEPTED).check();
    await submitAndWait(editor, editor.getByRole("button", { name: en.guidelines.review.decide }));
    await waitFor(() => editor.getByRole("status").textContent()).toBe(en.guidelines.review.decided);
    await editor.goto(`${app.url}/guidelines/${SLUG}/edit`);
    const housing = editor.locator("[data-section=housing]");
    await housing.getByLabel(en.guidelines.editor.contributionToPlace).selectOption({ label: `${title} (Gjilan / Gnjilane)` });
    await housing.getByRole("button", { name: en.guidelines.editor.place }).click();
    await waitFor(() => editor.locator("[data-section=housing] .placements").textContent()).toContain(title);
    await editor.getByLabel(en.guidelines.editor.changelog).fill("Added the one-stop desk of Gjilan.");
    await editor.getByRole("button", { name: fill(en.guidelines.editor.publish, { number: 2 }) }).click();
    await waitFor(() => editor.url()).toContain(`/guidelines/${SLUG}/v/2`);

    // A visitor without an account reads what changed since version 1.
    const visitorContext = await openContext(browser, { locale: "en-GB" });
    const visitor = await visitorContext.newPage();
    visitor.on("pageerror", (error) => pageErrors.push(String(error)));
    visitor.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await visitor.goto(`${app.url}/guidelines`);
    await visitor.getByRole("link", { name: "Guidelines for successful integration of returnees" }).click();
    await waitFor(() => visitor.locator(".sources").textContent()).toContain("Gjilan / Gnjilane");
    await visitor.getByRole("link", { name: fill(en.guidelines.reader.changesSince, { number: 1 }) }).first().click();
    await waitFor(() => visitor.locator("h1").textContent()).toBe(fill(en.guidelines.diff.title, { from: 1, to: 2 }));
    await waitFor(() => visitor.locator("[data-section=housing]").getAttribute("data-change")).toBe("changed");
    await waitFor(() => visitor.locator("[data-section=documents]").getAttribute("data-change")).toBe("unchanged");
    // The practice comes in as blocks of its own: its title, then its text.
    await waitFor(async () => (await visitor.locator("[data-section=housing] ins").allTextContents()).join(" ")).toContain("120 porodica");
    await waitFor(() => visitor.getByTestId("diff-summary").textContent()).toBe(
      fill(en.guidelines.diff.summary, { added: 0, changed: 1, removed: 0, unchanged: 1 }),
    );
    // The script the member typed never ran anywhere.
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    await Promise.all([editorContext.close(), memberContext.close(), visitorContext.close()]);
  }, 60_000);
});

describe("published guideline versions over HTTP", () => {
  const e2e = appFixture();
  let editor: string;
  let member: string;

  const post = (path: string, cookie: string, fields: Record<string, string>) =>
    fetch(`${e2e.app.url}${path}`, { method: "POST", headers: { Cookie: cookie, "Accept-Language": "en" }, body: new URLSearchParams(fields), redirect: "manual" });
  const snapshot = () =>
    e2e.db.guidelineVersion.findMany({ orderBy: { number: "asc" }, include: { sections: { orderBy: { key: "asc" } }, credits: true } });

  beforeAll(async () => {
    const { app, db } = e2e;
    editor = await logInOverHttp(app.url, "editor@durable.localhost");
    member = await logInOverHttp(app.url, "member@durable.localhost");
    expect((await post("/guidelines", editor, { title: "Vodič", slug: "vodic", summary: "", sourceLocale: "sr" })).status).toBe(302);
    const edit = "/guidelines/vodic/edit";
    expect((await post(edit, editor, { intent: "publish", changelog: "Empty", revision: "1" })).status).toBe(400);
    expect((await post(edit, editor, { intent: "add-section", title: "Stanovanje i smeštaj", body: "Kuće su obnovljene." })).status).toBe(200);
    const { revision } = await db.guideline.findUniqueOrThrow({ where: { slug: "vodic" } });
    expect((await post(edit, editor, { intent: "publish", changelog: "Prva verzija.", revision: String(revision) })).status).toBe(302);
  });

  it("refuses every crafted request that would change a published version", async () => {
    const before = await snapshot();
    expect(before).toHaveLength(1);
    const versionSection = before[0].sections[0];
    const attempts: [string, string, Record<string, string>][] = [
      // A published section's id posted where a working-copy section is expected.
      ["/guidelines/vodic/edit", editor, { intent: "update-section", sectionId: versionSection.id, title: "Hacked", body: "Hacked" }],
      ["/guidelines/vodic/edit", editor, { intent: "remove-section", sectionId: versionSection.id }],
      ["/guidelines/vodic/edit", editor, { intent: "update-version", versionId: before[0].id, title: "Hacked" }],
      // Publishing the same text again, or with a stale revision.
      ["/guidelines/vodic/edit", editor, { intent: "publish", changelog: "Again", revision: "999" }],
      // The reading pages take no posts that change anything.
      ["/guidelines/vodic/v/1", editor, { title: "Hacked" }],
      ["/guidelines/vodic/diff?from=1&to=1", editor, { title: "Hacked" }],
      ["/guidelines/vodic/versions", editor, { title: "Hacked" }],
      // A member may not edit or publish at all.
      ["/guidelines/vodic/edit", member, { intent: "add-section", title: "Mine", body: "Mine" }],
    ];
    for (const [path, cookie, fields] of attempts) {
      const res = await post(path, cookie, fields);
      expect(res.status, `${path} ${JSON.stringify(fields)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${path} ${JSON.stringify(fields)}`).toBeLessThan(500);
    }
    // Anonymous: sent to log in.
    expect((await post("/guidelines/vodic/edit", "", { intent: "add-section", title: "x", body: "" })).status).toBe(302);
    expect(await snapshot()).toEqual(before);
  });

  it("serves the version as a PDF, and its pages and diff to anyone", async () => {
    const { app } = e2e;
    const pdf = await fetch(`${app.url}/guidelines/vodic/v/1.pdf`, { headers: { "Accept-Language": "sr-Cyrl" } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    const page = await fetch(`${app.url}/guidelines/vodic/v/1`, { headers: { "Accept-Language": "sr-Cyrl" } });
    expect(page.status).toBe(200);
    // Serbian content reaches a Cyrillic reader in Cyrillic.
    expect(await page.text()).toContain("Становање и смештај");
    expect((await fetch(`${app.url}/guidelines/vodic/diff?from=1&to=1`)).status).toBe(200);
    expect((await fetch(`${app.url}/guidelines/vodic/diff?from=x&to=1`)).status).toBe(400);
    expect((await fetch(`${app.url}/guidelines/vodic/v/9`)).status).toBe(404);
    expect((await fetch(`${app.url}/guidelines/vodic/v/9.pdf`)).status).toBe(404);
  });

  it("confirms a subscription only when the button is pressed, not when the link is opened", async () => {
    const { app, db } = e2e;
    const res = await fetch(`${app.url}/guidelines/vodic`, { method: "POST", body: new URLSearchParams({ intent: "subscribe", email: "not-an-email" }) });
    expect(res.status).toBe(400);
    const ok = await fetch(`${app.url}/guidelines/vodic`, { method: "POST", body: new URLSearchParams({ intent: "subscribe", email: "reader@example.org" }) });
    expect(ok.status).toBe(200);
    const mail = await deliveredMail(e2e, { template: "guideline-subscription", toAddress: "reader@example.org" });
    const link = mail.text.match(/https?:\/\/\S+subscription\?token=[\w-]+/)![0];
    expect((await fetch(link)).status).toBe(200);
    expect((await db.guidelineSubscription.findFirstOrThrow()).confirmedAt).toBeNull();
    const token = new URL(link).searchParams.get("token")!;
    const confirm = await fetch(`${app.url}/guidelines/subscription`, { method: "POST", body: new URLSearchParams({ intent: "confirm", token }) });
    expect(confirm.status).toBe(200);
    expect((await db.guidelineSubscription.findFirstOrThrow()).confirmedAt).not.toBeNull();
  });

  it("lets an editor translate version 1, pre-filled with the source text, refusing a missing title with 400 and keeping what was typed", async () => {
    const { app, db } = e2e;
    const page = "/guidelines/vodic/translate";
    expect((await fetch(`${app.url}${page}`, { headers: { Cookie: member } })).status).toBe(403);
    expect((await fetch(`${app.url}${page}`, { redirect: "manual" })).status).toBe(302);
    const form = await fetch(`${app.url}${page}?lang=en&from=1`, { headers: { Cookie: editor, "Accept-Language": "en" } });
    expect(form.status).toBe(200);
    const html = await form.text();
    // The source is Serbian: the fields start with its text, and the edit page links here.
    expect(html).toContain(">Kuće su obnovljene.</textarea>");
    expect(html).toContain('name="title:stanovanje-i-smestaj"');
    expect(await (await fetch(`${app.url}/guidelines/vodic/edit`, { headers: { Cookie: editor } })).text()).toContain('href="/guidelines/vodic/translate"');

    const fields = {
      title: "Guide",
      summary: "",
      changelog: "First English translation.",
      "title:stanovanje-i-smestaj": "",
      "body:stanovanje-i-smestaj": "Houses were rebuilt.",
    };
    const missing = await post(`${page}?lang=en&from=1`, editor, fields);
    expect(missing.status).toBe(400);
    const refused = await missing.text();
    expect(refused).toContain(en.validation.required);
    expect(refused).toContain(">Houses were rebuilt.</textarea>");
    // Sections posted for a language or version other than the address's are refused.
    expect((await post(page, editor, { ...fields, "title:stanovanje-i-smestaj": "Housing" })).status).toBe(400);
    expect(await db.guidelineVersion.count({ where: { locale: "en" } })).toBe(0);

    const published = await post(`${page}?lang=en&from=1`, editor, { ...fields, "title:stanovanje-i-smestaj": "Housing and shelter" });
    expect(published.status).toBe(302);
    expect(published.headers.get("location")).toContain("done=1");
    const translation = await db.guidelineVersion.findFirstOrThrow({ where: { locale: "en" }, include: { sections: true, sourceVersion: true } });
    expect(translation).toMatchObject({ number: 1, title: "Guide", sourceVersion: { locale: "sr", number: 1 } });
    expect(translation.sections.map((s) => [s.key, s.title, s.body])).toEqual([["stanovanje-i-smestaj", "Housing and shelter", "Houses were rebuilt."]]);
    expect(await (await fetch(`${app.url}/guidelines/vodic`, { headers: { "Accept-Language": "en" } })).text()).toContain("Housing and shelter");
    // The form now starts from that translation.
    expect(await (await fetch(`${app.url}${page}?lang=en&from=1`, { headers: { Cookie: editor } })).text()).toContain('value="Housing and shelter"');
  });

  it("takes a member's attachment checked by its bytes and size, and serves it only to those who may see it", async () => {
    const { app, db } = e2e;
    const memberUser = await db.user.findUniqueOrThrow({ where: { email: "member@durable.localhost" } });
    const theme = await db.theme.findFirstOrThrow();
    const contribution = await db.contribution.create({
      data: { title: "Mobile desk", body: "It worked.", themeId: theme.id, createdById: memberUser.id, authors: { create: { userId: memberUser.id, isLead: true } } },
    });
    const edit = `${app.url}/contributions/${contribution.id}/edit`;
    const upload = (name: string, bytes: Buffer, cookie = member) => {
      const form = new FormData();
      form.set("file", new File([new Uint8Array(bytes)], name, { type: "application/pdf" }));
      return fetch(edit, { method: "POST", body: form, headers: { Cookie: cookie }, redirect: "manual" });
    };
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    expect((await upload("protocol.pdf", pdf)).status).toBe(302);
    // The member reads Serbian.
    const fake = await upload("report.pdf", Buffer.from("just some text, no PDF at all"));
    expect(fake.status).toBe(400);
    expect(await fake.text()).toContain(fill(sr.guidelines.attachments.fileMismatch, { claimed: "pdf" }));
    const huge = await upload("huge.pdf", Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]));
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain(fill(sr.guidelines.attachments.fileTooLarge, { max: 10 }));
    // Someone else's contribution cannot take files.
    expect((await upload("protocol.pdf", pdf, editor)).status).toBe(403);
    expect(await db.contributionAttachment.count({ where: { contributionId: contribution.id } })).toBe(1);

    const attachment = await db.contributionAttachment.findFirstOrThrow({ where: { contributionId: contribution.id } });
    const path = `${app.url}/contributions/${contribution.id}/attachments/${attachment.id}`;
    expect(await (await fetch(`${app.url}/contributions/${contribution.id}`, { headers: { Cookie: member } })).text()).toContain(`href="/contributions/${contribution.id}/attachments/${attachment.id}"`);
    const asAuthor = await fetch(path, { headers: { Cookie: member } });
    expect(asAuthor.status).toBe(200);
    expect(Buffer.from(await asAuthor.arrayBuffer()).equals(pdf)).toBe(true);
    expect(asAuthor.headers.get("content-disposition")).toContain('filename="protocol.pdf"');
    // A draft's files are its authors' alone.
    expect((await fetch(path, { headers: { Cookie: editor } })).status).toBe(404);
    expect((await fetch(path, { redirect: "manual" })).status).toBe(302);
    await db.contribution.update({ where: { id: contribution.id }, data: { status: "SUBMITTED" } });
    expect((await fetch(path, { headers: { Cookie: editor } })).status).toBe(200);
    // Accepted and credited by a published version: anyone, without an account.
    await db.contribution.update({ where: { id: contribution.id }, data: { status: "ACCEPTED" } });
    const version = await db.guidelineVersion.findFirstOrThrow({ where: { locale: "sr", number: 1 } });
    await db.guidelineVersionCredit.create({
      data: { versionId: version.id, sectionKey: "stanovanje-i-smestaj", contributionId: contribution.id, title: "Mobile desk", authorNames: memberUser.name },
    });
    expect((await fetch(path)).status).toBe(200);
    // The Serbian source version lists it (the English translation was published before the credit existed).
    expect(await (await fetch(`${app.url}/guidelines/vodic/v/1`, { headers: { "Accept-Language": "sr" } })).text()).toContain(`href="/contributions/${contribution.id}/attachments/${attachment.id}"`);
  });
});
