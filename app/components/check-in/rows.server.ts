import type { AttendanceView } from "~/utils/attendance";
import { dateTimeFormat } from "~/utils/dates";
import type { Locale } from "~/utils/i18n";
import { LOCALE_TAGS } from "~/utils/i18n";
import { municipalityName } from "~/utils/names";

// How the door shows a person and a check-in, the same in the page's list
// and in the state its phones poll: "organisation, municipality" and the
// time of the check-in in the event's time zone; and a session of the
// agenda as its choice is labelled: "Opening · 09:00–10:30".

type Place = { nameSq: string; nameSr: string; nameEn: string } | null;
type PersonForPlace = { organisation: { name: string } | null; municipality: Place };
type AttendanceForRow = { id: string; method: string; checkedInAt: Date };
type SessionForLabel = { title: string; startsAt: Date; endsAt: Date };

export function checkInFormatting(locale: Locale, timeZone: string) {
  const time = dateTimeFormat(LOCALE_TAGS[locale], { timeStyle: "short", hourCycle: "h23", timeZone });
  return {
    place: (person: PersonForPlace) =>
      [person.organisation?.name, person.municipality ? municipalityName(person.municipality, locale) : null].filter(Boolean).join(", "),
    attendance: (attendance: AttendanceForRow | null): AttendanceView | null =>
      attendance ? { id: attendance.id, method: attendance.method, time: time.format(attendance.checkedInAt) } : null,
    session: (session: SessionForLabel) => `${session.title} · ${time.format(session.startsAt)}–${time.format(session.endsAt)}`,
  };
}
