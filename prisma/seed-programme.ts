// The demo programme: in each cluster a few events (past and in the coming
// weeks, relative to the day the seed first runs) with agendas, invitations
// of the demo stakeholders with their answers, attendance at past events, the
// demo member's contributions in every state of review, and a published
// guideline with two versions and an Albanian translation. Written through
// the app's models (so the rules hold), except attendance rows.
// Idempotent: events are found by a fixed calendar UID, invitations by
// (event, person), attendance by (event, person, day), contributions by
// title and writer, the guideline by its address. No email leaves: demo
// invitations are recorded as sent without a message, and the review emails
// the models queue for the demo accounts are removed again.
import { DateTime } from "luxon";
import { prisma } from "~/db.server";
import { databaseUrl, sqliteFilePath } from "~/db-adapter.server";
import type { EventType } from "~/generated/prisma/enums";
import {
  commentOnContribution,
  createContribution,
  decideContribution,
  startReview,
  submitContribution,
} from "~/models/contribution.server";
import { createEvent, completeEndedEvents, publishEvent, saveSession } from "~/models/event.server";
import { readFile } from "node:fs/promises";
import { addLogo, saveCoverTexts } from "~/models/guideline-cover.server";
import { addSection, createGuideline, placeContribution, updateSection } from "~/models/guideline.server";
import { publishTranslation, publishVersion } from "~/models/guideline-version.server";
import { answerInvitation } from "~/models/invitation.server";
import { DEFAULT_TIME_ZONE } from "~/utils/dates";
import { DEMO_USERS } from "./seed-data";

const ZONE = DEFAULT_TIME_ZONE;
const BASE_URL = "http://localhost:3000";
export const DEMO_GUIDELINE_SLUG = "successful-integration-of-returnees";

type Text = { title: string; description: string };
type DemoEvent = {
  key: string;
  type: EventType;
  municipality: string;
  /** Days from the day the seed runs (negative: in the past). */
  day: number;
  start: string;
  end: string;
  capacity: number;
  venue: string;
  themes: string[];
  text: { en: Text; sq: Text; sr: Text };
  agenda: Array<[start: string, end: string, title: string, room: string]>;
  /** Invitees from other municipalities of the cluster, besides the host municipality's stakeholders. */
  guests: string[];
};

