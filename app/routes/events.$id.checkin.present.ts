import { createHash } from "node:crypto";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { checkInFormatting } from "~/components/check-in/rows.server";
import type { PresentState } from "~/utils/attendance";
import { checkInPlaceOf, eventForCheckIn, presentOnDay } from "~/models/attendance.server";
import { resolveLocale } from "~/utils/locale.server";
import { requirePermission } from "~/utils/permissions.server";

// Who is checked in on one day (or at one session, `?session=`), as the door's phones poll it (JSON): the
// truth after taps from other phones, paper sheets and undos. Small (ids
// and times; names only for walk-ins the list does not have), and answered
// 304 when nothing changed since the phone's last copy.

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "attendance:manage");
  const event = await eventForCheckIn(params.id ?? "");
  if (!event) return Response.json({ ok: false, error: "eventNotFound" }, { status: 404 });
  const format = checkInFormatting(await resolveLocale(request), event.timeZone);
  const url = new URL(request.url);
  const { day, session } = checkInPlaceOf(event, { day: url.searchParams.get("day"), session: url.searchParams.get("session") });
  const present = await presentOnDay(event.id, day, session?.id);
  const state: PresentState = {
    day,
    session: session?.id ?? null,
    present: present.map((row) => ({
      personId: row.person.id,
      attendance: format.attendance(row)!,
      walkIn: row.onList ? null : { name: row.person.name, place: format.place(row.person) },
    })),
  };
  const body = JSON.stringify(state);
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  const headers = { ETag: etag, "Cache-Control": "private, no-store", Vary: "Cookie" };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "Content-Type": "application/json; charset=utf-8" } });
}
