import ICAL from "ical.js";
import { DateTime } from "luxon";
import { prisma } from "~/db.server";
import type { EventInput } from "~/models/event.server";

/** A valid event form for a municipality of the seeded places: a workshop in Gjilan/Gnjilane by default. */
export async function eventInput(overrides: Partial<EventInput> = {}): Promise<EventInput> {
  const municipality = await prisma.municipality.findUniqueOrThrow({ where: { slug: "gjilan" } });
  return {
    type: "WORKSHOP",
    municipalityId: municipality.id,
    venueName: "Municipal hall",
    venueAddress: "Rruga e Dëshmorëve 1",
    start: { date: "2027-03-10", time: "10:00" },
    end: { date: "2027-03-10", time: "14:00" },
    capacity: 20,
    isPublic: false,
    translations: {
      en: { title: "Return workshop", description: "Working together on reintegration." },
      sq: { title: "Punëtori për kthimin", description: "Punojmë së bashku për riintegrimin." },
      sr: { title: "Radionica o povratku", description: "Zajedno radimo na reintegraciji." },
    },
    themeIds: [],
    organiserIds: [],
    facilitatorIds: [],
    ...overrides,
  };
}

export type ParsedEntry = {
  method: string | null;
  uid: string;
  sequence: number;
  status: string | null;
  summary: string;
  description: string;
  location: string;
  start: DateTime;
  end: DateTime;
  attendees: string[];
};

/** Parses an .ics text with ical.js, the independent parser; times come back in Europe/Belgrade. */
export function parseCalendar(text: string): ParsedEntry[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const method = (calendar.getFirstPropertyValue("method") as string | null) ?? null;
  return calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    const toLocal = (time: ICAL.Time) => DateTime.fromJSDate(time.toJSDate(), { zone: "Europe/Belgrade" });
    return {
      method,
      uid: event.uid,
      sequence: Number(vevent.getFirstPropertyValue("sequence") ?? 0),
      status: (vevent.getFirstPropertyValue("status") as string | null) ?? null,
      summary: event.summary,
      description: event.description ?? "",
      location: event.location ?? "",
      start: toLocal(event.startDate),
      end: toLocal(event.endDate),
      attendees: vevent.getAllProperties("attendee").map((p) => String(p.getFirstValue())),
    };
  });
}
