// What the personal link in an invitation gives its holder, without an
// account: the page in the invitee's own language (unless they chose another
// with the switcher), the door's QR code once they have a seat, and, once
// they will come, the event for their calendar with them as attendee and
// the event's public materials (never a private one, never a draft's).
import { prisma } from "~/db.server";
import { EVENT_FOR_CALENDAR } from "~/models/event-calendar.server";
import { composeInvitation } from "~/models/invitation-list.server";
import { calendarForLink, invitationForLink, languageOfLink, materialForLink } from "~/models/invitation-link.server";
import sr from "~/locales/sr";
import { latinToCyrillic } from "~/locales/transliterate";
import type { InvitationStatus } from "~/generated/prisma/enums";
import { localeCookie, resolveLocale } from "~/utils/locale.server";
import { PersonSchema } from "~/utils/directory";
import { createToken, hashToken } from "~/utils/tokens.server";
import { seed } from "../prisma/seed";
import { parseCalendar } from "./helpers/events";
import { createEvent, createPerson, invite } from "./helpers/factories";

beforeAll(async () => {
  await seed(process.env.DATABASE_URL, { demoUsers: false });
});

async function linkFor(status: InvitationStatus, options: { locale?: string; event?: { id: string }; email?: string | null } = {}) {
  const event = options.event ?? (await createEvent({ titles: { sr: "Radionica o povratku", sq: "Punëtori për kthimin", en: "Workshop on return" } }));
  const person = await createPerson({ name: "Zoran Ilić", locale: options.locale ?? "sr-Cyrl", email: options.email });
  const token = createToken();
  const invitation = await invite(event, person, status, { data: { sentAt: new Date(), links: { create: { tokenHash: hashToken(token) } } } });
  return { token, event, person, invitation };
}

async function material(eventId: string, title: string, isPublic: boolean) {
  return prisma.eventMaterial.create({
    data: { eventId, title, fileName: `${title}.pdf`, contentType: "application/pdf", size: 2048, sha256: "0".repeat(64), storagePath: `${eventId}/${title}.pdf`, isPublic },
  });
}

describe("the invitation page's contents", () => {
  it("shows the door's QR code only to someone with a seat, and the calendar and public materials only once they will come", async () => {
    const event = await createEvent({ titles: { en: "Materials workshop" } });
    const open = await material(event.id, "agenda", true);
    await material(event.id, "participants", false);
    const shown = async (status: InvitationStatus) => (await invitationForLink((await linkFor(status, { event })).token, "en"))!;

    const pending = await shown("PENDING");
    expect(pending.checkInQr).toBeNull();
    expect(pending.calendar).toBe(false);
    expect(pending.materials).toEqual([]);

    const accepted = await shown("ACCEPTED");
    expect(accepted.checkInQr).toContain("<svg");
    expect(accepted.calendar).toBe(true);
    expect(accepted.materials).toEqual([{ id: open.id, title: "agenda", fileName: "agenda.pdf", sizeKb: 2 }]);

    const waiting = await shown("WAITLISTED");
    expect(waiting.checkInQr).toBeNull();
    expect(waiting.calendar).toBe(true);

    const declined = await shown("DECLINED");
    expect(declined.checkInQr).toBeNull();
    expect(declined.calendar).toBe(false);
  });

  it("offers a material through the link only when it is public, of the person's own event, and they will come", async () => {
    const { token, event } = await linkFor("ACCEPTED");
    const open = await material(event.id, "handout", true);
    const closed = await material(event.id, "notes", false);
    const elsewhere = await material((await createEvent()).id, "other", true);
    expect((await materialForLink(token, open.id))?.id).toBe(open.id);
    expect(await materialForLink(token, closed.id)).toBeNull();
    expect(await materialForLink(token, elsewhere.id)).toBeNull();
    expect(await materialForLink("not-a-link", open.id)).toBeNull();

    const pending = await linkFor("PENDING", { event });
    expect(await materialForLink(pending.token, open.id)).toBeNull();
    // Back to a draft (nobody's to see but its organisers'): nothing through the link.
    await prisma.event.update({ where: { id: event.id }, data: { status: "DRAFT" } });
    expect(await materialForLink(token, open.id)).toBeNull();
  });
});

