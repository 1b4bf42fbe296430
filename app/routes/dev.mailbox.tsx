import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useOutlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listMailbox, mailboxVisibleTo } from "~/models/mailbox.server";
import { getSessionUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";
import { resolveLocale } from "~/utils/locale.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "mailbox.title");

export async function loader({ request }: LoaderFunctionArgs) {
  if (!mailboxVisibleTo(await getSessionUser(request))) throw new Response("Not Found", { status: 404 });
  const locale = await resolveLocale(request);
  const mails = await listMailbox();
  // Dates are formatted on the server so that the browser's hydration sees the same text.
  return { mails: mails.map((mail) => ({ ...mail, date: formatDateTime(mail.date, locale) })) };
}

export default function Mailbox() {
  const { t } = useTranslation();
  const { mails } = useLoaderData<typeof loader>();
  // /dev/mailbox/:id is a child route: an open message takes the page's place.
  const message = useOutlet();
  if (message) return message;
  return (
    <>
      <h1>{t("mailbox.title")}</h1>
      <p className="muted">{t("mailbox.intro")}</p>
      {mails.length === 0 ? (
        <p>{t("mailbox.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="responsive">
            <thead>
              <tr>
                <th>{t("mailbox.date")}</th>
                <th>{t("mailbox.to")}</th>
                <th>{t("mailbox.subject")}</th>
              </tr>
            </thead>
            <tbody>
              {mails.map((mail) => (
                <tr key={mail.id}>
                  <td data-label={t("mailbox.date")}>{mail.date}</td>
                  <td data-label={t("mailbox.to")}>{mail.to}</td>
                  <td data-label={t("mailbox.subject")}>
                    <Link to={`/dev/mailbox/${mail.id}`}>{mail.subject}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
