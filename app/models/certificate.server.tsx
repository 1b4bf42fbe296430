import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import { prisma } from "~/db.server";
import { eventLocation } from "~/models/event-calendar.server";
import { formatDay } from "~/models/report.server";
import type { SessionUser } from "~/utils/auth.server";
import { formatDate } from "~/utils/dates";
import { eventText } from "~/utils/events";
import { isLocale, LOCALE_TAGS, type Locale } from "~/utils/i18n";
import { translator } from "~/utils/i18n.server";
import { PDF_FONT, renderPdf } from "~/utils/pdf.server";
import { can } from "~/utils/permissions.server";

/**
 * Certificates of attendance: one per person and event, for anyone with at
 * least one attendance row at that event, in the person's own language (not
 * the reader's: the trainer prints it for them). Trainers and admins may
 * download anyone's, or every one of an event at once; a member only their
 * own (Person.userId).
 */

type Viewer = Pick<SessionUser, "id" | "roles">;

/** The events at which this person was checked in at least once (for "my invitations"). */
export async function attendedEventIds(personId: string): Promise<Set<string>> {
  const rows = await prisma.attendance.findMany({ where: { personId }, select: { eventId: true }, distinct: ["eventId"] });
  return new Set(rows.map((r) => r.eventId));
}

export type CertificateResult = { ok: true; pdf: Buffer; fileName: string } | { ok: false; error: "notFound" };

/**
 * The certificate, or notFound when there is none to give this viewer: no
 * such person or event, the person did not attend, was erased, or it is
 * someone else's and the viewer is not staff (a stranger learns nothing
 * about who attended what).
 */
export async function certificateFor(viewer: Viewer, eventId: string, personId: string, now = new Date()): Promise<CertificateResult> {
  const person = await prisma.person.findUnique({ where: { id: personId }, select: { id: true, name: true, locale: true, userId: true, erasedAt: true } });
  if (!person || person.erasedAt) return { ok: false, error: "notFound" };
  if (!can(viewer, "certificates:any") && person.userId !== viewer.id) return { ok: false, error: "notFound" };
  const days = await prisma.attendance.findMany({ where: { eventId, personId }, select: { day: true }, orderBy: { day: "asc" } });
  if (days.length === 0) return { ok: false, error: "notFound" };
  const event = await certificateEvent(eventId);
  if (!event) return { ok: false, error: "notFound" };
  const certificate = certificateOf(event, { ...person, days: days.map((d) => d.day) });
  const pdf = await renderPdf(() => (
    <Document title={`${certificate.t("invitations.certificate.title")}: ${person.name}`} author="Durable" creator="Durable" language={LOCALE_TAGS[certificate.locale]}>
      <CertificatePage certificate={certificate} now={now} />
    </Document>
  ));
  return { ok: true, pdf, fileName: `certificate-${fileSlug(certificate.title)}.pdf` };
}

/**
 * Every certificate of an event in one file, for staff to print after it:
 * one page per person checked in on at least one day, each the same page as
 * their own certificate, in their own language; people erased since are left
 * out. notFound for a viewer who may not have everyone's, or when nobody attended.
 */
export async function eventCertificates(viewer: Viewer, eventId: string, readerLocale: Locale, now = new Date()): Promise<CertificateResult> {
  if (!can(viewer, "certificates:any")) return { ok: false, error: "notFound" };
  const event = await certificateEvent(eventId);
  if (!event) return { ok: false, error: "notFound" };
  const rows = await prisma.attendance.findMany({
    where: { eventId, person: { erasedAt: null } },
    select: { day: true, person: { select: { id: true, name: true, locale: true } } },
    orderBy: { day: "asc" },
  });
  const people = new Map<string, { id: string; name: string; locale: string | null; days: string[] }>();
  for (const { day, person } of rows) {
    const known = people.get(person.id) ?? { ...person, days: [] };
    known.days.push(day);
    people.set(person.id, known);
  }
  if (people.size === 0) return { ok: false, error: "notFound" };
  const collator = new Intl.Collator(LOCALE_TAGS[readerLocale]);
  const certificates = [...people.values()].sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id)).map((person) => certificateOf(event, person));
  const title = eventText(event.translations, readerLocale).title;
  const pdf = await renderPdf(() => (
    <Document title={translator(readerLocale)("invitations.certificate.allTitle", { title })} author="Durable" creator="Durable" language={LOCALE_TAGS[readerLocale]}>
      {certificates.map((certificate) => (
        <CertificatePage key={certificate.personId} certificate={certificate} now={now} />
      ))}
    </Document>
  ));
  return { ok: true, pdf, fileName: `certificates-${fileSlug(title)}.pdf` };
}

