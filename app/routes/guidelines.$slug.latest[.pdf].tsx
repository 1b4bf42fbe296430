import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { latestVersionNumber } from "~/models/guideline-version.server";
import { notFound } from "~/utils/refusal.server";

// Public: a lasting address for the PDF of the newest version; it sends the reader on to that version's own PDF.
export async function loader({ params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const number = await latestVersionNumber(slug);
  if (number === null) throw notFound();
  return redirect(`/guidelines/${encodeURIComponent(slug)}/v/${number}.pdf`, { headers: { "Cache-Control": "no-cache" } });
}
