import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EventForm, EventFormSchema, eventInputFromForm } from "~/components/event-form";
import { createEvent, eventFormOptions } from "~/models/event.server";
import { resolveLocale } from "~/utils/locale.server";
import { requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";
import { refusalReply } from "~/utils/refusal.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "events.newEvent");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "events:manage");
  const options = await eventFormOptions(await resolveLocale(request));
  // The trainer who plans an event organises it unless they say otherwise.
  return { options, defaultValue: { type: "WORKSHOP", capacity: "25", organiserIds: [user.id], startTime: "10:00", endTime: "14:00" } };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "events:manage");
  const submission = parseWithZod(await readForm(request), { schema: EventFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await createEvent(user.id, eventInputFromForm(submission.value));
  if (!result.ok) return refusalReply(submission, result);
  return redirect(`/events/${result.eventId}?done=created`);
}

export default function NewEvent() {
  const { t } = useTranslation();
  const { options, defaultValue } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/events">← {t("events.title")}</Link>
      </p>
      <h1>{t("events.newEvent")}</h1>
      <EventForm id="event" options={options} lastResult={answer?.result} defaultValue={defaultValue} submitLabel={t("common.save")} />
    </>
  );
}