describe("the calendar file behind the link", () => {
  it("names the person as attendee, in their language (Serbian Cyrillic), with the event's UID, once they have accepted", async () => {
    const { token, event, person } = await linkFor("ACCEPTED");
    const calendar = (await calendarForLink(token, "sr-Cyrl"))!;
    expect(calendar.method).toBe("REQUEST");
    const [entry] = parseCalendar(calendar.ics);
    expect(entry.attendees.map((a) => a.toLowerCase())).toEqual([`mailto:${person.email}`]);
    expect(calendar.ics.replace(/\r\n /g, "")).toMatch(/ATTENDEE[^\r]*PARTSTAT=ACCEPTED/);
    expect(entry.summary).toBe(latinToCyrillic("Radionica o povratku"));
    expect(entry.uid).toBe((await prisma.event.findUniqueOrThrow({ where: { id: event.id } })).uid);
    expect(entry.status).toBe("CONFIRMED");
  });

  it("is tentative for someone on the waitlist, and none for an invitation not accepted", async () => {
    const waiting = await linkFor("WAITLISTED");
    expect(parseCalendar((await calendarForLink(waiting.token, "sr"))!.ics)[0].status).toBe("TENTATIVE");
    expect(await calendarForLink((await linkFor("PENDING")).token, "sr")).toBeNull();
    expect(await calendarForLink((await linkFor("DECLINED")).token, "sr")).toBeNull();
    expect(await calendarForLink("not-a-link", "sr")).toBeNull();
  });
});

describe("the language of the page behind a link", () => {
  const request = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost${path}`, { headers });

  it("is the invitee's recorded language, over the browser's, for the page, its data and the files beside it", async () => {
    const { token } = await linkFor("ACCEPTED", { locale: "sr-Cyrl" });
    expect(await languageOfLink(token)).toBe("sr-Cyrl");
    for (const path of [`/invitation/${token}`, `/invitation/${token}.data`, `/invitation/${token}/calendar.ics`]) {
      expect(await resolveLocale(request(path, { "Accept-Language": "en-US,en;q=0.9" })), path).toBe("sr-Cyrl");
    }
    // Elsewhere, and behind a link nobody was sent, the browser's language as before.
    expect(await resolveLocale(request("/guidelines", { "Accept-Language": "en-US" }))).toBe("en");
    expect(await resolveLocale(request(`/invitation/${createToken()}`, { "Accept-Language": "sq" }))).toBe("sq");
  });

  it("gives way to a language chosen with the switcher", async () => {
    const { token } = await linkFor("PENDING", { locale: "sq" });
    const cookie = await localeCookie.serialize("en");
    expect(await resolveLocale(request(`/invitation/${token}`, { Cookie: cookie.split(";")[0] }))).toBe("en");
  });
});

describe("Serbian Cyrillic as a person's language", () => {
  it("is a choice of the person form", () => {
    const parsed = PersonSchema.safeParse({ name: "Зоран Илић", email: "zoran@example.org", locale: "sr-Cyrl" });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.locale).toBe("sr-Cyrl");
    expect(PersonSchema.safeParse({ name: "Zoran", locale: "sr-Latn-XX" }).success).toBe(false);
    // The directory names it.
    expect(sr.directory.language["sr-Cyrl"]).toBeTruthy();
  });

  it("writes the person's invitation email and its calendar entry in Cyrillic", async () => {
    const { event, person, invitation } = await linkFor("PENDING", { locale: "sr-Cyrl" });
    const loaded = await prisma.event.findUniqueOrThrow({ where: { id: event.id }, include: { ...EVENT_FOR_CALENDAR, sessions: true } });
    const { email, attachments } = await composeInvitation(loaded, { name: person.name, email: person.email!, locale: person.locale }, "http://localhost/invitation/x", invitation.id);
    expect(email.subject).toContain(latinToCyrillic("Radionica o povratku"));
    expect(email.text).toContain(latinToCyrillic("Radionica o povratku"));
    // The words in Cyrillic; the person's name as it is written in the directory.
    expect(email.text).toContain(latinToCyrillic(sr.emails.greeting).replace("{{name}}", person.name));
    const ics = Buffer.from(attachments[0].content as string, "base64").toString("utf8");
    expect(parseCalendar(ics)[0].summary).toBe(latinToCyrillic("Radionica o povratku"));
  });
});
