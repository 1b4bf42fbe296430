// Data builders for the benchmarks: a programme of realistic size written
// with bulk inserts (createMany in batches) through Prisma, so that the same
// builders work on every database the app supports. Ids are made here, so
// that related rows can be inserted in bulk too.
import { randomUUID } from "node:crypto";
import type { Community, Gender, PrismaClient, Role } from "../../app/generated/prisma/client";
import { hashPassword } from "../../app/utils/password.server";
import { foldForSearch } from "../../app/utils/search";
import { createToken, hashToken } from "../../app/utils/tokens.server";

export const PROGRAMME_SIZE = { events: 50, people: 5000, invitations: 20_000, attendance: 100_000, contributions: 500 };

const FIRST = ["Arbër", "Qëndresa", "Dragan", "Jelena", "Sanije", "Đorđe", "Nermina", "Erkan", "Besa", "Živko", "Shpresa", "Miloš"];
const LAST = ["Krasniqi", "Stanković", "Berisha", "Šarić", "Hodžić", "Gashi", "Đukić", "Ismaili", "Petrović", "Sezer", "Gërguri"];
const GENDERS: Gender[] = ["WOMAN", "MAN", "WOMAN", "MAN", "PREFER_NOT_TO_SAY"];
const COMMUNITIES: Community[] = ["KOSOVO_ALBANIAN", "KOSOVO_SERB", "ROMA", "ASHKALI", "EGYPTIAN", "BOSNIAK", "GORANI", "TURKISH"];
const DAY = 86_400_000;