export const DEMO_EVENTS: DemoEvent[] = [
  {
    key: "east-documents-workshop",
    type: "WORKSHOP",
    municipality: "gjilan",
    day: -21,
    start: "09:30",
    end: "15:30",
    capacity: 25,
    venue: "Gjilan municipal assembly hall",
    themes: ["documentation-property"],
    text: {
      en: { title: "Workshop: civil documentation for returnees", description: "How municipal offices can help returnees obtain birth certificates, ID cards and property papers quickly." },
      sq: { title: "Punëtori: dokumentet civile për të kthyerit", description: "Si mund t'i ndihmojnë zyrat komunale të kthyerit të marrin shpejt certifikatat e lindjes, letërnjoftimet dhe dokumentet e pronës." },
      sr: { title: "Radionica: lična dokumenta za povratnike", description: "Kako opštinske kancelarije mogu da pomognu povratnicima da brzo dobiju izvode iz matične knjige rođenih, lične karte i imovinska dokumenta." },
    },
    agenda: [
      ["09:30", "10:00", "Welcome and introductions", "Hall"],
      ["10:00", "12:00", "Civil registration step by step", "Hall"],
      ["13:00", "15:00", "Case work in groups", "Room 2"],
      ["15:00", "15:30", "Conclusions", "Hall"],
    ],
    guests: ["novoberde", "kamenice"],
  },
  {
    key: "east-housing-round-table",
    type: "ROUND_TABLE",
    municipality: "novoberde",
    day: 10,
    start: "10:00",
    end: "13:00",
    capacity: 6,
    venue: "Novo Brdo cultural centre",
    themes: ["housing", "participation"],
    text: {
      en: { title: "Round table: housing reconstruction in Novo Brdo", description: "Municipal commission, returnees and donors agree on the next reconstruction priorities." },
      sq: { title: "Tryezë e rrumbullakët: rindërtimi i banimit në Novobërdë", description: "Komisioni komunal, të kthyerit dhe donatorët bien dakord për prioritetet e ardhshme të rindërtimit." },
      sr: { title: "Okrugli sto: obnova stanovanja u Novom Brdu", description: "Opštinska komisija, povratnici i donatori dogovaraju naredne prioritete obnove." },
    },
    agenda: [
      ["10:00", "11:30", "Where reconstruction stands", "Main room"],
      ["11:45", "13:00", "Priorities for next year", "Main room"],
    ],
    guests: ["ranillug"],
  },
  {
    key: "south-go-and-see-dragash",
    type: "GO_AND_SEE_VISIT",
    municipality: "dragash",
    day: -9,
    start: "08:00",
    end: "17:00",
    capacity: 15,
    venue: "Dragash municipal building (departure)",
    themes: ["livelihoods", "community-integration"],
    text: {
      en: { title: "Go-and-see visit: returnee businesses in Dragash", description: "A day with Gorani and Albanian returnee families who started small businesses, and the municipality that supported them." },
      sq: { title: "Vizitë studimore: bizneset e të kthyerve në Dragash", description: "Një ditë me familje të kthyera gorane dhe shqiptare që nisën biznese të vogla, dhe me komunën që i mbështeti." },
      sr: { title: "Studijska poseta: preduzeća povratnika u Dragašu", description: "Dan sa goranskim i albanskim porodicama povratnika koje su pokrenule mala preduzeća, i sa opštinom koja ih je podržala." },
    },
    agenda: [
      ["08:00", "09:00", "Departure and briefing", "Bus"],
      ["09:30", "12:30", "Visits to three family businesses", ""],
      ["13:30", "16:30", "Meeting with the municipal commission", "Council room"],
    ],
    guests: ["prizren", "shterpce"],
  },
  {
    key: "south-education-workshop",
    type: "WORKSHOP",
    municipality: "prizren",
    day: 17,
    start: "09:00",
    end: "16:00",
    capacity: 30,
    venue: "Prizren education directorate",
    themes: ["education"],
    text: {
      en: { title: "Workshop: enrolling returnee children in school", description: "Recognition of schooling abroad, language support and the role of education mediators." },
      sq: { title: "Punëtori: regjistrimi i fëmijëve të kthyer në shkollë", description: "Njohja e shkollimit jashtë vendit, mbështetja gjuhësore dhe roli i ndërmjetësve arsimorë." },
      sr: { title: "Radionica: upis dece povratnika u školu", description: "Priznavanje školovanja u inostranstvu, jezička podrška i uloga obrazovnih medijatora." },
    },
    agenda: [
      ["09:00", "10:30", "What the law asks of schools", "Hall A"],
      ["10:45", "12:30", "Language support that works", "Hall A"],
      ["13:30", "16:00", "Trainer-led practice: an enrolment file", "Hall B"],
    ],
    guests: ["dragash"],
  },
  {
    key: "west-dialogue-round-table",
    type: "ROUND_TABLE",
    municipality: "istog",
    day: -35,
    start: "10:00",
    end: "13:30",
    capacity: 20,
    venue: "Istog Community Dialogue Centre",
    themes: ["community-integration", "protection"],
    text: {
      en: { title: "Round table: community dialogue in Istog", description: "Returnees, host community and institutions discuss what helps neighbours live together." },
      sq: { title: "Tryezë e rrumbullakët: dialogu në komunitet në Istog", description: "Të kthyerit, komuniteti pritës dhe institucionet diskutojnë çfarë i ndihmon fqinjët të jetojnë së bashku." },
      sr: { title: "Okrugli sto: dijalog u zajednici u Istoku", description: "Povratnici, zajednica domaćin i institucije razgovaraju o tome šta pomaže susedima da žive zajedno." },
    },
    agenda: [
      ["10:00", "11:30", "Voices of returnees", "Dialogue room"],
      ["11:45", "13:30", "Commitments of the institutions", "Dialogue room"],
    ],
    guests: ["kline"],
  },
  {
    key: "west-livelihoods-workshop",
    type: "WORKSHOP",
    municipality: "kline",
    day: 24,
    start: "09:30",
    end: "15:00",
    capacity: 25,
    venue: "Klina Farmers' Cooperative",
    themes: ["livelihoods"],
    text: {
      en: { title: "Workshop: cooperatives and seasonal work for returnees", description: "How the Klina cooperative brought returnee farmers into its supply chain, and how others can do the same." },
      sq: { title: "Punëtori: kooperativat dhe puna sezonale për të kthyerit", description: "Si i përfshiu kooperativa e Klinës fermerët e kthyer në zinxhirin e saj të furnizimit dhe si mund ta bëjnë të tjerët të njëjtën gjë." },
      sr: { title: "Radionica: zadruge i sezonski rad za povratnike", description: "Kako je zadruga u Klini uključila poljoprivrednike povratnike u svoj lanac snabdevanja i kako drugi mogu da urade isto." },
    },
    agenda: [
      ["09:30", "11:00", "The cooperative's story", "Barn"],
      ["11:15", "13:00", "Contracts, prices, seasons", "Barn"],
      ["14:00", "15:00", "Plans per municipality", "Barn"],
    ],
    guests: ["istog"],
  },
];

