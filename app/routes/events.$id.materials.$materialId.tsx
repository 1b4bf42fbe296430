import type { LoaderFunctionArgs } from "@remix-run/node";
import { findMaterial, mayDownloadMaterial, readMaterialFile } from "~/models/event-material.server";
import { downloadHeaders } from "~/models/uploaded-file.server";
import { getSessionUser } from "~/utils/auth.server";

/**
 * Downloads a material. Public files need no account; the rest are for
 * staff and invitees (decided by mayDownloadMaterial). Anonymous visitors
 * asking for a private file are sent to log in, others get 404 so that the
 * existence of a file is not revealed.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const material = await findMaterial(params.id ?? "", params.materialId ?? "");
  if (!material) throw new Response("Not found", { status: 404 });
  if (!(await mayDownloadMaterial(user, material))) {
    if (!user) {
      const url = new URL(request.url);
      return new Response(null, { status: 302, headers: { Location: `/login?${new URLSearchParams({ redirectTo: url.pathname })}` } });
    }
    throw new Response("Not found", { status: 404 });
  }
  const body = await readMaterialFile(material);
  return new Response(new Uint8Array(body), { headers: downloadHeaders(material, body.byteLength, material.isPublic) });
}
