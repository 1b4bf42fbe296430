import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { confirmSubscription, subscriptionByToken, unsubscribe } from "~/models/guideline-subscription.server";
import { SubscriptionAction } from "~/utils/guidelines";
import { readForm } from "~/utils/request.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "titles.follow", data?.subscription?.title);

// Public: the link from a subscription email. Opening it changes nothing (mail
// scanners open links); the reader presses a button, which posts.
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const subscription = await subscriptionByToken(token);
  if (!subscription) return { token: "", subscription: null };
  return {
    token,
    subscription: { email: subscription.email, confirmed: !!subscription.confirmedAt, title: subscription.guideline.title, slug: subscription.guideline.slug },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: SubscriptionAction });
  if (submission.status !== "success") return data({ result: submission.reply(), done: "invalid", slug: null }, { status: 400 });
  const { intent, token } = submission.value;
  const outcome = intent === "confirm" ? await confirmSubscription(token) : await unsubscribe(token);
  // An unknown or used link: said the same way as a malformed one.
  if (!outcome.ok) return data({ result: submission.reply({ formErrors: ["guidelines.subscribe.invalid"] }), done: "invalid", slug: null }, { status: 400 });
  return data({ result: submission.reply(), done: intent === "confirm" ? "confirmed" : "unsubscribed", slug: outcome.slug });
}

export default function GuidelineSubscriptionPage() {
  const { t } = useTranslation();
  const { token, subscription } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (result?.done) {
    return (
      <div className="narrow">
        <p className={result.done === "invalid" ? "notice notice-error" : "notice notice-ok"} role={result.done === "invalid" ? "alert" : "status"}>
          {t(`guidelines.subscribe.${result.done}`)}
        </p>
        {result.slug ? <Link to={`/guidelines/${result.slug}`}>{t("guidelines.reader.readLatest")}</Link> : null}
      </div>
    );
  }
  if (!subscription) {
    return (
      <div className="narrow">
        <p className="notice notice-error" role="alert">
          {t("guidelines.subscribe.invalid")}
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{t("guidelines.subscribe.confirmTitle", { title: subscription.title })}</h1>
      <div className="card">
        <Form method="post" className="stack">
          <input type="hidden" name="token" value={token} />
          {subscription.confirmed ? (
            <>
              <p>{t("guidelines.subscribe.unsubscribeIntro", { email: subscription.email })}</p>
              <button type="submit" name="intent" value="unsubscribe" className="danger">
                {t("guidelines.subscribe.unsubscribe")}
              </button>
            </>
          ) : (
            <>
              <p>{t("guidelines.subscribe.confirmIntro", { email: subscription.email })}</p>
              <button type="submit" name="intent" value="confirm">
                {t("guidelines.subscribe.confirm")}
              </button>
            </>
          )}
        </Form>
      </div>
    </div>
  );
}
