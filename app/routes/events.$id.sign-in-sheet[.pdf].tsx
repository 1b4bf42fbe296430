import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderSignInSheet } from "~/models/sign-in-sheet.server";
import { DAY_PATTERN } from "~/utils/attendance";
import { resolveLocale } from "~/utils/locale.server";
import { requirePermission } from "~/utils/permissions.server";

// The printable sign-in sheet of one day, in the trainer's language.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "attendance:manage");
  const day = new URL(request.url).searchParams.get("day") ?? "";
  if (!DAY_PATTERN.test(day)) throw new Response("Bad Request", { status: 400 });
  const locale = await resolveLocale(request);
  const pdf = await renderSignInSheet(params.id ?? "", day, locale);
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
