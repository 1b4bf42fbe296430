import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hasCalendarToken, resetCalendarToken } from "~/models/event-calendar.server";
import { formFields } from "~/utils/forms";
import { requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";
import { publicOrigin } from "~/utils/url.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "events.feed.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "events:read");
  return { hasFeed: await hasCalendarToken(user.id), publicUrl: `${publicOrigin()}/calendar/public.ics` };
}

/** Makes a new secret address; it is shown once, here, and only its hash is kept. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "events:read");
  if (formFields(await readForm(request)).intent !== "reset") throw new Response("Bad request", { status: 400 });
  const token = await resetCalendarToken(user.id);
  return { feedUrl: `${publicOrigin()}/calendar/${token}.ics` };
}

export default function CalendarSubscription() {
  const { t } = useTranslation();
  const { hasFeed, publicUrl } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="narrow-wide">
      <p>
        <Link to="/events">← {t("events.title")}</Link>
      </p>
      <h1>{t("events.feed.title")}</h1>
      <p>{t("events.feed.intro")}</p>
      {result?.feedUrl ? (
        <div className="notice notice-ok" role="status">
          <p>{t("events.feed.created")}</p>
          <input className="feed-url" type="text" readOnly value={result.feedUrl} aria-label={t("events.feed.title")} data-testid="feed-url" />
        </div>
      ) : (
        <p className="muted">{hasFeed ? t("events.feed.exists") : t("events.feed.none")}</p>
      )}
      <div className="card">
        {hasFeed || result?.feedUrl ? (
          <details>
            <summary>{t("events.feed.reset")}</summary>
            <Form method="post">
              <p>{t("events.feed.confirmReset")}</p>
              <input type="hidden" name="intent" value="reset" />
              <button type="submit" className="danger">
                {t("events.feed.reset")}
              </button>
            </Form>
          </details>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="reset" />
            <button type="submit">{t("events.feed.create")}</button>
          </Form>
        )}
      </div>
      <p>
        {t("events.feed.publicFeed")}: <a href={publicUrl}>{publicUrl}</a>
      </p>
    </div>
  );
}
