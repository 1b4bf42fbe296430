import ExcelJS from "exceljs";
import sq from "~/locales/sq";
import sr from "~/locales/sr";
import { browserMissing, openContext } from "../helpers/browser";
import { appFixture, logIn } from "../helpers/e2e";

async function spreadsheet() {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Lista");
  sheet.addRow(["Emri dhe mbiemri", "E-mail", "Komuna", "Organizata", "Gjinia", "Komuniteti"]);
  sheet.addRow(["Qëndresa Aliu", "qendresa.aliu@example.org", "Novobërdë", "UNHCR Kosovo", "F", "Shqiptare"]);
  sheet.addRow(["Dragiša Šćepanović", "dragisa.scepanovic@example.org", "Štrpce", "", "M", "Srbin"]);
  sheet.addRow(["Pa Email", "", "Gjilan", "", "", ""]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe.skipIf(browserMissing)("the stakeholder directory (Chromium)", () => {
  const e2e = appFixture({ browser: true });

  it("a trainer on a phone imports a spreadsheet, confirms, and finds a person by an unaccented name", async () => {
    const { app, browser, db } = e2e;
    const context = await openContext(browser, { locale: "sq-AL", viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    const d = sq.directory;
    await logIn(page, app.url, "trainer@durable.localhost");

    // A file that is not a spreadsheet gets a clear message, and a 400.
    await page.goto(`${app.url}/people/import`);
    await page.getByLabel(d.import.file).setInputFiles({ name: "lista.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7") });
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: d.import.upload }).click(),
    ]);
    expect(refused.status()).toBe(400);
    await expect.poll(() => page.getByRole("alert").textContent()).toBe(d.import.errors.wrongType);

    // The real spreadsheet: a preview, with the bad row by its line, and nothing saved yet.
    const before = await db.person.count();
    await page.getByLabel(d.import.file).setInputFiles({
      name: "lista.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: await spreadsheet(),
    });
    await page.getByRole("button", { name: d.import.upload }).click();
    await page.waitForURL(/\/people\/import\/\w+/);
    await expect.poll(() => page.locator('[data-testid="import-problems"] tr[data-line="4"]').textContent()).toContain(d.import.problem.missingEmail);
    expect(await db.person.count()).toBe(before);

    await page.getByRole("button", { name: d.import.confirm_other.replace("{{count}}", "2") }).click();
    await page.waitForURL(/\/people\?imported=2/);
    await expect.poll(() => page.getByRole("status").textContent()).toBe(d.list.imported_other.replace("{{count}}", "2"));
    expect(await db.person.count()).toBe(before + 2);

    // Typed without accents, by name and by place.
    await page.getByLabel(d.list.search).fill("qendresa aliu");
    await page.getByRole("button", { name: d.list.filter }).click();
    await expect.poll(() => page.locator("table.responsive tbody tr").count()).toBe(1);
    await expect.poll(() => page.locator("table.responsive tbody").textContent()).toContain("Qëndresa Aliu");
    await page.getByLabel(d.list.search).fill("scepanovic strpce");
    await page.getByRole("button", { name: d.list.filter }).click();
    await expect.poll(() => page.locator("table.responsive tbody").textContent()).toContain("Dragiša Šćepanović");

    // The detail page shows the sensitive fields to a trainer; the page fits the phone.
    await page.getByRole("link", { name: "Dragiša Šćepanović" }).click();
    await expect.poll(() => page.getByTestId("person-community").textContent()).toBe(d.community.KOSOVO_SERB);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // A file over the limit is refused with the message, not a 500.
    const tooLarge = await page.request.post(`${app.url}/people/import`, {
      multipart: { file: { name: "big.csv", mimeType: "text/csv", buffer: Buffer.alloc(6 * 1024 * 1024, 65) } },
      headers: { Origin: app.url },
    });
    expect(tooLarge.status()).toBe(413);
    expect(await tooLarge.text()).toContain(d.import.errors.tooLarge);

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "people.imported" } });
    expect(JSON.parse(audit.details)).toMatchObject({ imported: 2, rejected: 1 });
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("a commission member sees the directory only in numbers", async () => {
    const { app, browser, db } = e2e;
    const context = await openContext(browser, { locale: "en-GB" });
    const page = await context.newPage();
    await logIn(page, app.url, "member@durable.localhost");
    const list = await page.goto(`${app.url}/people`);
    expect(list?.status()).toBe(403);
    const exported = await page.request.get(`${app.url}/people/export?format=csv`);
    expect(exported.status()).toBe(403);
    await page.goto(`${app.url}/people/summary`);
    const html = await page.content();
    // Milan's account speaks Serbian.
    expect(html).toContain(sr.directory.summary.byCommunity);
    const total = await db.person.count();
    await expect.poll(() => page.getByTestId("people-total").textContent()).toMatch(new RegExp(`^${total} `));
    // Seeded stakeholders' names are nowhere on the page.
    expect(html).not.toContain("Valbona Hasani");
    expect(html).not.toContain("@demo.durable.localhost");
    await context.close();
  });
});
