import type { LoaderFunctionArgs } from "@remix-run/node";
import { attendanceListPdf } from "~/models/report-pdf.server";
import { resolveLocale } from "~/utils/locale.server";
import { requirePermission } from "~/utils/permissions.server";

// The signed-sheet style attendance list for donors: names, so staff only.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "reports:attendance-list");
  const pdf = await attendanceListPdf(user, params.id ?? "", await resolveLocale(request));
  if (!pdf) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="attendance-${params.id}.pdf"`,
      "Cache-Control": "no-store",
    },
  });
}
