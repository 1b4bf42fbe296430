import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import { prisma } from "~/db.server";
import { eventLocation } from "~/models/event-calendar.server";
import { formatEventTimes } from "~/models/event.server";
import { eventAttendees, formatDay } from "~/models/report.server";
import type { SessionUser } from "~/utils/auth.server";
import { formatDate } from "~/utils/dates";
import { eventText } from "~/utils/events";
import { LOCALE_TAGS, type Locale } from "~/utils/i18n";
import { translator } from "~/utils/i18n.server";
import { municipalityName } from "~/utils/names";
import { PDF_FONT, renderPdf } from "~/utils/pdf.server";
import { maySeeSensitive } from "~/utils/permissions.server";

/**
 * The attendance list a donor asks for: for each day of the event, who was
 * there, from which organisation and municipality, laid out like a signed
 * sheet. Gender and community columns only for readers allowed to see them
 * per person (the rule of docs/decisions/002). Erased people keep their line
 * (the count must match the report) without a name.
 */
export async function attendanceListPdf(viewer: Pick<SessionUser, "roles">, eventId: string, locale: Locale, now = new Date()): Promise<Buffer | null> {
  const event = await prisma.event.findUnique({
    where: { id: eventId },
    include: { translations: true, municipality: true, organisers: { include: { user: { select: { name: true } } } } },
  });
  if (!event) return null;
  const attendees = await eventAttendees(eventId);
  const t = translator(locale);
  const sensitive = maySeeSensitive(viewer);
  const days = [...new Set(attendees.flatMap((a) => a.days))].sort();
  const title = eventText(event.translations, locale).title;
  const columns = [
    { key: "number", label: t("invitations.reports.pdf.number"), width: "6%" },
    { key: "name", label: t("directory.fields.name"), width: sensitive ? "22%" : "28%" },
    { key: "organisation", label: t("directory.fields.organisation"), width: sensitive ? "22%" : "26%" },
    { key: "municipality", label: t("directory.fields.municipality"), width: sensitive ? "16%" : "20%" },
    ...(sensitive
      ? [
          { key: "gender", label: t("directory.fields.gender"), width: "9%" },
          { key: "community", label: t("directory.fields.community"), width: "11%" },
        ]
      : []),
    { key: "signature", label: t("invitations.reports.pdf.signature"), width: sensitive ? "14%" : "20%" },
  ];
  const cells = (attendee: (typeof attendees)[number], index: number): Record<string, string> => {
    const { person } = attendee;
    return {
      number: String(index + 1),
      name: person.erasedAt ? t("invitations.reports.erased") : person.name,
      organisation: person.organisation?.name ?? "",
      municipality: person.municipality ? municipalityName(person.municipality, locale) : "",
      gender: person.gender ? t(`directory.gender.${person.gender}`) : "",
      community: person.community ? t(`directory.community.${person.community}`) : "",
      signature: "",
    };
  };
  return renderPdf(() => (
    <Document title={`${t("invitations.reports.pdf.title")}: ${title}`} author="Durable" creator="Durable" language={LOCALE_TAGS[locale]}>
      <Page size="A4" orientation="landscape" style={styles.page}>
        <View fixed style={styles.header}>
          <Text style={styles.title}>{`${t("invitations.reports.pdf.title")}: ${title}`}</Text>
          <Text style={styles.meta}>{formatEventTimes(event.startsAt, event.endsAt, locale, event.timeZone)}</Text>
          <Text style={styles.meta}>{eventLocation(event, locale)}</Text>
          {event.organisers.length ? (
            <Text style={styles.meta}>{t("invitations.reports.pdf.organisers", { names: event.organisers.map((o) => o.user.name).join(", ") })}</Text>
          ) : null}
        </View>
        {days.length === 0 ? <Text>{t("invitations.reports.noAttendees")}</Text> : null}
        {days.map((day, dayIndex) => {
          const present = attendees.filter((a) => a.days.includes(day));
          return (
            <View key={day} break={dayIndex > 0} style={styles.day}>
              <Text style={styles.dayTitle}>
                {`${t("invitations.reports.pdf.dayTitle", { number: dayIndex + 1, date: formatDay(day, locale) })} · ${t("invitations.reports.pdf.present", { count: present.length })}`}
              </Text>
              <View style={[styles.row, styles.headRow]}>
                {columns.map((c) => (
                  <Text key={c.key} style={[styles.cell, { width: c.width }]}>
                    {c.label}
                  </Text>
                ))}
              </View>
              {present.map((attendee, index) => {
                const values = cells(attendee, index);
                return (
                  <View key={attendee.person.id} style={styles.row} wrap={false}>
                    {columns.map((c) => (
                      <Text key={c.key} style={[styles.cell, { width: c.width }]}>
                        {values[c.key]}
                      </Text>
                    ))}
                  </View>
                );
              })}
            </View>
          );
        })}
        <View style={styles.footer} fixed>
          <Text>{t("invitations.reports.generated", { date: formatDate(now, locale) })}</Text>
          <Text render={({ pageNumber, totalPages }) => t("invitations.reports.pdf.page", { page: pageNumber, pages: totalPages })} />
        </View>
      </Page>
    </Document>
  ));
}

const BRAND = "#0b4f6c";
const styles = StyleSheet.create({
  page: { fontFamily: PDF_FONT, fontSize: 9.5, paddingTop: 32, paddingBottom: 48, paddingHorizontal: 36, color: "#1f2933" },
  header: { marginBottom: 10 },
  title: { fontSize: 15, fontWeight: "bold", color: BRAND, marginBottom: 4 },
  meta: { fontSize: 9.5, color: "#3e4a56" },
  day: { marginTop: 8 },
  dayTitle: { fontSize: 11.5, fontWeight: "bold", marginBottom: 6 },
  row: { flexDirection: "row", borderBottomWidth: 0.75, borderBottomColor: "#9aa5b1", minHeight: 26, alignItems: "center" },
  headRow: { backgroundColor: "#e6f0f4", fontWeight: "bold", minHeight: 20 },
  cell: { paddingHorizontal: 4, paddingVertical: 3 },
  footer: { position: "absolute", bottom: 22, left: 36, right: 36, flexDirection: "row", justifyContent: "space-between", fontSize: 8, color: "#5b6470" },
});