/** Answers in a fixed, varied pattern: mostly yes, some no, some not yet. */
const ANSWERS: Array<"ACCEPT" | "DECLINE" | null> = ["ACCEPT", "ACCEPT", "DECLINE", "ACCEPT", null, "ACCEPT", "ACCEPT", null, "ACCEPT", "DECLINE"];

type DemoContribution = {
  title: string;
  summary: string;
  body: string;
  theme: string;
  municipality: string;
  event?: string;
  state: "DRAFT" | "SUBMITTED" | "IN_REVIEW" | "CHANGES_REQUESTED" | "ACCEPTED" | "REJECTED";
  reason?: string;
};

export const DEMO_CONTRIBUTIONS: DemoContribution[] = [
  {
    title: "One-stop desk for returnees in Gjilan",
    summary: "Documents, social assistance and housing requests handled at one desk in the municipal building.",
    body: "Returnees used to visit five offices, often on different days. The municipality opened **one desk** staffed in turn by civil registry, social welfare and the Office for Communities and Returns.\n\n- Appointments by phone, in Albanian and Serbian\n- A checklist of documents given at the first visit\n- Follow-up call after two weeks\n\nWaiting times for civil documents fell from weeks to days.",
    theme: "documentation-property",
    municipality: "gjilan",
    event: "east-documents-workshop",
    state: "ACCEPTED",
  },
  {
    title: "Seasonal work through the farmers' cooperative",
    summary: "The Klina cooperative offers returnee families seasonal contracts and buys their produce.",
    body: "The cooperative signed seasonal contracts with **14 returnee families**. It lends seedlings in spring and buys the harvest at an agreed price.\n\nWhat made it work: a written contract in both languages, payment within ten days, and a municipal guarantee for the first year.",
    theme: "livelihoods",
    municipality: "kline",
    event: "west-dialogue-round-table",
    state: "ACCEPTED",
  },
  {
    title: "Language classes for returnee children",
    summary: "Afternoon classes help children who went to school abroad catch up.",
    body: "Teachers give two afternoon classes a week to children back from Germany and Sweden. Parents are invited once a month.",
    theme: "education",
    municipality: "prizren",
    state: "CHANGES_REQUESTED",
    reason: "A useful practice. Please add how many children took part and how the school pays the teachers, so that other municipalities can plan it.",
  },
  {
    title: "Joint housing needs assessment with a local CSO",
    summary: "The commission and the Returnee Women's Network visited every returnee household together.",
    body: "Two-person teams (one municipal officer, one CSO volunteer) visited 63 households in three weeks, using one short form.",
    theme: "housing",
    municipality: "kamenice",
    state: "SUBMITTED",
  },
  {
    title: "Mobile civil registry days in villages",
    summary: "Registry officers travel to villages once a month.",
    body: "Draft: to be completed after the next visit.",
    theme: "documentation-property",
    municipality: "novoberde",
    state: "DRAFT",
  },
  {
    title: "A returnee festival",
    summary: "A yearly festival in the town square.",
    body: "The municipality organised a festival with music and food.",
    theme: "community-integration",
    municipality: "istog",
    state: "REJECTED",
    reason: "A good event, but it does not yet say what changed for returnees or how others could repeat it. You are welcome to write it again with that.",
  },
];

const SECTIONS = [
  {
    title: "Civil documentation and property",
    body: "Without documents a returnee cannot register a child, claim assistance or prove ownership. Municipalities should make the first visit count.",
    v2: "Without documents a returnee cannot register a child, claim assistance or prove ownership. Municipalities should make the first visit count, and call back within two weeks.",
    sq: { title: "Dokumentet civile dhe prona", body: "Pa dokumente, i kthyeri nuk mund të regjistrojë fëmijën, të kërkojë ndihmë apo të dëshmojë pronësinë. Komunat duhet ta bëjnë të vlefshme vizitën e parë." },
  },
  {
    title: "Housing and shelter",
    body: "Reconstruction works best when the municipality, the family and the donor agree on priorities in writing before work begins.",
    v2: null,
    sq: { title: "Strehimi", body: "Rindërtimi funksionon më mirë kur komuna, familja dhe donatori bien dakord me shkrim për prioritetet para fillimit të punës." },
  },
  {
    title: "Access to livelihoods",
    body: "",
    v2: "Income keeps families in place. Link returnees with local employers and cooperatives rather than starting from nothing.",
    sq: { title: "Qasja në mjete jetese", body: "" },
  },
];

