// The JavaScript the main pages make the browser load, from the client
// build alone: `npx remix build && npm run bench:js`. No server or database;
// the figures are bytes, the same on every machine for the same build
// (scripts/bench/page-scripts.ts says what is counted). A second table gives
// the file of messages a page fetches besides, one language's (the page's).
// `--files` lists each page's files too. test/page-scripts.test.ts holds the
// log-in and invitation pages to their budget.
import { gzipSync } from "node:zlib";
import { LOCALES } from "../app/utils/i18n";
import { messagesFile } from "../app/utils/i18n.server";
import { markdownTable } from "./bench/measure";
import { pageScripts, readBuildManifest } from "./bench/page-scripts";
import { requireBuild } from "./bench/app";

requireBuild();
const BUILD = "public/build";
const manifest = readBuildManifest(BUILD);
const pages: Array<[string, string]> = [
  ["log-in", "/login"],
  ["invitation (personal link, no account)", "/invitation/<token>"],
  ["dashboard", "/dashboard"],
  ["event list", "/events"],
  ["event page", "/events/<id>"],
  ["check-in at the door", "/events/<id>/checkin"],
  ["directory", "/people"],
  ["published guideline", "/guidelines/<slug>"],
];
const kB = (bytes: number) => (bytes / 1024).toFixed(1);
const rows: string[][] = [];
const listings: string[] = [];
for (const [label, shown] of pages) {
  // Any value matches a dynamic segment; the files do not depend on it.
  const path = shown.replace(/<[a-z]+>/g, "x1");
  const page = pageScripts(BUILD, path, manifest);
  rows.push([label, shown, String(page.files.length), kB(page.raw), kB(page.gzip)]);
  const files = [...page.files].sort((a, b) => b.gzip - a.gzip).map((file) => `  ${kB(file.gzip).padStart(6)} kB gzip  ${kB(file.raw).padStart(7)} kB  ${file.url}`);
  listings.push(`${shown} (${page.routes.join(" > ")})\n${files.join("\n")}`);
}
console.log(markdownTable(["page", "path", "script files", "JS raw kB", "JS gzip kB"], rows, ["left", "left", "right", "right", "right"]));
const messageRows = LOCALES.map((locale) => {
  const file = messagesFile(locale);
  const body = Buffer.from(file.body);
  return [locale, `/locales/${file.name}`, kB(body.length), kB(gzipSync(body, { level: 6 }).length)];
});
console.log(`\nMessages, one language per page (fetched once, then kept by the browser):\n`);
console.log(markdownTable(["language", "file", "raw kB", "gzip kB"], messageRows, ["left", "left", "right", "right"]));
if (process.argv.includes("--files")) console.log(`\n${listings.join("\n\n")}`);
