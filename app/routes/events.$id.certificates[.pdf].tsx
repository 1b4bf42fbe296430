import type { LoaderFunctionArgs } from "@remix-run/node";
import { eventCertificates } from "~/models/certificate.server";
import { resolveLocale } from "~/utils/locale.server";
import { requirePermission } from "~/utils/permissions.server";

// Every certificate of an event in one PDF, a page per person who attended, each in that person's language: staff print them after the event.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "certificates:any");
  const result = await eventCertificates(user, params.id ?? "", await resolveLocale(request));
  if (!result.ok) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(result.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${result.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
