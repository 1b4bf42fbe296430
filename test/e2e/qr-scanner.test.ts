// The door's QR scanner in Chromium on a phone. Debian's Chromium has no
// BarcodeDetector (Chromium has it only on Android, macOS and ChromeOS), so
// it takes the same path as iPhone Safari and Firefox: the WebAssembly reader
// that the check-in page loads when "Scan" is pressed. The codes are the real
// ones of invitations (checkInQrPng), signed with the app's own secret.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page, Response } from "playwright-core";
import en from "~/locales/en";
import sq from "~/locales/sq";
import sr from "~/locales/sr";
import { latinToCyrillic } from "~/locales/transliterate";
import { checkInQrPng } from "~/models/attendance.server";
import type { Locale } from "~/utils/i18n";
import { checkInCode } from "~/utils/tokens.server";
import { browserMissing, launchBrowser, openContext } from "../helpers/browser";
import { appFixture, logIn, PHONE } from "../helpers/e2e";
import { createEvent, createPerson, invite } from "../helpers/factories";

// The app and this file sign and check codes with the same secret.
const SECRET = "qr-scanner-test-secret-0123456789abcdef";
process.env.CHECKIN_SECRET = SECRET;
const DAY = "2026-06-09";
const TRAINER = "trainer@durable.localhost";
const LOADED_ON_SCAN = /qr-code-reader|\.wasm(\?|$)/;

type ReaderWindow = Window & { qrCodeReader?: { readQrCodes(image: unknown): Promise<string[]> } };

