import type { LoaderFunctionArgs } from "@remix-run/node";
import { eventReportable, exportReport, reportFiltersFrom } from "~/models/report.server";
import { resolveLocale } from "~/utils/locale.server";
import { requirePermission } from "~/utils/permissions.server";
import { notFound } from "~/utils/refusal.server";

// A report as a file: /reports/export?format=csv|xlsx and either event=<id> or the programme report's filters.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "reports:read");
  const params = new URL(request.url).searchParams;
  const format = params.get("format");
  if (format !== "csv" && format !== "xlsx") throw new Response("Bad request", { status: 400 });
  const eventId = params.get("event");
  if (eventId && !(await eventReportable(user, eventId))) throw notFound();
  const scope = eventId ? { eventId } : { filters: reportFiltersFrom(params) };
  const file = await exportReport(user, scope, format, await resolveLocale(request));
  if (!file) throw notFound();
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
