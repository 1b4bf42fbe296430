import type { LoaderFunctionArgs } from "@remix-run/node";
import { findAttachment, isPublicAttachment, mayDownloadAttachment, readAttachmentFile } from "~/models/contribution-attachment.server";
import { downloadHeaders } from "~/models/uploaded-file.server";
import { getSessionUser } from "~/utils/auth.server";
import { notFound } from "~/utils/refusal.server";

/**
 * Downloads a contribution's attachment. Once a published guideline version
 * credits the contribution, anyone may (as anyone may read the version); before,
 * its authors and the editors (decided by mayDownloadAttachment). Anonymous
 * visitors are sent to log in, others get 404 so that a draft's files are not revealed.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const attachment = await findAttachment(params.contributionId ?? "", params.attachmentId ?? "");
  if (!attachment) throw notFound();
  if (!(await mayDownloadAttachment(user, attachment))) {
    if (!user) {
      const url = new URL(request.url);
      return new Response(null, { status: 302, headers: { Location: `/login?${new URLSearchParams({ redirectTo: url.pathname })}` } });
    }
    throw notFound();
  }
  const body = await readAttachmentFile(attachment);
  return new Response(new Uint8Array(body), { headers: downloadHeaders(attachment, body.byteLength, await isPublicAttachment(attachment)) });
}