describe.skipIf(browserMissing)("the door reads invitation QR codes with the camera on any phone (Chromium)", () => {
  const e2e = appFixture({ browser: true, env: { OUTBOX_WORKER: "off", CHECKIN_SECRET: SECRET } });

  /** A published workshop on DAY with these people invited and accepted. */
  async function workshop(names: string[]) {
    const { db } = e2e;
    const event = await createEvent({ db, startsAt: new Date(`${DAY}T07:00:00Z`), endsAt: new Date(`${DAY}T12:00:00Z`), titles: { en: "Workshop on returns" } });
    const invited = [];
    for (const name of names) {
      const person = await createPerson({ db, name, email: null, searchText: name.toLowerCase() });
      invited.push({ person, invitation: await invite(event, person, "ACCEPTED", { db }) });
    }
    return { event, invited };
  }

  /** The trainer's check-in page for DAY, in `locale`, on a phone, with every request it makes recorded. */
  async function openCheckIn(browser: Browser, eventId: string, locale: Locale, options: { camera?: boolean; beforeLoad?: (page: Page) => Promise<unknown> } = {}) {
    await e2e.db.user.update({ where: { email: TRAINER }, data: { locale } });
    // The page's service worker (tested in checkin-offline) would fetch the reader itself, past the routes
    // these tests set on the page to watch and cut what it loads: it stays off here.
    const context = await openContext(browser, { ...PHONE, locale: "en-GB", serviceWorkers: "block" });
    if (options.camera) await context.grantPermissions(["camera"], { origin: e2e.app.url });
    const page = await context.newPage();
    await options.beforeLoad?.(page);
    await logIn(page, e2e.app.url, TRAINER);
    const responses: Response[] = [];
    page.on("response", (response) => responses.push(response));
    await page.goto(`${e2e.app.url}/events/${eventId}/checkin?day=${DAY}`);
    await page.locator(".checkin[data-ready]").waitFor();
    await page.waitForLoadState("networkidle");
    const requested = () => responses.map((response) => new URL(response.url()).pathname);
    return { context, page, responses, requested };
  }

  it("decodes real check-in codes, clean and photographed (blurred, rotated, on a grey noisy background, scaled down), with the module the page loads on Scan", async () => {
    const { event, invited } = await workshop(["Drita Hoxha", "Zoran Đorđević"]);
    const { context, page, responses, requested } = await openCheckIn(e2e.browser, event.id, "en");
    // Before anyone presses Scan, neither the reader nor its WebAssembly is fetched.
    expect(requested().filter((path) => LOADED_ON_SCAN.test(path))).toEqual([]);

    // The chunk the check-in route itself imports, found in the route's own code as the app serves it.
    const chunk = await page.evaluate(async () => {
      type Manifest = { routes: Record<string, { module: string; imports?: string[] }> };
      const route = (window as unknown as { __remixManifest: Manifest }).__remixManifest.routes["routes/events.$id.checkin._index"];
      for (const file of [route.module, ...(route.imports ?? [])]) {
        const found = /import\("([^"]*qr-code-reader[^"]*\.js)"\)/.exec(await (await fetch(file)).text());
        if (found) return new URL(found[1], new URL(file, location.href)).pathname;
      }
      return null;
    });
    expect(chunk).toMatch(/^\/build\/.*qr-code-reader.*\.js$/);
    // Evaluated as a string: the test runner rewrites import() in this file's own code.
    await page.evaluate(`import(${JSON.stringify(chunk)}).then((module) => { window.qrCodeReader = module; })`);

    const pngs = await Promise.all(invited.map(async ({ invitation }) => (await checkInQrPng(invitation.id)).toString("base64")));
    const decoded = await page.evaluate(async (images) => {
      const reader = (window as ReaderWindow).qrCodeReader!;
      const bitmapOf = (base64: string) => createImageBitmap(new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: "image/png" }));
      let seed = 20270609;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

      /** The code as a phone photographs it: small in the frame, tilted, soft, on grey paper in uneven light, with sensor noise. */
      const photograph = (code: ImageBitmap) => {
        const canvas = document.createElement("canvas");
        canvas.width = 480;
        canvas.height = 360;
        const context = canvas.getContext("2d", { willReadFrequently: true })!;
        const light = context.createLinearGradient(0, 0, 480, 360);
        light.addColorStop(0, "#9a9a9a");
        light.addColorStop(1, "#555555");
        context.fillStyle = light;
        context.fillRect(0, 0, 480, 360);
        context.save();
        context.translate(250, 175);
        context.rotate((24 * Math.PI) / 180);
        context.transform(1, 0.06, -0.04, 1, 0, 0);
        context.filter = "blur(1px) contrast(0.7) brightness(0.85)";
        // 240 px printed, 150 px seen: about 4 px per module.
        context.drawImage(code, -75, -75, 150, 150);
        context.restore();
        const pixels = context.getImageData(0, 0, 480, 360);
        for (let i = 0; i < pixels.data.length; i += 4) {
          const noise = (random() - 0.5) * 40;
          for (let c = 0; c < 3; c++) pixels.data[i + c] = Math.max(0, Math.min(255, pixels.data[i + c] + noise));
        }
        context.putImageData(pixels, 0, 0);
        return canvas;
      };

      const results: Array<{ clean: string[]; photo: string[]; pixels: string[] }> = [];
      for (const image of images) {
        const code = await bitmapOf(image);
        const photo = photograph(code);
        results.push({
          clean: await reader.readQrCodes(code),
          photo: await reader.readQrCodes(photo),
          pixels: await reader.readQrCodes(photo.getContext("2d")!.getImageData(0, 0, photo.width, photo.height)),
        });
      }
      // The same grey, noisy paper without a code on it reads as nothing.
      const blank = document.createElement("canvas");
      blank.width = 480;
      blank.height = 360;
      const paper = blank.getContext("2d")!;
      paper.fillStyle = "#777777";
      paper.fillRect(0, 0, 480, 360);
      return { results, blank: await reader.readQrCodes(blank) };
    }, pngs);

    invited.forEach(({ invitation }, index) => {
      const code = checkInCode(invitation.id);
      expect(decoded.results[index]).toEqual({ clean: [code], photo: [code], pixels: [code] });
    });
    expect(decoded.blank).toEqual([]);

    // The WebAssembly came from this app's build, as WebAssembly, compressed, cached for a year.
    const wasm = responses.filter((response) => /\.wasm$/.test(new URL(response.url()).pathname));
    expect(wasm.map((response) => new URL(response.url()).pathname)).toEqual([expect.stringMatching(/^\/build\/_assets\/zxing_reader-[A-Z0-9]+\.wasm$/)]);
    const headers = await wasm[0].allHeaders();
    expect(headers["content-type"]).toBe("application/wasm");
    expect(headers["content-encoding"]).toMatch(/^(gzip|br)$/);
    expect(headers["cache-control"]).toMatch(/max-age=31536000/);
    expect(headers["cache-control"]).toContain("immutable");
    await context.close();
  }, 90_000);

  it("says, in the reader's language, that no camera can be used and points to the name search (a phone without a camera)", async () => {
    const { event } = await workshop(["Arben Gashi"]);
    for (const [locale, messages] of [
      ["en", en],
      ["sq", sq],
    ] as const) {
      const { context, page, requested } = await openCheckIn(e2e.browser, event.id, locale);
      const notice = page.getByTestId("no-camera");
      await expect.poll(() => notice.textContent()).toContain(messages.invitations.checkin.noCamera);
      expect(await page.getByRole("button", { name: messages.invitations.checkin.scan }).count()).toBe(0);
      const link = notice.getByRole("link", { name: messages.invitations.checkin.findByName });
      await link.tap();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("checkin-q");
      expect(requested().filter((path) => LOADED_ON_SCAN.test(path))).toEqual([]);
      await context.close();
    }
  }, 90_000);

  describe("with a camera filming an invitation's QR code (Chromium's fake camera)", () => {
    let cameraBrowser: Browser | undefined;
    let folder: string | undefined;
    afterAll(async () => {
      await cameraBrowser?.close();
      if (folder) rmSync(folder, { recursive: true, force: true });
    });

    /** A Chromium whose camera films the PNG: a Y4M video (YUV 4:2:0) of a phone's view of the code on a desk. */
    async function cameraFilming(png: Buffer) {
      const page = await e2e.browser.newPage();
      const width = 640;
      const height = 480;
      const rgba = await page.evaluate(
        async ({ base64, width, height }) => {
          const code = await createImageBitmap(new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: "image/png" }));
          const canvas = new OffscreenCanvas(width, height);
          const context = canvas.getContext("2d")!;
          context.fillStyle = "#b4b4b4";
          context.fillRect(0, 0, width, height);
          context.translate(width / 2, height / 2);
          context.rotate((12 * Math.PI) / 180);
          context.drawImage(code, -110, -110, 220, 220);
          const data = context.getImageData(0, 0, width, height).data;
          let binary = "";
          for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
          return btoa(binary);
        },
        { base64: png.toString("base64"), width, height },
      );
      await page.close();
      const pixels = Buffer.from(rgba, "base64");
      const luma = Buffer.alloc(width * height);
      for (let i = 0; i < luma.length; i++) luma[i] = Math.round(0.299 * pixels[i * 4] + 0.587 * pixels[i * 4 + 1] + 0.114 * pixels[i * 4 + 2]);
      const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
      const frames = Array.from({ length: 5 }, () => Buffer.concat([Buffer.from("FRAME\n"), luma, chroma]));
      folder = mkdtempSync(join(tmpdir(), "durable-camera-"));
      const video = join(folder, "invitation.y4m");
      writeFileSync(video, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), ...frames]));
      cameraBrowser = await launchBrowser(["--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${video}`]);
      return cameraBrowser;
    }

    it("checks the person in when Scan is pressed and the code is in view; a refused camera is said so in Serbian Cyrillic", async () => {
      const { event, invited } = await workshop(["Fatmir Berisha", "Milena Jovanović"]);
      const [{ person, invitation }] = invited;
      const browser = await cameraFilming(await checkInQrPng(invitation.id));

      const { context, page, requested } = await openCheckIn(browser, event.id, "en", { camera: true });
      expect(requested().filter((path) => LOADED_ON_SCAN.test(path))).toEqual([]);
      await page.getByRole("button", { name: en.invitations.checkin.scan }).tap();
      await expect
        .poll(() => e2e.db.attendance.findMany({ where: { eventId: event.id }, select: { personId: true, method: true, day: true } }), { timeout: 20_000 })
        .toEqual([{ personId: person.id, method: "QR", day: DAY }]);
      await page.locator(`li[data-checkin-person="${person.name}"]`).getByTestId("checked-in").waitFor();
      // The scanner stopped after the code: the camera is off and the button is back.
      await page.getByRole("button", { name: en.invitations.checkin.scan }).waitFor();
      expect(await page.locator("video").count()).toBe(0);
      // It read the frame with the WebAssembly reader, fetched when Scan was pressed.
      expect(requested().filter((path) => LOADED_ON_SCAN.test(path))).toEqual([
        expect.stringMatching(/^\/build\/.*qr-code-reader.*\.js$/),
        expect.stringMatching(/^\/build\/_assets\/zxing_reader-[A-Z0-9]+\.wasm$/),
      ]);
      await context.close();

      // The same phone where the camera was not allowed: the browser refuses, the page says so and points to the name search.
      const refused = await openCheckIn(browser, event.id, "sr-Cyrl");
      const checkin = sr.invitations.checkin;
      await refused.page.getByRole("button", { name: latinToCyrillic(checkin.scan) }).tap();
      const notice = refused.page.getByTestId("no-camera");
      await expect.poll(() => notice.textContent()).toContain(latinToCyrillic(checkin.cameraRefused));
      expect(await notice.getByRole("link", { name: latinToCyrillic(checkin.findByName) }).count()).toBe(1);
      expect(await e2e.db.attendance.count({ where: { eventId: event.id } })).toBe(1);
      await refused.context.close();
    }, 90_000);

    it("says so when the reader cannot be fetched (the connection dropped), and the next Scan tries again", async () => {
      const { event, invited } = await workshop(["Agim Rexhepi"]);
      const [{ person, invitation }] = invited;
      const browser = cameraBrowser ?? (await cameraFilming(await checkInQrPng(invitation.id)));
      // The camera films another invitation's code: the reader only has to load and read, not find this one.
      const { context, page } = await openCheckIn(browser, event.id, "sq", { camera: true });
      const checkin = sq.invitations.checkin;
      let connected = false;
      await page.route(/\.wasm$/, (route) => (connected ? route.continue() : route.abort("internetdisconnected")));
      const scan = page.getByRole("button", { name: checkin.scan });
      await scan.tap();
      await expect.poll(() => page.getByRole("alert").textContent()).toBe(checkin.readerFailed);
      await scan.waitFor();
      expect(await page.locator("video").count()).toBe(0);
      connected = true;
      await scan.tap();
      // Read this time: the code filmed is another event's, so the page says that, and nobody is checked in.
      await expect.poll(() => page.getByRole("alert").textContent(), { timeout: 20_000 }).toBe(checkin.unknownCode);
      expect(await e2e.db.attendance.count({ where: { eventId: event.id, personId: person.id } })).toBe(0);
      await context.close();
    }, 90_000);

    it("uses the browser's own BarcodeDetector where it reads QR codes, and then fetches no reader", async () => {
      const { event, invited } = await workshop(["Besa Krasniqi"]);
      const [{ person, invitation }] = invited;
      const browser = cameraBrowser ?? (await cameraFilming(await checkInQrPng(invitation.id)));
      const code = checkInCode(invitation.id);
      // A stand-in for Chrome on Android's detector: it answers with the code of this invitation, and counts its calls.
      const { context, page, requested } = await openCheckIn(browser, event.id, "en", {
        camera: true,
        beforeLoad: (page) =>
          page.addInitScript((code) => {
            const calls = { supported: 0, detect: 0, source: "" };
            Object.assign(window, {
              detectorCalls: calls,
              BarcodeDetector: class {
                static async getSupportedFormats() {
                  calls.supported++;
                  return ["qr_code", "ean_13"];
                }
                async detect(source: Element) {
                  calls.detect++;
                  calls.source = source.tagName;
                  return [{ rawValue: code }];
                }
              },
            });
          }, code),
      });
      await page.getByRole("button", { name: en.invitations.checkin.scan }).tap();
      await expect.poll(() => e2e.db.attendance.findMany({ where: { eventId: event.id }, select: { personId: true, method: true } })).toEqual([{ personId: person.id, method: "QR" }]);
      const calls = await page.evaluate(() => (window as unknown as { detectorCalls: { supported: number; detect: number; source: string } }).detectorCalls);
      expect(calls).toEqual({ supported: 1, detect: 1, source: "VIDEO" });
      expect(requested().filter((path) => LOADED_ON_SCAN.test(path))).toEqual([]);
      await context.close();
    }, 90_000);
  });
});
