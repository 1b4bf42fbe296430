import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarForLink } from "~/models/invitation-link.server";
import { resolveLocale } from "~/utils/locale.server";

/**
 * "Add to calendar" on the invitation page: the event as a calendar file
 * naming the person as attendee, in their language, through the personal
 * link (no account), once they have accepted. Anything else is a 404 (the
 * app's page when a browser opens it).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const calendar = await calendarForLink(params.token ?? "", await resolveLocale(request));
  if (!calendar) throw new Response("Not found", { status: 404 });
  return new Response(calendar.ics, {
    headers: {
      "Content-Type": `text/calendar; charset=utf-8; method=${calendar.method}`,
      "Content-Disposition": `attachment; filename="${calendar.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