const DEMO_DONOR = "Demo Fund for Returns";
const DEMO_COVER = {
  en: {
    programme: "Sustainable returns and reintegration programme (demo)",
    disclaimer: `This publication was produced with the financial support of the ${DEMO_DONOR}. Its contents are the sole responsibility of the programme's partners and do not necessarily reflect the views of the ${DEMO_DONOR}.`,
  },
  sq: {
    programme: "Programi për kthim dhe riintegrim të qëndrueshëm (demo)",
    disclaimer:
      "Ky botim u realizua me mbështetjen financiare të Fondit Demo për Kthim. Përmbajtja e tij është përgjegjësi e vetme e partnerëve të programit dhe nuk pasqyron domosdoshmërisht pikëpamjet e Fondit Demo për Kthim.",
  },
  sr: {
    programme: "Program za održivi povratak i reintegraciju (demo)",
    // In Serbian words, so that Cyrillic readers get it transliterated sensibly.
    disclaimer:
      "Ova publikacija je izrađena uz finansijsku podršku Demo fonda za povratak. Za njen sadržaj isključivo su odgovorni partneri programa i on ne odražava nužno stavove Demo fonda za povratak.",
  },
};
const DEMO_LOGOS = [
  { file: "donor.png", role: "DONOR" as const, name: DEMO_DONOR },
  { file: "partner.png", role: "PARTNER" as const, name: "Municipal Returns Network (demo)" },
];

async function actors() {
  const byRole = new Map<string, { id: string; roles: string[]; email: string }>();
  for (const demo of DEMO_USERS) {
    const user = await prisma.user.findUnique({ where: { email: demo.email }, include: { roles: true } });
    if (user) byRole.set(demo.role, { id: user.id, email: user.email, roles: user.roles.map((r) => r.role) });
  }
  const [trainer, editor, member, admin] = [byRole.get("TRAINER"), byRole.get("EDITOR"), byRole.get("MEMBER"), byRole.get("ADMIN")];
  return trainer && editor && member && admin ? { trainer, editor, member, admin } : null;
}

const check = <T extends { ok: boolean }>(outcome: T, what: string): Extract<T, { ok: true }> => {
  if (!outcome.ok) throw new Error(`Demo programme: ${what} was refused: ${JSON.stringify(outcome)}`);
  return outcome as Extract<T, { ok: true }>;
};

