import type { LoaderFunctionArgs } from "@remix-run/node";
import { guidelineFeed } from "~/models/guideline-feed.server";
import { notFound } from "~/utils/refusal.server";
import { publicOrigin } from "~/utils/url.server";

// Public: the Atom feed of a guideline's published versions, with their changelogs.
export async function loader({ params }: LoaderFunctionArgs) {
  const feed = await guidelineFeed(params.slug ?? "", publicOrigin());
  if (!feed) throw notFound();
  return new Response(feed, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
