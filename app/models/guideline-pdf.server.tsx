import { Document, Image, Link, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import { printedCover, type PrintedCover } from "~/models/guideline-cover.server";
import type { ReadableVersion } from "~/models/guideline-version.server";
import { formatDate } from "~/utils/dates";
import type { Locale } from "~/utils/i18n";
import { translator } from "~/utils/i18n.server";
import { markdownBlocks, type TextBlock, type TextRun } from "~/utils/markdown.server";
import { shownVersion, type ShownSegment } from "~/models/guideline-text.server";
import { municipalityName } from "~/utils/names";
import { PDF_FONT, renderPdf } from "~/utils/pdf.server";

/**
 * A guideline version as a printable document: cover, contents, changelog,
 * the sections, and the credits. Text is drawn, never interpreted, so what
 * contributors write cannot do anything in a PDF reader. The standard PDF
 * fonts have no Cyrillic (Serbian would come out as garbage), so DejaVu Sans
 * is embedded, with its bold and oblique faces for emphasis. Only Serbian
 * text is transliterated for Cyrillic readers; contributions and untranslated
 * stretches in English or Albanian are printed as written (DejaVu Sans has
 * every letter of the three languages in both scripts).
 */
// Fonts (DejaVu Sans, for Cyrillic) and the one-at-a-time rendering are shared: app/utils/pdf.server.ts.
const FAMILY = PDF_FONT;

const BRAND = "#0b4f6c";
const styles = StyleSheet.create({
  page: { fontFamily: FAMILY, fontSize: 10.5, lineHeight: 1.5, color: "#1f2933", paddingTop: 56, paddingBottom: 64, paddingHorizontal: 62 },
  cover: { fontFamily: FAMILY, padding: 0, color: "#1f2933" },
  coverBand: { backgroundColor: BRAND, height: 14 },
  coverBody: { paddingHorizontal: 62, paddingTop: 120, flexGrow: 1 },
  logoRow: { flexDirection: "row", flexWrap: "wrap", alignItems: "center", paddingHorizontal: 62, paddingTop: 36, gap: 24 },
  logo: { height: 48, maxWidth: 150, objectFit: "contain" },
  disclaimer: { marginHorizontal: 62, marginBottom: 16, padding: 10, fontSize: 9, lineHeight: 1.45, color: "#3e4a56", borderWidth: 0.5, borderColor: "#c5ccd4" },
  // No letter spacing: spaced capitals were copied out of the PDF as single letters.
  coverKicker: { fontSize: 11, color: BRAND, fontWeight: "bold", marginBottom: 18 },
  coverTitle: { fontSize: 28, fontWeight: "bold", lineHeight: 1.25, marginBottom: 18 },
  coverSummary: { fontSize: 12, lineHeight: 1.5, color: "#3e4a56", marginBottom: 36 },
  coverMeta: { fontSize: 11, color: "#5b6470" },
  coverFooter: { paddingHorizontal: 62, paddingBottom: 48, fontSize: 9, color: "#5b6470" },
  h1: { fontSize: 18, fontWeight: "bold", color: BRAND, marginBottom: 14 },
  sectionTitle: { fontSize: 16, fontWeight: "bold", color: BRAND, marginBottom: 10 },
  tocRow: { flexDirection: "row", marginBottom: 5, fontSize: 11 },
  tocNumber: { width: 24, color: "#5b6470" },
  tocLink: { flex: 1, color: "#1f2933", textDecoration: "none" },
  tocPage: { width: 36, textAlign: "right", color: "#5b6470" },
  header: { position: "absolute", top: 24, left: 62, right: 62, flexDirection: "row", justifyContent: "space-between", fontSize: 8.5, color: "#5b6470", borderBottomWidth: 0.5, borderBottomColor: "#c5ccd4", paddingBottom: 4 },
  colophonRow: { marginBottom: 8 },
  changelog: { marginTop: 24, padding: 12, backgroundColor: "#f4f6f8", borderLeftWidth: 3, borderLeftColor: BRAND },
  label: { fontWeight: "bold", marginBottom: 4 },
  // Headings inside a section: a practice's title (level 3), then the headings of its text below it.
  h3: { fontSize: 13, fontWeight: "bold", marginTop: 12, marginBottom: 4 },
  h4: { fontSize: 11.5, fontWeight: "bold", marginTop: 8, marginBottom: 3 },
  h5: { fontSize: 10.5, fontWeight: "bold", fontStyle: "italic", marginTop: 6, marginBottom: 2 },
  paragraph: { marginBottom: 6, textAlign: "justify" },
  item: { flexDirection: "row", marginBottom: 3 },
  quote: { marginBottom: 6, paddingLeft: 10, borderLeftWidth: 2, borderLeftColor: "#c5ccd4", color: "#3e4a56" },
  code: { marginBottom: 6, padding: 6, backgroundColor: "#f4f6f8", fontSize: 9 },
  sources: { marginTop: 8, paddingTop: 6, borderTopWidth: 0.5, borderTopColor: "#c5ccd4", fontSize: 9, color: "#5b6470" },
  creditRow: { marginBottom: 8 },
  creditTitle: { fontWeight: "bold" },
  creditMeta: { fontSize: 9.5, color: "#5b6470" },
  // Placed from the top: an absolute element placed with "bottom" was not drawn at all (react-pdf 4.9). A4 is 841.89 points high.
  footer: { position: "absolute", top: 800, left: 62, right: 62, flexDirection: "row", justifyContent: "space-between", fontSize: 8.5, color: "#5b6470" },
});

/** Bold and italic stretches as the font's bold and oblique faces. */
function Runs({ runs }: { runs: TextRun[] }) {
  return runs.map((run, i) =>
    run.bold || run.italic ? (
      <Text key={i} style={{ ...(run.bold ? { fontWeight: "bold" } : {}), ...(run.italic ? { fontStyle: "italic" } : {}) }}>
        {run.text}
      </Text>
    ) : (
      run.text
    ),
  );
}

function Block({ block }: { block: TextBlock }) {
  switch (block.kind) {
    case "heading":
      return (
        <Text style={block.level <= 3 ? styles.h3 : block.level === 4 ? styles.h4 : styles.h5} minPresenceAhead={40}>
          <Runs runs={block.runs} />
        </Text>
      );
    case "item":
      return (
        <View style={{ ...styles.item, paddingLeft: 12 * Math.max(0, block.depth - 1) }} wrap={false}>
          <Text style={{ width: 16 }}>{block.marker}</Text>
          <Text style={{ flex: 1 }}>
            <Runs runs={block.runs} />
          </Text>
        </View>
      );
    case "quote":
      return (
        <Text style={styles.quote}>
          <Runs runs={block.runs} />
        </Text>
      );
    case "code":
      return <Text style={styles.code}>{block.text}</Text>;
    default:
      return (
        <Text style={styles.paragraph}>
          <Runs runs={block.runs} />
        </Text>
      );
  }
}

/** A section's stretches as blocks: each transliterated only when Serbian, a contribution's headings below its title. */
function sectionBlocks(segments: ShownSegment[]): TextBlock[] {
  return segments.flatMap((s) => markdownBlocks(s.markdown, { cyrillic: s.cyrillic, headingFloor: 3, titled: s.practice }));
}

/**
 * The contents list page numbers, which are known only once the document is
 * laid out: a first rendering notes the page each part starts on, and the
 * second prints them (the contents take the same room both times, since a
 * page number's width is fixed).
 */
export async function renderGuidelinePdf(version: ReadableVersion, locale: Locale): Promise<Buffer> {
  const cover = await printedCover(version.guidelineId, locale);
  const found: StartPages = new Map();
  await renderPdf(() => guidelineDocument(version, locale, cover, { found }));
  return renderPdf(() => guidelineDocument(version, locale, cover, { known: new Map(found) }));
}

/** The page each part of the document (a section, the credits, the colophon) starts on. */
type StartPages = Map<string, number>;

function guidelineDocument(version: ReadableVersion, locale: Locale, cover: PrintedCover, pages: { found?: StartPages; known?: StartPages }) {
  const t = translator(locale);
  const shown = shownVersion(version, locale);
  const title = shown.title.text;
  const date = formatDate(version.publishedAt, locale);
  const place = (credit: ReadableVersion["credits"][number]) =>
    credit.municipality ? municipalityName(credit.municipality, locale) : t("guidelines.reader.programmeWide");
  // The running header says which document and version a loose page is from; the footer its page.
  const footer = [
    <View key="header" style={styles.header} fixed>
      <Text style={{ flex: 1 }}>{title}</Text>
      <Text>{t("guidelines.pdf.runningVersion", { number: version.number })}</Text>
    </View>,
    <View key="footer" style={styles.footer} fixed>
      <Text>{t("guidelines.pdf.cover", { number: version.number, date })}</Text>
      <Text render={({ pageNumber, totalPages }) => t("guidelines.pdf.page", { page: pageNumber, pages: totalPages })} />
    </View>,
  ];
  /** A part's heading, which notes the page it lands on for the contents. */
  const startOf = (key: string) => ({
    render: ({ pageNumber }: { pageNumber: number }) => {
      if (!pages.found?.has(key)) pages.found?.set(key, pageNumber);
      return undefined;
    },
  });
  const pageOf = (key: string) => {
    const page = pages.known?.get(key);
    return page === undefined ? "" : String(page);
  };
  const tocRow = (key: string, number: string, label: string) => (
    <View key={key} style={styles.tocRow}>
      <Text style={styles.tocNumber}>{number}</Text>
      <Link src={`#${key}`} style={styles.tocLink}>
        {label}
      </Link>
      <Text style={styles.tocPage}>{pageOf(key)}</Text>
    </View>
  );
  const contributors = [...new Set(version.credits.flatMap((c) => c.authorNames.split(",").map((name) => name.trim())).filter(Boolean))].sort((a, b) =>
    a.localeCompare(b, locale),
  );
  return (
    <Document title={title} author="Durable" subject={shown.summary.text} language={locale} creator="Durable">
      <Page size="A4" style={styles.cover}>
        <View style={styles.coverBand} />
        {cover.donors.length || cover.partners.length ? (
          <View style={styles.logoRow}>
            {[...cover.donors, ...cover.partners].map((logo, i) => (
              <Image key={i} src={{ data: logo.data, format: logo.format }} style={styles.logo} />
            ))}
          </View>
        ) : null}
        <View style={styles.coverBody}>
          <Text style={styles.coverKicker}>{(cover.programme || t("app.name")).toUpperCase()}</Text>
          <Text style={styles.coverTitle}>{title}</Text>
          {shown.summary.text ? <Text style={styles.coverSummary}>{shown.summary.text}</Text> : null}
          <Text style={styles.coverMeta}>{t("guidelines.pdf.cover", { number: version.number, date })}</Text>
          {version.sourceVersion ? (
            <Text style={styles.coverMeta}>{t("guidelines.reader.translatedFrom", { number: version.sourceVersion.number })}</Text>
          ) : null}
        </View>
        {cover.disclaimer ? <Text style={styles.disclaimer}>{cover.disclaimer}</Text> : null}
        <Text style={styles.coverFooter}>{t("guidelines.pdf.publisher")}</Text>
      </Page>
      <Page size="A4" style={styles.page}>
        <Text style={styles.h1}>{t("guidelines.pdf.contents")}</Text>
        {shown.sections.map((section, index) => tocRow(`section-${section.key}`, `${index + 1}.`, section.title.text))}
        {tocRow("credits", "", t("guidelines.pdf.credits"))}
        {tocRow("colophon", "", t("guidelines.pdf.colophon"))}
        <View style={styles.changelog}>
          <Text style={styles.label}>{t("guidelines.pdf.changelog")}</Text>
          <Text>{shown.changelog.text}</Text>
        </View>
        {footer}
      </Page>
      {shown.sections.map((section, index) => {
        const sources = version.credits.filter((c) => c.sectionKey === section.key);
        return (
          <Page key={section.key} size="A4" style={styles.page}>
            <View id={`section-${section.key}`}>
              <Text {...startOf(`section-${section.key}`)} />
              <Text style={styles.sectionTitle}>{`${index + 1}. ${section.title.text}`}</Text>
            </View>
            {sectionBlocks(section.segments).map((block, i) => (
              <Block key={i} block={block} />
            ))}
            {sources.length ? (
              <View style={styles.sources}>
                <Text>
                  {`${t("guidelines.reader.sources")}: ` + sources.map((c) => `${shown.creditTitle(c).text} (${place(c)})`).join("; ")}
                </Text>
              </View>
            ) : null}
            {footer}
          </Page>
        );
      })}
      <Page size="A4" style={styles.page}>
        <View id="credits">
          <Text {...startOf("credits")} />
          <Text style={styles.h1}>{t("guidelines.pdf.credits")}</Text>
        </View>
        {version.credits.length === 0 ? <Text>{t("guidelines.reader.noCredits")}</Text> : null}
        {version.credits.map((credit) => (
          <View key={credit.id} style={styles.creditRow} wrap={false}>
            <Text style={styles.creditTitle}>{shown.creditTitle(credit).text}</Text>
            <Text style={styles.creditMeta}>{`${place(credit)} · ${credit.authorNames}`}</Text>
          </View>
        ))}
        {footer}
      </Page>
      <Page size="A4" style={styles.page}>
        <View id="colophon">
          <Text {...startOf("colophon")} />
          <Text style={styles.h1}>{t("guidelines.pdf.colophon")}</Text>
        </View>
        <Text style={styles.colophonRow}>{title}</Text>
        <Text style={styles.colophonRow}>{t("guidelines.pdf.colophonVersion", { number: version.number, date })}</Text>
        {version.sourceVersion ? <Text style={styles.colophonRow}>{t("guidelines.reader.translatedFrom", { number: version.sourceVersion.number })}</Text> : null}
        <Text style={styles.label}>{t("guidelines.pdf.contributors")}</Text>
        <Text style={styles.colophonRow}>{contributors.length ? contributors.join(", ") : t("guidelines.reader.noCredits")}</Text>
        {cover.programme ? <Text style={styles.colophonRow}>{cover.programme}</Text> : null}
        {cover.disclaimer ? <Text style={styles.colophonRow}>{cover.disclaimer}</Text> : null}
        <Text style={styles.colophonRow}>{t("guidelines.pdf.publisher")}</Text>
        {footer}
      </Page>
    </Document>
  );
}