export async function seedProgramme(url?: string, now = new Date()) {
  // The models write through the app's one client, which follows DATABASE_URL.
  if (url && sqliteFilePath(url) !== sqliteFilePath(databaseUrl())) {
    throw new Error("The demo programme is written through the app's models: seed it with DATABASE_URL set to the same database.");
  }
  const counts = { events: 0, invitations: 0, attendances: 0, contributions: 0, guidelineVersions: 0 };
  const people = await actors();
  if (!people) return counts;
  const { trainer, editor, member, admin } = people;
  const startedAt = new Date();
  const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf("day");
  const themes = new Map((await prisma.theme.findMany()).map((t) => [t.slug, t.id]));
  const municipalities = new Map((await prisma.municipality.findMany()).map((m) => [m.slug, m.id]));
  const eventIds = new Map<string, string>();

  for (const demo of DEMO_EVENTS) {
    const uid = `demo-${demo.key}@durable`;
    let event = await prisma.event.findUnique({ where: { uid } });
    if (!event) {
      const date = today.plus({ days: demo.day }).toFormat("yyyy-MM-dd");
      const created = check(
        await createEvent(trainer.id, {
          type: demo.type,
          municipalityId: municipalities.get(demo.municipality)!,
          venueName: demo.venue,
          venueAddress: "",
          start: { date, time: demo.start },
          end: { date, time: demo.end },
          capacity: demo.capacity,
          isPublic: true,
          translations: demo.text,
          themeIds: demo.themes.map((slug) => themes.get(slug)!),
          organiserIds: [trainer.id],
          facilitatorIds: [],
        }),
        `event ${demo.key}`,
      );
      // A fixed UID marks the demo event, so that the next run finds it whatever its dates.
      await prisma.event.update({ where: { id: created.eventId }, data: { uid } });
      for (const [start, end, title, room] of demo.agenda) {
        check(await saveSession(trainer.id, created.eventId, null, { title, date, start, end, room, facilitators: "" }), `session ${title}`);
      }
      check(await publishEvent(trainer.id, created.eventId), `publishing ${demo.key}`);
      event = await prisma.event.findUniqueOrThrow({ where: { id: created.eventId } });
      counts.events++;
    }
    eventIds.set(demo.key, event.id);

    const invitees = await prisma.person.findMany({
      where: {
        erasedAt: null,
        email: { endsWith: "@demo.durable.localhost" },
        municipality: { slug: { in: [demo.municipality, ...demo.guests] } },
      },
      orderBy: { email: "asc" },
    });
    // The host municipality's stakeholders, and the first three of each guest municipality.
    const chosen = [
      ...invitees.filter((p) => p.municipalityId === event.municipalityId),
      ...demo.guests.flatMap((slug) => invitees.filter((p) => p.municipalityId === municipalities.get(slug)).slice(0, 3)),
    ];
    // Invited two weeks before, or three days ago for an event that soon.
    const sentAt = new Date(Math.min(event.startsAt.getTime() - 14 * 86_400_000, now.getTime() - 3 * 86_400_000));
    for (const [index, person] of chosen.entries()) {
      const existing = await prisma.invitation.findUnique({ where: { eventId_personId: { eventId: event.id, personId: person.id } } });
      if (existing) continue;
      const invitation = await prisma.invitation.create({
        data: { eventId: event.id, personId: person.id, sentAt, createdById: trainer.id },
      });
      counts.invitations++;
      const answer = ANSWERS[index % ANSWERS.length];
      const answeredAt = new Date(sentAt.getTime() + (index + 1) * 3_600_000);
      if (answer && answeredAt < event.startsAt) {
        await answerInvitation({
          invitationId: invitation.id,
          answer,
          channel: index % 4 === 3 ? "TRAINER" : "LINK",
          recordedById: index % 4 === 3 ? trainer.id : null,
          needs: index % 6 === 1 ? { interpretation: person.locale.startsWith("sr") ? "sr" : "sq" } : undefined,
          now: answeredAt,
        });
      }
    }

    // Attendance at past events: most who accepted came (checked in by name by the trainer).
    if (event.endsAt <= now) {
      const accepted = await prisma.invitation.findMany({ where: { eventId: event.id, status: "ACCEPTED" }, orderBy: { createdAt: "asc" } });
      const day = DateTime.fromJSDate(event.startsAt, { zone: ZONE }).toFormat("yyyy-MM-dd");
      for (const [index, invitation] of accepted.entries()) {
        if (index % 5 === 4) continue; // a no-show
        const existing = await prisma.attendance.findUnique({
          where: { eventId_personId_day: { eventId: event.id, personId: invitation.personId, day } },
        });
        if (existing) continue;
        await prisma.attendance.create({
          data: {
            eventId: event.id,
            personId: invitation.personId,
            invitationId: invitation.id,
            day,
            method: "NAME_SEARCH",
            checkedInAt: new Date(event.startsAt.getTime() + (index * 3 - 10) * 60_000),
            checkedInById: trainer.id,
          },
        });
        counts.attendances++;
      }
    }
  }
  await completeEndedEvents(now);

  // Contributions of the demo member, taken through review by the demo editor.
  const contributionIds = new Map<string, string>();
  for (const demo of DEMO_CONTRIBUTIONS) {
    const existing = await prisma.contribution.findFirst({ where: { title: demo.title, createdById: member.id } });
    if (existing) {
      contributionIds.set(demo.title, existing.id);
      continue;
    }
    const { contributionId: id } = check(
      await createContribution(member, {
        title: demo.title,
        summary: demo.summary,
        body: demo.body,
        themeId: themes.get(demo.theme)!,
        municipalityId: municipalities.get(demo.municipality),
        eventId: demo.event ? eventIds.get(demo.event) : undefined,
        coAuthors: "",
        locale: "en",
      }),
      `contribution ${demo.title}`,
    );
    contributionIds.set(demo.title, id);
    counts.contributions++;
    const version = async () => (await prisma.contribution.findUniqueOrThrow({ where: { id } })).version;
    if (demo.state === "DRAFT") continue;
    check(await submitContribution(member, id, await version()), "submitting");
    if (demo.state === "SUBMITTED") continue;
    check(await startReview(editor, id, await version()), "starting the review");
    if (demo.state === "IN_REVIEW") continue;
    if (demo.state === "CHANGES_REQUESTED") {
      check(await commentOnContribution(editor, id, "Thank you, this is close to what other municipalities need.", BASE_URL), "commenting");
    }
    check(await decideContribution(editor, id, { decision: demo.state, reason: demo.reason ?? "", version: await version() }, BASE_URL), "deciding");
  }

  // The published guideline: version 1, its Albanian translation, then version 2 (so the translation shows as out of date).
  if (!(await prisma.guideline.findUnique({ where: { slug: DEMO_GUIDELINE_SLUG } }))) {
    check(
      await createGuideline(editor.id, {
        title: "Guidelines for successful integration of returnees",
        slug: DEMO_GUIDELINE_SLUG,
        summary: "What the municipalities of the programme have learnt about helping returnees settle, section by section, with the practices it came from.",
        sourceLocale: "en",
      }),
      "the guideline",
    );
    const guideline = await prisma.guideline.findUniqueOrThrow({ where: { slug: DEMO_GUIDELINE_SLUG } });
    const sectionIds: string[] = [];
    for (const section of SECTIONS) sectionIds.push(check(await addSection(editor.id, guideline.id, { title: section.title, body: section.body }), "a section").sectionId);
    check(await placeContribution(editor.id, sectionIds[0], contributionIds.get(DEMO_CONTRIBUTIONS[0].title)!), "placing");
    const revision = async () => (await prisma.guideline.findUniqueOrThrow({ where: { id: guideline.id } })).revision;
    check(await publishVersion(editor.id, guideline.id, { changelog: "First version: documentation, housing.", revision: await revision() }, BASE_URL), "version 1");
    const v1 = await prisma.guidelineVersion.findFirstOrThrow({ where: { guidelineId: guideline.id, locale: "en", number: 1 }, include: { sections: true } });
    check(
      await publishTranslation(editor.id, v1.id, {
        locale: "sq",
        title: "Udhëzime për integrimin e suksesshëm të të kthyerve",
        summary: "Çfarë kanë mësuar komunat e programit për ndihmën që të kthyerit të vendosen, seksion pas seksioni, me praktikat nga të cilat vjen.",
        changelog: "Përkthimi i versionit të parë.",
        sections: v1.sections.map((s) => {
          const source = SECTIONS.find((x) => x.title === s.title)!;
          // The placed contribution stays in its own words (English) under the translated editor text.
          return { key: s.key, title: source.sq.title, body: s.body.replace(source.body, source.sq.body) };
        }),
      }),
      "the Albanian translation",
    );
    check(await updateSection(editor.id, sectionIds[0], { title: SECTIONS[0].title, body: SECTIONS[0].v2! }), "editing");
    check(await updateSection(editor.id, sectionIds[2], { title: SECTIONS[2].title, body: SECTIONS[2].v2! }), "editing");
    check(await placeContribution(editor.id, sectionIds[2], contributionIds.get(DEMO_CONTRIBUTIONS[1].title)!), "placing");
    check(
      await publishVersion(editor.id, guideline.id, { changelog: "Adds access to livelihoods with the Klina cooperative's practice; a follow-up call for documents.", revision: await revision() }, BASE_URL),
      "version 2",
    );
    counts.guidelineVersions += 3;
  }

  // What the guideline's PDF cover carries for its (made-up) donor: the programme, the disclaimer, two logos.
  const demoGuideline = await prisma.guideline.findUniqueOrThrow({ where: { slug: DEMO_GUIDELINE_SLUG }, include: { coverTexts: true, logos: true } });
  if (demoGuideline.coverTexts.length === 0) check(await saveCoverTexts(admin, demoGuideline.id, DEMO_COVER), "the cover's texts");
  if (demoGuideline.logos.length === 0) {
    for (const logo of DEMO_LOGOS) {
      const bytes = new Uint8Array(await readFile(new URL(`./demo-logos/${logo.file}`, import.meta.url)));
      check(await addLogo(admin, demoGuideline.id, { role: logo.role, name: logo.name, fileName: logo.file, bytes }), "a cover logo");
    }
  }

  // The models tell authors about review steps by email; demo accounts get none.
  await prisma.outboxMessage.deleteMany({
    where: { createdAt: { gte: startedAt }, status: "PENDING", toAddress: { endsWith: "durable.localhost" } },
  });
  return counts;
}
