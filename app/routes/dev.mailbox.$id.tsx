import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { mailboxVisibleTo, readMail } from "~/models/mailbox.server";
import { getSessionUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";
import { resolveLocale } from "~/utils/locale.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "mailbox.title", data?.mail.subject);

export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!mailboxVisibleTo(await getSessionUser(request))) throw new Response("Not Found", { status: 404 });
  const mail = await readMail(params.id ?? "");
  if (!mail) throw new Response("Not Found", { status: 404 });
  // The links of the message, so that a developer can follow them from here.
  const links = [...new Set(mail.text.match(/https?:\/\/[^\s<>"]+/g) ?? [])];
  return { mail: { ...mail, date: formatDateTime(mail.date, await resolveLocale(request)) }, links };
}

export default function MailboxMessage() {
  const { t } = useTranslation();
  const { mail, links } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/dev/mailbox">← {t("mailbox.title")}</Link>
      </p>
      <h1>{mail.subject}</h1>
      <p className="muted">
        {t("mailbox.to")}: {mail.to} · {mail.date}
      </p>
      {links.length ? (
        <ul>
          {links.map((href) => (
            <li key={href}>
              <a href={href}>{href}</a>
            </li>
          ))}
        </ul>
      ) : null}
      {mail.attachments.length ? (
        <>
          <h2>{t("mailbox.attachments")}</h2>
          <ul>
            {mail.attachments.map((a) => (
              <li key={a.filename}>
                {a.filename} ({a.contentType}, {a.size} B)
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t("mailbox.html")}</h2>
      <iframe title={mail.subject} className="mail-frame" sandbox="" srcDoc={mail.html} />
      <h2>{t("mailbox.text")}</h2>
      <pre className="mail-text">{mail.text}</pre>
    </>
  );
}
