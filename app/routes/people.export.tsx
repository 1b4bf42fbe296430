import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportPeople } from "~/models/directory-export.server";
import { readPeopleFilter } from "~/utils/directory";
import { resolveLocale } from "~/utils/locale.server";
import { requirePermission } from "~/utils/permissions.server";

// The filtered list as a file: /people/export?format=csv|xlsx&<the list's filters>.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "people:export");
  const url = new URL(request.url);
  const format = url.searchParams.get("format");
  if (format !== "csv" && format !== "xlsx") throw new Response("Bad request", { status: 400 });
  const file = await exportPeople(user, readPeopleFilter(url.searchParams), format, await resolveLocale(request));
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
