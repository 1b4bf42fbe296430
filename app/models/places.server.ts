import { prisma } from "~/db.server";
import type { Locale } from "~/utils/i18n";
import { municipalityName, placeName } from "~/utils/names";
import type { Choice, ClusterChoice } from "~/utils/choices";

/**
 * The reference data that forms and filters offer (clusters and their
 * municipalities, organisations, commissions, themes), loaded and put in the
 * reader's language in one place. Pages send the browser these small
 * `{ id, name }` lists, never whole rows.
 */

/** Clusters with their municipalities, as the municipality select groups them. */
export async function clusterChoices(locale: Locale): Promise<ClusterChoice[]> {
  const clusters = await prisma.cluster.findMany({
    orderBy: { nameEn: "asc" },
    select: { id: true, nameEn: true, nameSq: true, nameSr: true, municipalities: { orderBy: { nameSq: "asc" }, select: { id: true, nameEn: true, nameSq: true, nameSr: true } } },
  });
  return clusters.map((cluster) => ({
    id: cluster.id,
    name: placeName(cluster, locale),
    municipalities: cluster.municipalities.map((m) => ({ id: m.id, name: municipalityName(m, locale) })),
  }));
}

/** Every municipality, in the order of their Albanian names (one flat list, where clusters do not matter). */
export async function municipalityChoices(locale: Locale): Promise<Choice[]> {
  const municipalities = await prisma.municipality.findMany({ orderBy: { nameSq: "asc" }, select: { id: true, nameEn: true, nameSq: true, nameSr: true } });
  return municipalities.map((m) => ({ id: m.id, name: municipalityName(m, locale) }));
}

/** Organisations by name. */
export async function organisationChoices(): Promise<Choice[]> {
  return prisma.organisation.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}

/** The label of a commission wherever one is offered: its name and its municipality. */
export function commissionLabel(commission: { name: string; municipality: { nameEn: string; nameSq: string; nameSr: string } }, locale: Locale): string {
  return `${commission.name} (${placeName(commission.municipality, locale)})`;
}

/** Commissions, by municipality and then name. */
export async function commissionChoices(locale: Locale): Promise<Choice[]> {
  const commissions = await prisma.commission.findMany({
    orderBy: [{ municipality: { nameSq: "asc" } }, { name: "asc" }],
    select: { id: true, name: true, municipality: { select: { nameEn: true, nameSq: true, nameSr: true } } },
  });
  return commissions.map((c) => ({ id: c.id, name: commissionLabel(c, locale) }));
}

/** Themes in their order; archived ones only when asked (a record may still name one). */
export async function themeChoices(locale: Locale, options: { archived?: boolean } = {}): Promise<Choice[]> {
  const themes = await prisma.theme.findMany({
    where: options.archived ? {} : { archived: false },
    orderBy: { sortOrder: "asc" },
    select: { id: true, nameEn: true, nameSq: true, nameSr: true },
  });
  return themes.map((theme) => ({ id: theme.id, name: placeName(theme, locale) }));
}
