import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GuidelineReader } from "~/components/guideline-reader";
import { readerPage, versionForReader } from "~/models/guideline-version.server";
import { isLocale } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { notFound } from "~/utils/refusal.server";
import { versionNumber } from "~/utils/validation";
import { feedLink, pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  ...pageTitle(matches, "titles.version", data ? `${data.page.title.text} (${data.page.number})` : undefined),
  ...(data ? [feedLink(data.page.slug, data.page.title.text)] : []),
];

// Public: one published version. ?lang=source shows the source language instead of a translation.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = versionNumber.safeParse(params.number);
  if (!parsed.success) throw notFound();
  const number = parsed.data;
  const locale = await resolveLocale(request);
  const wantsSource = new URL(request.url).searchParams.get("lang") === "source";
  let view = await versionForReader(params.slug ?? "", locale, number);
  if (view && wantsSource && isLocale(view.guideline.sourceLocale)) view = await versionForReader(params.slug ?? "", view.guideline.sourceLocale, number);
  if (!view) throw notFound();
  return { page: readerPage(view, locale) };
}

export default function GuidelineVersionPage() {
  const { page } = useLoaderData<typeof loader>();
  return <GuidelineReader page={page} />;
}