async function inBatches<T>(rows: T[], size: number, write: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

export async function createBenchUser(prisma: PrismaClient, user: { email: string; name: string; role: Role; password?: string }) {
  return prisma.user.create({
    data: {
      email: user.email,
      name: user.name,
      passwordHash: user.password ? await hashPassword(user.password) : "not a password",
      emailVerifiedAt: new Date(),
      roles: { create: [{ role: user.role }] },
    },
  });
}

/** People spread over the seeded municipalities and organisations, in three languages; returns their ids in order. */
export async function createPeople(prisma: PrismaClient, count: number, options: { emailPrefix?: string } = {}): Promise<string[]> {
  const municipalities = await prisma.municipality.findMany({ orderBy: { slug: "asc" } });
  const organisations = await prisma.organisation.findMany({ orderBy: { name: "asc" } });
  const prefix = options.emailPrefix ?? "person";
  const rows = Array.from({ length: count }, (_, i) => {
    const municipality = municipalities[i % municipalities.length];
    const organisation = i % 3 === 0 ? null : organisations[i % organisations.length];
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`;
    const email = `${prefix}.${i}@example.org`;
    return {
      id: randomUUID(),
      name,
      email,
      locale: ["sq", "sr", "en"][i % 3],
      municipalityId: municipality.id,
      organisationId: organisation?.id ?? null,
      gender: GENDERS[i % GENDERS.length],
      community: COMMUNITIES[i % COMMUNITIES.length],
      consentGivenAt: new Date(),
      searchText: foldForSearch(name, email, organisation?.name, municipality.nameSq, municipality.nameSr),
    };
  });
  await inBatches(rows, 1000, (batch) => prisma.person.createMany({ data: batch }));
  return rows.map((r) => r.id);
}

/** A published event (or, when it lies in the past, a completed one) of `days` days with a session a day, in three languages. */
export async function createEvent(prisma: PrismaClient, options: { startsAt: Date; days?: number; capacity: number; number?: number }) {
  const municipalities = await prisma.municipality.findMany({ orderBy: { slug: "asc" } });
  const themes = await prisma.theme.findMany({ orderBy: { sortOrder: "asc" } });
  const n = options.number ?? 0;
  const municipality = municipalities[n % municipalities.length];
  const days = options.days ?? 1;
  const { startsAt } = options;
  const past = startsAt.getTime() < Date.now();
  return prisma.event.create({
    data: {
      uid: `${randomUUID()}@durable`,
      type: (["WORKSHOP", "ROUND_TABLE", "CONFERENCE", "TRAINING"] as const)[n % 4],
      status: past ? "COMPLETED" : "PUBLISHED",
      clusterId: municipality.clusterId,
      municipalityId: municipality.id,
      venueName: "Salla e Kuvendit Komunal",
      venueAddress: "Rruga e Dëshmorëve 1",
      startsAt,
      endsAt: new Date(startsAt.getTime() + (days - 1) * DAY + 7 * 3_600_000),
      capacity: options.capacity,
      publishedAt: new Date(startsAt.getTime() - 30 * DAY),
      translations: {
        create: [
          { locale: "sq", title: `Punëtori rajonale ${n + 1}: strehimi dhe dokumentet`, description: "Për zyrtarët komunalë dhe komisionet komunale." },
          { locale: "sr", title: `Regionalna radionica ${n + 1}: stanovanje i dokumenta`, description: "Za opštinske službenike i opštinske komisije." },
          { locale: "en", title: `Regional workshop ${n + 1}: housing and documents`, description: "For municipal officials and commissions." },
        ],
      },
      themes: { create: [{ themeId: themes[n % themes.length].id }, { themeId: themes[(n + 3) % themes.length].id }] },
      sessions: {
        create: Array.from({ length: days }, (_, d) => ({
          title: `Day ${d + 1}`,
          startsAt: new Date(startsAt.getTime() + d * DAY),
          endsAt: new Date(startsAt.getTime() + d * DAY + 7 * 3_600_000),
          room: "A",
        })),
      },
    },
  });
}

/** The YYYY-MM-DD (Europe/Belgrade) of each day an event of `days` days starting at `startsAt` lasts. */
function eventDays(startsAt: Date, days: number): string[] {
  const format = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Belgrade", year: "numeric", month: "2-digit", day: "2-digit" });
  return Array.from({ length: days }, (_, d) => format.format(new Date(startsAt.getTime() + d * DAY)));
}

export type Programme = {
  trainer: { email: string; password: string };
  peopleIds: string[];
  pastEventIds: string[];
  futureEventIds: string[];
  /** Personal-link tokens of the pending invitations to future events. */
  tokens: string[];
  guideline: { id: string; slug: string; sectionIds: string[]; editorId: string };
};

/**
 * A programme of realistic size: half the events held (four days each, with
 * everyone on the list answered and attendance taken every day, walk-ins
 * included), half still to come (invitations sent and not yet answered), and
 * a guideline compiled from all accepted contributions.
 */
export async function createProgramme(prisma: PrismaClient, size = PROGRAMME_SIZE): Promise<Programme> {
  const password = "bench-password";
  const trainer = await createBenchUser(prisma, { email: "trainer@bench.test", name: "Bench Trainer", role: "TRAINER", password });
  const editor = await createBenchUser(prisma, { email: "editor@bench.test", name: "Bench Editor", role: "EDITOR" });
  const peopleIds = await createPeople(prisma, size.people);

  const DAYS = 4;
  const pastCount = Math.floor(size.events / 2);
  const invitedPerEvent = Math.floor(size.invitations / size.events);
  const attendeesPerEvent = Math.floor(size.attendance / pastCount / DAYS);
  const now = Date.now();
  const pastEventIds: string[] = [];
  const futureEventIds: string[] = [];
  const tokens: string[] = [];
  for (let e = 0; e < size.events; e++) {
    const past = e < pastCount;
    const week = past ? -(e + 1) : e - pastCount + 1;
    const startsAt = new Date(Math.floor((now + week * 7 * DAY) / DAY) * DAY + 7 * 3_600_000);
    // Capacity below the list's length, so that answers to future events also run into the waitlist.
    const event = await createEvent(prisma, { startsAt, days: DAYS, capacity: Math.floor(invitedPerEvent * 0.6), number: e });
    (past ? pastEventIds : futureEventIds).push(event.id);

    // Each event invites its own slice of the directory, wrapping around.
    const invited = Array.from({ length: invitedPerEvent }, (_, i) => peopleIds[(e * invitedPerEvent + i) % peopleIds.length]);
    const sentAt = new Date(startsAt.getTime() - 21 * DAY);
    const invitations = invited.map((personId, i) => {
      const base = { id: randomUUID(), eventId: event.id, personId, sentAt, createdById: trainer.id };
      if (past) return { ...base, status: i % 5 === 4 ? ("DECLINED" as const) : ("ACCEPTED" as const), respondedAt: sentAt };
      return { ...base, status: "PENDING" as const, respondedAt: null };
    });
    await inBatches(invitations, 1000, (batch) => prisma.invitation.createMany({ data: batch }));
    const links = invitations
      .filter((i) => i.status === "PENDING")
      .map((i) => {
        const token = createToken();
        tokens.push(token);
        return { tokenHash: hashToken(token), invitationId: i.id };
      });
    await inBatches(links, 1000, (batch) => prisma.invitationLink.createMany({ data: batch }));
    if (!past) continue;
    await inBatches(
      invitations.filter((i) => i.status === "ACCEPTED"),
      1000,
      (batch) => prisma.invitationAnswer.createMany({ data: batch.map((i) => ({ invitationId: i.id, status: "ACCEPTED" as const, channel: "LINK" as const, createdAt: sentAt })) }),
    );

    // Attendance every day: those who accepted, then walk-ins from the rest of the directory.
    const accepted = invitations.filter((i) => i.status === "ACCEPTED");
    const walkIns = Array.from({ length: Math.max(0, attendeesPerEvent - accepted.length) }, (_, i) => ({
      id: null as string | null,
      personId: peopleIds[(e * invitedPerEvent + invitedPerEvent + i) % peopleIds.length],
    }));
    const attendees = [...accepted.map((i) => ({ id: i.id as string | null, personId: i.personId })), ...walkIns].slice(0, attendeesPerEvent);
    const rows = eventDays(startsAt, DAYS).flatMap((day, d) =>
      attendees.map((a, i) => ({
        eventId: event.id,
        personId: a.personId,
        invitationId: a.id,
        day,
        method: a.id ? (i % 3 === 0 ? ("NAME_SEARCH" as const) : ("QR" as const)) : ("WALK_IN" as const),
        checkedInAt: new Date(startsAt.getTime() + d * DAY + (i % 60) * 60_000),
        checkedInById: trainer.id,
      })),
    );
    await inBatches(rows, 2000, (batch) => prisma.attendance.createMany({ data: batch }));
  }

  const guideline = await createGuideline(prisma, editor.id, size.contributions, 10);
  return { trainer: { email: trainer.email, password }, peopleIds, pastEventIds, futureEventIds, tokens, guideline: { ...guideline, editorId: editor.id } };
}

const paragraph = (n: number) =>
  `Practice ${n}: the municipal office for communities and return opened a desk where returnee families find civil registration, ` +
  `property documents, social assistance and school enrolment in one visit. Staff speak Albanian and Serbian; a Roma mediator ` +
  `joins on Tuesdays. In the first year ${n + 40} families were served and waiting times fell from weeks to days.`;

/** A guideline whose working copy places `contributions` accepted contributions evenly in `sections` sections (nothing published yet). */
export async function createGuideline(prisma: PrismaClient, authorId: string, contributions: number, sections: number) {
  const themes = await prisma.theme.findMany({ orderBy: { sortOrder: "asc" } });
  const municipalities = await prisma.municipality.findMany({ orderBy: { slug: "asc" } });
  const slug = `bench-${randomUUID().slice(0, 8)}`;
  const guideline = await prisma.guideline.create({ data: { slug, title: "Guidelines for successful integration of returnees", createdById: authorId } });
  const sectionIds = Array.from({ length: sections }, () => randomUUID());
  await prisma.guidelineSection.createMany({
    data: sectionIds.map((id, s) => ({
      id,
      guidelineId: guideline.id,
      key: `section-${s + 1}`,
      position: s + 1,
      title: `Section ${s + 1}`,
      body: `Editor's introduction to section ${s + 1}.`,
    })),
  });
  const rows = Array.from({ length: contributions }, (_, i) => ({
    id: randomUUID(),
    title: `Best practice ${i + 1}`,
    summary: `Summary of practice ${i + 1}.`,
    body: `${paragraph(i)}\n\n- what worked\n- what did not\n\n${paragraph(i + 1)}`,
    status: "ACCEPTED" as const,
    themeId: themes[i % themes.length].id,
    municipalityId: municipalities[i % municipalities.length].id,
    createdById: authorId,
    submittedAt: new Date(),
    decidedAt: new Date(),
  }));
  await inBatches(rows, 200, (batch) => prisma.contribution.createMany({ data: batch }));
  await inBatches(rows, 500, (batch) => prisma.contributionAuthor.createMany({ data: batch.map((c) => ({ contributionId: c.id, userId: authorId, isLead: true })) }));
  const placements = rows.map((c, i) => ({ sectionId: sectionIds[i % sections], contributionId: c.id, position: i }));
  await inBatches(placements, 500, (batch) => prisma.guidelinePlacement.createMany({ data: batch }));
  return { id: guideline.id, slug, sectionIds };
}
