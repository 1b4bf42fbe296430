import { randomUUID } from "node:crypto";
import { prisma } from "~/db.server";
import type { CheckInMethod, Community, EventStatus, EventType, Gender, InvitationStatus, OrganisationType } from "~/generated/prisma/enums";
import { COMMUNITIES, GENDERS, ORGANISATION_TYPES } from "~/utils/directory";
import { EVENT_TYPES } from "~/utils/events";

/** A small seeded random generator (mulberry32), so that a failing data set can be made again from its seed. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  /** One of the items, or null with the given chance. */
  const maybe = <T>(items: readonly T[], nullChance: number): T | null => (next() < nullChance ? null : pick(items));
  return { next, int, pick, maybe };
}
export type RandomSource = ReturnType<typeof randomSource>;

const DAY = 86_400_000;

function dayOf(date: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Belgrade", year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}

/**
 * Adds a random programme to the test database (which must hold the seeded
 * places and themes): events of every type and status over a year, some
 * starting at the same moment (ties are broken by id, and some ids are made
 * to sort differently by byte and by a language's collation), people with
 * random gender, community, municipality and organisation type (each
 * sometimes missing, some erased), invitations in every state, attendance
 * on random days of each event (walk-ins included), feedback, and sessions
 * with check-ins of people present on their days. Stops adding
 * attendance at `attendance` rows. Returns the events it made.
 */
export async function addRandomProgramme(random: RandomSource, size: { events: number; people: number; attendance: number }) {
  const municipalities = await prisma.municipality.findMany({ orderBy: { slug: "asc" } });
  const themes = await prisma.theme.findMany({ orderBy: { slug: "asc" } });
  const organisations = await Promise.all(
    ORGANISATION_TYPES.map((type: OrganisationType) =>
      prisma.organisation.create({ data: { name: `Organisation ${type} ${randomUUID().slice(0, 8)}`, type, searchText: "" } }),
    ),
  );
  organisations.push(...(await prisma.organisation.findMany()));

  const people = Array.from({ length: size.people }, (_, i) => ({
    id: randomUUID(),
    name: `Person ${i}`,
    email: `report-${randomUUID()}@example.org`,
    gender: random.maybe<Gender>(GENDERS, 0.1),
    community: random.maybe<Community>(COMMUNITIES, 0.1),
    // Few places, so that some groups are small and some large.
    municipalityId: random.maybe(municipalities.slice(0, 6), 0.1)?.id ?? null,
    organisationId: random.maybe(organisations, 0.2)?.id ?? null,
    erasedAt: random.next() < 0.05 ? new Date() : null,
  }));
  await prisma.person.createMany({ data: people });

  const base = Date.UTC(2027, 0, 4, 8);
  const events: Array<{ id: string; startsAt: Date; days: number }> = [];
  for (let e = 0; e < size.events; e++) {
    const place = random.pick(municipalities.slice(0, 8));
    // Every fourth event starts exactly when the one before it does.
    const startsAt = e % 4 === 3 && events.length ? events[events.length - 1].startsAt : new Date(base + random.int(360) * DAY + random.int(4) * 3_600_000);
    const days = 1 + random.int(4);
    // Ids that sort one way by bytes and another by a language's rules ("Z" before "a" in bytes only).
    const id = `${random.pick(["Zr", "ar", "c", "B-", "b_"])}${randomUUID().replace(/-/g, "").slice(0, 20)}`;
    const status = random.pick<EventStatus>(["COMPLETED", "COMPLETED", "PUBLISHED", "DRAFT", "CANCELLED"]);
    await prisma.event.create({
      data: {
        id,
        uid: `${randomUUID()}@durable`,
        type: random.pick<EventType>(EVENT_TYPES),
        status,
        clusterId: place.clusterId,
        municipalityId: place.id,
        venueName: "Hall",
        startsAt,
        endsAt: new Date(startsAt.getTime() + (days - 1) * DAY + 6 * 3_600_000),
        capacity: 40,
        translations: { create: [{ locale: "en", title: `Event ${e}` }] },
        themes: { create: themes.filter(() => random.next() < 0.3).map((t) => ({ themeId: t.id })) },
      },
    });
    events.push({ id, startsAt, days });
  }

  // Invitations: a random slice of the directory for each event, in every state, some never sent.
  const invitations: Array<{ id: string; eventId: string; personId: string; status: InvitationStatus; sentAt: Date | null }> = [];
  for (const event of events) {
    const invited = new Set(Array.from({ length: random.int(Math.min(60, size.people)) }, () => random.pick(people).id));
    for (const personId of invited) {
      const status = random.pick<InvitationStatus>(["PENDING", "ACCEPTED", "ACCEPTED", "DECLINED", "WAITLISTED", "CANCELLED"]);
      invitations.push({ id: randomUUID(), eventId: event.id, personId, status, sentAt: random.next() < 0.8 ? new Date() : null });
    }
  }
  await prisma.invitation.createMany({ data: invitations });
  const invitationOf = new Map(invitations.map((i) => [`${i.eventId}/${i.personId}`, i.id]));

  // Attendance: people on random days of random events until the rows run out; the uninvited are walk-ins.
  const rows: Array<{ eventId: string; personId: string; invitationId: string | null; day: string; method: CheckInMethod; checkedInAt: Date }> = [];
  const taken = new Set<string>();
  for (let tries = 0; rows.length < size.attendance && tries < size.attendance * 20; tries++) {
    const event = random.pick(events);
    const person = random.pick(people);
    const d = random.int(event.days);
    const at = new Date(event.startsAt.getTime() + d * DAY);
    const day = dayOf(at);
    const key = `${event.id}/${person.id}/${day}`;
    if (taken.has(key)) continue;
    taken.add(key);
    const invitationId = invitationOf.get(`${event.id}/${person.id}`) ?? null;
    rows.push({ eventId: event.id, personId: person.id, invitationId, day, method: invitationId ? random.pick<CheckInMethod>(["QR", "NAME_SEARCH", "PAPER"]) : "WALK_IN", checkedInAt: at });
  }
  for (let i = 0; i < rows.length; i += 1000) await prisma.attendance.createMany({ data: rows.slice(i, i + 1000) });

  // Feedback: requests to some attendees, and anonymous answers with and without texts.
  for (const event of events) {
    const attendees = [...new Set(rows.filter((r) => r.eventId === event.id).map((r) => r.personId))];
    const asked = attendees.filter(() => random.next() < 0.5);
    await prisma.feedbackRequest.createMany({ data: asked.map((personId) => ({ eventId: event.id, personId, tokenHash: randomUUID() })) });
    const answers = asked.filter(() => random.next() < 0.6).map(() => ({
      eventId: event.id,
      satisfaction: 1 + random.int(5),
      learnt: random.pick(["", " ", "How to apply for housing.", "Documents"]),
      improve: random.pick(["", "More time.", "  "]),
    }));
    await prisma.feedbackResponse.createMany({ data: answers });
  }

  // Sessions: up to three per event on its days (some two at the same time, in two rooms), and check-ins
  // to them for a share of the people present that day (none for some sessions; a session check-in always has its day).
  const sessions: Array<{ id: string; eventId: string; title: string; startsAt: Date; endsAt: Date; room: string; day: string; share: number }> = [];
  for (const event of events) {
    for (let n = random.int(4); n > 0; n--) {
      const startsAt =
        n === 1 && sessions.length && sessions[sessions.length - 1].eventId === event.id
          ? sessions[sessions.length - 1].startsAt
          : new Date(event.startsAt.getTime() + random.int(event.days) * DAY + random.int(5) * 3_600_000);
      const id = `${random.pick(["Zs", "as", "s"])}${randomUUID().replace(/-/g, "").slice(0, 20)}`;
      sessions.push({ id, eventId: event.id, title: `Session ${sessions.length}`, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), room: `Room ${n}`, day: dayOf(startsAt), share: random.pick([0, 0.3, 0.7]) });
    }
  }
  await prisma.eventSession.createMany({ data: sessions.map(({ day: _day, share: _share, ...session }) => session) });
  const sessionRows: Array<{ sessionId: string; eventId: string; personId: string; method: CheckInMethod; checkedInAt: Date }> = [];
  for (const row of rows) {
    for (const session of sessions.filter((s) => s.eventId === row.eventId && s.day === row.day)) {
      if (random.next() < session.share) sessionRows.push({ sessionId: session.id, eventId: row.eventId, personId: row.personId, method: row.method, checkedInAt: session.startsAt });
    }
  }
  for (let i = 0; i < sessionRows.length; i += 1000) await prisma.sessionAttendance.createMany({ data: sessionRows.slice(i, i + 1000) });
  return { events, people, attendance: rows.length, sessions: sessions.length, sessionAttendance: sessionRows.length };
}