function certificateEvent(eventId: string) {
  return prisma.event.findUnique({
    where: { id: eventId },
    include: { translations: true, municipality: true, organisers: { include: { user: { select: { name: true } } } } },
  });
}

type CertificateEvent = NonNullable<Awaited<ReturnType<typeof certificateEvent>>>;

/** What one certificate says, in the person's language (Albanian when theirs is not known). */
function certificateOf(event: CertificateEvent, person: { id: string; name: string; locale: string | null; days: string[] }) {
  const locale: Locale = isLocale(person.locale) ? person.locale : "sq";
  return {
    personId: person.id,
    name: person.name,
    locale,
    t: translator(locale),
    title: eventText(event.translations, locale).title,
    place: eventLocation(event, locale),
    dates: person.days.map((day) => formatDay(day, locale)),
    organisers: event.organisers.map((o) => o.user.name).sort((a, b) => a.localeCompare(b, LOCALE_TAGS[locale])),
  };
}

function CertificatePage({ certificate, now }: { certificate: ReturnType<typeof certificateOf>; now: Date }) {
  const { t, name, title, place, dates, organisers, locale } = certificate;
  return (
    <Page size="A4" orientation="landscape" style={styles.page}>
      <View style={styles.frame}>
        <Text style={styles.kicker}>{t("app.name").toUpperCase()}</Text>
        <Text style={styles.programme}>{t("invitations.certificate.programme")}</Text>
        <Text style={styles.title}>{t("invitations.certificate.title")}</Text>
        <Text style={styles.line}>{t("invitations.certificate.certifies")}</Text>
        <Text style={styles.name}>{name}</Text>
        <Text style={styles.line}>{t("invitations.certificate.attended")}</Text>
        <Text style={styles.event}>{title}</Text>
        <Text style={styles.line}>{t("invitations.certificate.heldIn", { place })}</Text>
        <Text style={styles.line}>{t("invitations.certificate.days", { count: dates.length, dates: dates.join(", ") })}</Text>
        {organisers.length ? <Text style={styles.line}>{t("invitations.certificate.organisers", { names: organisers.join(", ") })}</Text> : null}
        <View style={styles.footer}>
          <Text>{t("invitations.certificate.issued", { date: formatDate(now, locale) })}</Text>
          <View style={styles.signature}>
            <Text> </Text>
          </View>
        </View>
      </View>
    </Page>
  );
}

function fileSlug(title: string) {
  return (title || "event").normalize("NFD").replace(/[^\w]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase().slice(0, 40) || "event";
}

const BRAND = "#0b4f6c";
const styles = StyleSheet.create({
  page: { fontFamily: PDF_FONT, padding: 28, color: "#1f2933" },
  frame: { flexGrow: 1, borderWidth: 3, borderColor: BRAND, paddingVertical: 36, paddingHorizontal: 56, alignItems: "center" },
  kicker: { fontSize: 11, color: BRAND, fontWeight: "bold", letterSpacing: 2 },
  programme: { fontSize: 10, color: "#5b6470", marginTop: 4, marginBottom: 26 },
  title: { fontSize: 28, fontWeight: "bold", color: BRAND, marginBottom: 22, textAlign: "center" },
  line: { fontSize: 12.5, marginBottom: 8, textAlign: "center" },
  name: { fontSize: 24, fontWeight: "bold", marginBottom: 12, marginTop: 4, textAlign: "center" },
  event: { fontSize: 17, fontWeight: "bold", marginBottom: 10, textAlign: "center" },
  footer: { marginTop: "auto", width: "100%", flexDirection: "row", justifyContent: "space-between", alignItems: "flex-end", fontSize: 10, color: "#5b6470" },
  signature: { width: 180, borderBottomWidth: 1, borderBottomColor: "#5b6470" },
});
