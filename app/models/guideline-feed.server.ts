import { prisma } from "~/db.server";
import { isLocale, LOCALE_TAGS } from "~/utils/i18n";
import { translator } from "~/utils/i18n.server";

/**
 * A guideline's versions as an Atom feed (RFC 4287), for readers who follow
 * it in a feed reader rather than by email: one entry per published version
 * of the guideline's own language, newest first, with its changelog, as the
 * subscription emails announce them. Every link is built from the public
 * address (`origin`, from APP_URL), never from a request's headers.
 */
export async function guidelineFeed(slug: string, origin: string): Promise<string | null> {
  const guideline = await prisma.guideline.findUnique({
    where: { slug },
    include: {
      versions: {
        where: { sourceVersionId: null },
        orderBy: { number: "desc" },
        select: { locale: true, number: true, title: true, summary: true, changelog: true, publishedAt: true },
      },
    },
  });
  // Translations are numbered in their own language; the feed follows the guideline's language, as the emails do.
  const versions = guideline?.versions.filter((v) => v.locale === guideline.sourceLocale) ?? [];
  if (!guideline || versions.length === 0) return null;
  const locale = isLocale(guideline.sourceLocale) ? guideline.sourceLocale : "en";
  const t = translator(locale);
  const page = `${origin}/guidelines/${encodeURIComponent(guideline.slug)}`;
  const latest = versions[0];
  const entries = versions.map((version) => {
    const url = `${page}/v/${version.number}`;
    return [
      "  <entry>",
      `    <id>${xml(url)}</id>`,
      `    <title>${xml(`${version.title}: ${t("guidelines.feed.version", { number: version.number })}`)}</title>`,
      `    <published>${version.publishedAt.toISOString()}</published>`,
      `    <updated>${version.publishedAt.toISOString()}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xml(url)}"/>`,
      `    <link rel="alternate" type="application/pdf" href="${xml(`${url}.pdf`)}"/>`,
      version.number > 1 ? `    <link rel="related" type="text/html" href="${xml(`${page}/diff?from=${version.number - 1}&to=${version.number}`)}"/>` : null,
      version.summary ? `    <summary type="text">${xml(version.summary)}</summary>` : null,
      `    <content type="text">${xml(version.changelog)}</content>`,
      "  </entry>",
    ]
      .filter((line) => line !== null)
      .join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${LOCALE_TAGS[locale]}">`,
    `  <id>${xml(page)}</id>`,
    `  <title>${xml(latest.title)}</title>`,
    latest.summary ? `  <subtitle>${xml(latest.summary)}</subtitle>` : null,
    `  <updated>${latest.publishedAt.toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(`${page}/feed.atom`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(page)}"/>`,
    `  <author><name>${xml(t("app.name"))}</name></author>`,
    `  <generator>${xml(t("app.name"))}</generator>`,
    ...entries,
    "</feed>",
    "",
  ]
    .filter((line) => line !== null)
    .join("\n");
}

/** Text for XML: markup characters escaped, and the control characters XML 1.0 cannot hold at all dropped. */
function xml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
