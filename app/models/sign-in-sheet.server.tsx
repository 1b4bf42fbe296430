import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import type { TFunction } from "i18next";
import { eventForCheckIn, signInSheetPeople, type CheckInSession } from "~/models/attendance.server";
import { WRITE_IN_ROWS } from "~/utils/attendance";
import { COMMUNITIES, GENDERS } from "~/utils/directory";
import { eventText } from "~/utils/events";
import { LOCALE_TAGS, type Locale } from "~/utils/i18n";
import { translator } from "~/utils/i18n.server";
import { municipalityName } from "~/utils/names";
import { PDF_FONT, renderPdf } from "~/utils/pdf.server";

/**
 * A printable sign-in sheet for one day of an event, or for one session of
 * its agenda (named under the date, with its time and room): the people still
 * invited (accepted first) with an empty cell to sign, and empty rows for
 * names written in, each with tick boxes for gender and community (short
 * labels of the programme's lists) so that walk-ins count in the donors'
 * disaggregated totals; invitees' rows have none
 * (docs/decisions/019-sign-in-sheet-disaggregation.md). In the trainer's
 * language; DejaVu Sans is embedded because the standard PDF fonts have no Cyrillic.
 */

// Fonts (DejaVu Sans, for Cyrillic) and the one-at-a-time rendering are shared: app/utils/pdf.server.ts.
const FAMILY = PDF_FONT;

const styles = StyleSheet.create({
  page: { fontFamily: FAMILY, fontSize: 10, paddingTop: 40, paddingBottom: 48, paddingHorizontal: 36, color: "#1f2933" },
  title: { fontSize: 16, fontWeight: "bold", marginBottom: 4 },
  kicker: { fontSize: 9, color: "#0b4f6c", fontWeight: "bold", letterSpacing: 1, marginBottom: 6 },
  meta: { fontSize: 10.5, marginBottom: 2 },
  table: { marginTop: 14, borderTopWidth: 1, borderLeftWidth: 1, borderColor: "#5b6470" },
  row: { flexDirection: "row", minHeight: 28 },
  head: { backgroundColor: "#e6f0f4", fontWeight: "bold", minHeight: 20 },
  cell: { borderRightWidth: 1, borderBottomWidth: 1, borderColor: "#5b6470", paddingHorizontal: 4, paddingVertical: 4, justifyContent: "center" },
  number: { width: 28 },
  name: { width: 150 },
  organisation: { width: 130 },
  municipality: { width: 90 },
  signature: { flexGrow: 1 },
  writeIn: { flexDirection: "row", minHeight: 50 },
  writeInBody: { flexGrow: 1, flexShrink: 1 },
  ticks: { flexDirection: "row", flexWrap: "wrap", alignItems: "center", fontSize: 7.5, borderRightWidth: 1, borderBottomWidth: 1, borderColor: "#5b6470", paddingHorizontal: 4, paddingVertical: 3 },
  tickGroup: { fontWeight: "bold", marginRight: 4 },
  tick: { flexDirection: "row", alignItems: "center", marginRight: 6, marginVertical: 1 },
  box: { width: 7, height: 7, borderWidth: 0.8, borderColor: "#1f2933", marginRight: 2 },
  groupGap: { width: 8 },
  note: { marginTop: 10, fontSize: 9, color: "#5b6470" },
  footer: { position: "absolute", bottom: 24, left: 36, right: 36, flexDirection: "row", justifyContent: "space-between", fontSize: 8, color: "#5b6470" },
});

/**
 * The sheet as a PDF, or null when the event is unknown, the day is not one
 * of its days, or the session (if asked) is not one of its sessions on that day.
 */
export async function renderSignInSheet(eventId: string, day: string, locale: Locale, sessionId?: string | null): Promise<Buffer | null> {
  const event = await eventForCheckIn(eventId);
  if (!event || !event.days.includes(day)) return null;
  const session = sessionId ? event.sessions.find((s) => s.id === sessionId && s.day === day) : null;
  if (sessionId && !session) return null;
  const people = await signInSheetPeople(eventId);
  return renderPdf(() => sheetDocument(event, day, session ?? null, people, locale));
}

type SheetEvent = NonNullable<Awaited<ReturnType<typeof eventForCheckIn>>>;
type SheetPerson = Awaited<ReturnType<typeof signInSheetPeople>>[number];

