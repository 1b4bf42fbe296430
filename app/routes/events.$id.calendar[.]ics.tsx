import type { LoaderFunctionArgs } from "@remix-run/node";
import { eventCalendarFile } from "~/models/event-calendar.server";
import { eventVisibleTo, getEvent } from "~/models/event.server";
import { getSessionUser } from "~/utils/auth.server";
import { resolveLocale } from "~/utils/locale.server";
import { can, requirePermission } from "~/utils/permissions.server";

/** One event's .ics (PUBLISH, or CANCEL once cancelled), in the reader's language. Public events need no account. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const visitor = await getSessionUser(request);
  const event = await getEvent(params.id ?? "");
  const openToAll = event && event.isPublic && event.status !== "DRAFT";
  const user = openToAll ? visitor : await requirePermission(request, "events:read");
  if (!event || !eventVisibleTo(event, can(user, "events:manage"))) throw new Response("Not found", { status: 404 });
  const body = eventCalendarFile(event, await resolveLocale(request));
  return new Response(body, {
    headers: {
      "Content-Type": `text/calendar; charset=utf-8; method=${event.status === "CANCELLED" ? "CANCEL" : "PUBLISH"}`,
      "Content-Disposition": `attachment; filename="event-${event.id}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
