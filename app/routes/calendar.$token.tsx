import type { LoaderFunctionArgs } from "@remix-run/node";
import { privateFeed } from "~/models/event-calendar.server";

/**
 * A user's private feed at /calendar/<secret>.ics. The secret is the only
 * key (calendar apps send no cookies), so an unknown one is a plain 404.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const token = (params.token ?? "").replace(/\.ics$/, "");
  const feed = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await privateFeed(token) : null;
  if (!feed) throw new Response("Not found", { status: 404 });
  return new Response(feed, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" },
  });
}
