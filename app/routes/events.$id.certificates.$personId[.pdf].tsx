import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificateFor } from "~/models/certificate.server";
import { requireUser } from "~/utils/auth.server";

// A certificate of attendance in the person's language. Staff download anyone's; a member their own (the model decides).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const result = await certificateFor(user, params.id ?? "", params.personId ?? "");
  if (!result.ok) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(result.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${result.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
