import type { LoaderFunctionArgs } from "@remix-run/node";
import { readMaterialFile } from "~/models/event-material.server";
import { materialForLink } from "~/models/invitation-link.server";
import { downloadHeaders } from "~/models/uploaded-file.server";

/**
 * One of the event's public materials, through the personal link (no
 * account), once the person has accepted. Draft events' and private files
 * are never offered here (app/models/event-material.server.ts decides).
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const material = await materialForLink(params.token ?? "", params.materialId ?? "");
  if (!material) throw new Response("Not found", { status: 404 });
  const body = await readMaterialFile(material);
  // Kept by no cache: the address holds the person's token.
  return new Response(new Uint8Array(body), { headers: downloadHeaders(material, body.byteLength, false) });
}
