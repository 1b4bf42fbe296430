import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderGuidelinePdf } from "~/models/guideline-pdf.server";
import { versionForReader } from "~/models/guideline-version.server";
import { resolveLocale } from "~/utils/locale.server";
import { notFound } from "~/utils/refusal.server";
import { versionNumber } from "~/utils/validation";

// Public: the printable PDF of one version, in the reader's language where it exists.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = versionNumber.safeParse(params.number);
  if (!parsed.success) throw notFound();
  const number = parsed.data;
  const locale = await resolveLocale(request);
  const view = await versionForReader(params.slug ?? "", locale, number);
  if (!view) throw notFound();
  const pdf = await renderGuidelinePdf(view.version, locale);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${view.guideline.slug}-v${number}-${view.version.locale}.pdf"`,
      // A published version never changes, but the reader's language can: cache per person only.
      "Cache-Control": "private, max-age=3600",
      Vary: "Cookie, Accept-Language",
    },
  });
}
