import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderSignInSheet } from "~/models/sign-in-sheet.server";
import { DAY_PATTERN } from "~/utils/attendance";
import { resolveLocale } from "~/utils/locale.server";
import { requirePermission } from "~/utils/permissions.server";

// The printable sign-in sheet of one day, or of one session of it (`session=`), in the trainer's language.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "attendance:manage");
  const url = new URL(request.url);
  const day = url.searchParams.get("day") ?? "";
  const session = url.searchParams.get("session") || null;
  if (!DAY_PATTERN.test(day) || (session && session.length > 64)) throw new Response("Bad Request", { status: 400 });
  const locale = await resolveLocale(request);
  const pdf = await renderSignInSheet(params.id ?? "", day, locale, session);
  if (!pdf) throw new Response("Not Found", { status: 404 });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="sign-in-sheet-${day}.pdf"`,
      // Names of people: never kept by shared caches.
      "Cache-Control": "private, no-store",
    },
  });
}
