import type { LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/db.server";
import { eventVisibleTo } from "~/models/event.server";
import { exportReport, reportFiltersFrom } from "~/models/report.server";
import { resolveLocale } from "~/utils/locale.server";
import { can, requirePermission } from "~/utils/permissions.server";

// A report as a file: /reports/export?format=csv|xlsx and either event=<id> or the programme report's filters.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "reports:read");
  const params = new URL(request.url).searchParams;
  const format = params.get("format");
  if (format !== "csv" && format !== "xlsx") throw new Response("Bad request", { status: 400 });
  const eventId = params.get("event");
  if (eventId) {
    const event = await prisma.event.findUnique({ where: { id: eventId }, select: { status: true } });
    if (!event || !eventVisibleTo(event, can(user, "events:manage"))) throw new Response("Not found", { status: 404 });
  }
  const scope = eventId ? { eventId } : { filters: reportFiltersFrom(params) };
  const file = await exportReport(user, scope, format, await resolveLocale(request));
  if (!file) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
