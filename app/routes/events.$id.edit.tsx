import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EventForm, EventFormSchema, eventInputFromForm } from "~/components/event-form";
import { eventFormOptions, getEvent, shownStatus, updateEvent, utcToLocal } from "~/models/event.server";
import { resolveLocale } from "~/utils/locale.server";
import { requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";
import { refusalReply } from "~/utils/refusal.server";
import { eventTitle, pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "events.editEvent", eventTitle(matches));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "events:manage");
  const event = await getEvent(params.id ?? "");
  if (!event) throw new Response("Not found", { status: 404 });
  if (shownStatus(event) === "CANCELLED" || shownStatus(event) === "COMPLETED") throw redirect(`/events/${event.id}`);
  const options = await eventFormOptions(await resolveLocale(request));
  const start = utcToLocal(event.startsAt, event.timeZone);
  const end = utcToLocal(event.endsAt, event.timeZone);
  const text = (locale: string, key: "title" | "description") => event.translations.find((t) => t.locale === locale)?.[key] ?? "";
  return {
    options,
    defaultValue: {
      type: event.type,
      municipalityId: event.municipalityId,
      venueName: event.venueName,
      venueAddress: event.venueAddress,
      startDate: start.date,
      startTime: start.time,
      endDate: end.date,
      endTime: end.time,
      capacity: String(event.capacity),
      isPublic: event.isPublic ? "on" : undefined,
      titleEn: text("en", "title"),
      descriptionEn: text("en", "description"),
      titleSq: text("sq", "title"),
      descriptionSq: text("sq", "description"),
      titleSr: text("sr", "title"),
      descriptionSr: text("sr", "description"),
      themeIds: event.themes.map((t) => t.themeId),
      organiserIds: event.organisers.map((o) => o.userId),
      facilitatorIds: event.facilitators.map((f) => f.personId),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "events:manage");
  const submission = parseWithZod(await readForm(request), { schema: EventFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await updateEvent(user.id, params.id ?? "", eventInputFromForm(submission.value));
  if (!result.ok) return refusalReply(submission, result);
  return redirect(`/events/${params.id}?done=saved`);
}

export default function EditEvent() {
  const { t } = useTranslation();
  const { options, defaultValue } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <>
      <h1>{t("events.editEvent")}</h1>
      <EventForm id="event" options={options} lastResult={answer?.result} defaultValue={defaultValue} submitLabel={t("common.save")} />
    </>
  );
}