function sheetDocument(event: SheetEvent, day: string, session: CheckInSession | null, people: SheetPerson[], locale: Locale) {
  const t = translator(locale);
  const title = eventText(event.translations, locale).title;
  const date = new Intl.DateTimeFormat(LOCALE_TAGS[locale], { dateStyle: "full", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));
  const time = new Intl.DateTimeFormat(LOCALE_TAGS[locale], { timeStyle: "short", hourCycle: "h23", timeZone: event.timeZone });
  const sessionLine = session ? [`${session.title}, ${time.format(session.startsAt)}–${time.format(session.endsAt)}`, session.room].filter(Boolean).join(", ") : null;
  const venue = [event.venueName, event.venueAddress, municipalityName(event.municipality, locale)].filter(Boolean).join(", ");
  const header = (
    <View style={[styles.row, styles.head]} fixed>
      <Text style={[styles.cell, styles.number]}>{t("invitations.checkin.sheet.number")}</Text>
      <Text style={[styles.cell, styles.name]}>{t("directory.fields.name")}</Text>
      <Text style={[styles.cell, styles.organisation]}>{t("directory.fields.organisation")}</Text>
      <Text style={[styles.cell, styles.municipality]}>{t("directory.fields.municipality")}</Text>
      <Text style={[styles.cell, styles.signature]}>{t("invitations.checkin.sheet.signature")}</Text>
    </View>
  );
  const listed = people.map((p) => ({ name: p.name, organisation: p.organisation?.name ?? "", municipality: p.municipality ? municipalityName(p.municipality, locale) : "" }));
  const cells = (row: { name: string; organisation: string; municipality: string }) => (
    <>
      <Text style={[styles.cell, styles.name]}>{row.name}</Text>
      <Text style={[styles.cell, styles.organisation]}>{row.organisation}</Text>
      <Text style={[styles.cell, styles.municipality]}>{row.municipality}</Text>
      <Text style={[styles.cell, styles.signature]}>{""}</Text>
    </>
  );
  return (
    <Document title={`${t("invitations.checkin.sheet.title")}: ${title}`} author="Durable" language={locale} creator="Durable">
      <Page size="A4" style={styles.page}>
        <Text style={styles.kicker}>{t("invitations.checkin.sheet.title").toUpperCase()}</Text>
        <Text style={styles.title}>{title}</Text>
        <Text style={styles.meta}>{t("invitations.checkin.sheet.date", { date })}</Text>
        {sessionLine ? <Text style={styles.meta}>{t("invitations.checkin.sheet.session", { session: sessionLine })}</Text> : null}
        <Text style={styles.meta}>{t("invitations.checkin.sheet.venue", { venue })}</Text>
        <View style={styles.table}>
          {header}
          {listed.map((row, index) => (
            <View key={index} style={styles.row} wrap={false}>
              <Text style={[styles.cell, styles.number]}>{String(index + 1)}</Text>
              {cells(row)}
            </View>
          ))}
          {Array.from({ length: WRITE_IN_ROWS }, (_, index) => (
            <View key={`write-in-${index}`} style={styles.writeIn} wrap={false}>
              <Text style={[styles.cell, styles.number]}>{String(listed.length + index + 1)}</Text>
              <View style={styles.writeInBody}>
                <View style={styles.row}>{cells({ name: "", organisation: "", municipality: "" })}</View>
                <TickBoxes t={t} />
              </View>
            </View>
          ))}
        </View>
        <Text style={styles.note}>{t("invitations.checkin.sheet.writeIn")}</Text>
        <Text style={styles.note}>{t("invitations.checkin.sheet.ticksNote")}</Text>
        <View style={styles.footer} fixed>
          <Text>{[title, date, session?.title].filter(Boolean).join(" · ")}</Text>
          <Text render={({ pageNumber, totalPages }) => t("invitations.checkin.sheet.page", { page: pageNumber, pages: totalPages })} />
        </View>
      </Page>
    </Document>
  );
}

/** A written-in row's tick boxes: gender, then community, each value with its short label. */
function TickBoxes({ t }: { t: TFunction }) {
  const group = (label: string, values: readonly string[], prefix: string) => [
    <Text key={`${prefix}-label`} style={styles.tickGroup}>{`${label}:`}</Text>,
    ...values.map((value) => (
      <View key={`${prefix}-${value}`} style={styles.tick}>
        <View style={styles.box} />
        <Text>{t(`invitations.checkin.sheet.${prefix}.${value}`)}</Text>
      </View>
    )),
  ];
  return (
    <View style={styles.ticks}>
      {group(t("directory.fields.gender"), GENDERS, "gender")}
      <View style={styles.groupGap} />
      {group(t("directory.fields.community"), COMMUNITIES, "community")}
    </View>
  );
}
