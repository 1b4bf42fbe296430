import type { LoaderFunctionArgs } from "@remix-run/node";
import { localeOfMessagesFile, messagesFile } from "~/utils/i18n.server";

// One language's messages for the browser (app/utils/i18n.server.ts names the
// file after its content). The page's own file is kept by the browser for a
// year; a name from before the texts changed (a page opened before a new
// release) gets today's messages, not to be kept.
export function loader({ params }: LoaderFunctionArgs) {
  const locale = localeOfMessagesFile(params.file ?? "");
  if (!locale) return new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const file = messagesFile(locale);
  return new Response(file.body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": file.name === params.file ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
}
