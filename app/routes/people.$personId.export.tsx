import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportPersonData } from "~/models/person.server";
import { requirePermission } from "~/utils/permissions.server";

// A person's own data, for them (a subject-access request), as JSON.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "people:export");
  const data = await exportPersonData(user, params.personId ?? "");
  if (!data) throw new Response("Not found", { status: 404 });
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="person-${data.person.id}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
