import type { LoaderFunctionArgs } from "@remix-run/node";
import { personExportPage } from "~/models/person-export-page.server";
import { exportPersonData } from "~/models/person-export.server";
import { requirePermission } from "~/utils/permissions.server";
import { notFound } from "~/utils/refusal.server";

// A person's own data, for them (a subject-access request): JSON, or with
// ?format=html one readable page in their language (any other format: JSON).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "people:export");
  const data = await exportPersonData(user, params.personId ?? "");
  if (!data) throw notFound();
  const html = new URL(request.url).searchParams.get("format") === "html";
  return new Response(html ? personExportPage(data) : JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": html ? "text/html; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="person-${data.person.id}.${html ? "html" : "json"}"`,
      "Cache-Control": "no-store",
    },
  });
}
