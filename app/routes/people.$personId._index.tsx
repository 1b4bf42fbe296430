import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DirectoryNav } from "~/components/directory-nav";
import { PersonHistorySection } from "~/components/person-history";
import { personHistory } from "~/models/person-history.server";
import { erasePerson } from "~/models/erasure.server";
import { directoryLinksFor, getPerson } from "~/models/person.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { eventText } from "~/utils/events";
import { formFields } from "~/utils/forms";
import { resolveLocale } from "~/utils/locale.server";
import { municipalityName, placeName } from "~/utils/names";
import { can, requirePermission } from "~/utils/permissions.server";
import { notFound } from "~/utils/refusal.server";
import { readForm } from "~/utils/request.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "titles.person", data?.person.erasedAt ? undefined : data?.person.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "people:read");
  const person = await getPerson(user, params.personId ?? "");
  if (!person) throw notFound();
  const locale = await resolveLocale(request);
  const history = await personHistory(person.id);
  const url = new URL(request.url);
  const title = (translations: Array<{ locale: string; title: string }>) =>
    (translations.find((tr) => tr.locale === locale.slice(0, 2)) ?? translations[0])?.title ?? "";
  return {
    links: directoryLinksFor(user),
    notice: url.searchParams.has("created") ? "created" : url.searchParams.has("saved") ? "saved" : url.searchParams.has("merged") ? "merged" : null,
    merged: {
      commissions: Number(url.searchParams.get("c")) || 0,
      invitations: Number(url.searchParams.get("i")) || 0,
      facilitations: Number(url.searchParams.get("f")) || 0,
    },
    may: { edit: can(user, "people:edit"), erase: can(user, "people:erase"), export: can(user, "people:export") },
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      phone: person.phone,
      position: person.position,
      locale: person.locale,
      organisation: person.organisation ? { name: person.organisation.name, type: person.organisation.type } : null,
      municipality: person.municipality ? municipalityName(person.municipality, locale) : null,
      cluster: person.municipality ? placeName(person.municipality.cluster, locale) : null,
      // Present only when the reader may see them (redactPerson).
      gender: "gender" in person ? (person.gender ?? "UNKNOWN") : null,
      community: "community" in person ? (person.community ?? "UNKNOWN") : null,
      consentGivenAt: person.consentGivenAt ? formatDate(person.consentGivenAt, locale) : null,
      consentText: person.consentText,
      hasAccount: !!person.userId,
      erasedAt: person.erasedAt ? formatDate(person.erasedAt, locale) : null,
      commissions: person.commissions.map((m) => ({
        id: m.commission.id,
        name: m.commission.name,
        municipality: placeName(m.commission.municipality, locale),
        role: m.role,
      })),
      // Across events: invited, answered (and who recorded it), attended (per day), contributed.
      history: {
        events: history.events.map((e) => ({
          id: e.eventId,
          title: eventText(e.translations, locale).title,
          date: formatDate(e.startsAt, locale),
          status: e.status,
          invited: e.invitedAt ? formatDate(e.invitedAt, locale) : null,
          answers: e.answers.map((a) => ({ status: a.status, channel: a.channel, recordedBy: a.recordedBy, date: formatDateTime(a.at, locale) })),
          days: e.days.map((day) => formatDate(`${day}T12:00:00Z`, locale, "UTC")),
        })),
        contributions: history.contributions.map((c) => ({ id: c.id, title: c.title, status: c.status })),
      },
      facilitating: person.facilitating.map((f) => ({ id: f.eventId, title: title(f.event.translations), date: formatDate(f.event.startsAt, locale) })),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "people:erase");
  if (formFields(await readForm(request)).intent !== "erase") throw new Response("Bad request", { status: 400 });
  const id = params.personId ?? "";
  const outcome = await erasePerson(user, id);
  if (!outcome.ok && outcome.error === "notFound") throw notFound();
  return redirect(`/people/${id}`);
}

export default function PersonPage() {
  const { t } = useTranslation();
  const { person, may, links, notice, merged } = useLoaderData<typeof loader>();
  const name = person.erasedAt ? t("directory.person.erasedName") : person.name;
  return (
    <>
      <DirectoryNav links={links} />
      <div className="page-title">
        <h1>{name}</h1>
        {may.edit && !person.erasedAt ? (
          <Link to={`/people/${person.id}/edit`} className="button">
            {t("directory.person.edit")}
          </Link>
        ) : null}
      </div>
      {notice ? (
        <p className="notice notice-ok" role="status">
          {notice === "created" ? t("directory.person.created", { name }) : notice === "merged" ? t("directory.merge.done", merged) : t("directory.person.saved")}
        </p>
      ) : null}
      {person.erasedAt ? (
        <p className="notice" role="status">
          {t("directory.person.erasedNotice", { date: person.erasedAt })}
        </p>
      ) : null}
      <section className="card">
        <dl className="directory-facts">
          {person.position ? (
            <>
              <dt>{t("directory.fields.position")}</dt>
              <dd>{person.position}</dd>
            </>
          ) : null}
          <dt>{t("directory.fields.organisation")}</dt>
          <dd>
            {person.organisation ? `${person.organisation.name} (${t(`directory.organisationType.${person.organisation.type}`)})` : "—"}
          </dd>
          <dt>{t("directory.fields.municipality")}</dt>
          <dd>{person.municipality ? `${person.municipality} · ${person.cluster}` : "—"}</dd>
          <dt>{t("directory.fields.email")}</dt>
          <dd>{person.email ? <a href={`mailto:${person.email}`}>{person.email}</a> : "—"}</dd>
          <dt>{t("directory.fields.phone")}</dt>
          <dd>{person.phone ? <a href={`tel:${person.phone}`}>{person.phone}</a> : "—"}</dd>
          <dt>{t("directory.fields.language")}</dt>
          <dd>{t(`directory.language.${person.locale}`, { defaultValue: person.locale })}</dd>
          {person.gender !== null ? (
            <>
              <dt>{t("directory.fields.gender")}</dt>
              <dd data-testid="person-gender">{t(`directory.gender.${person.gender}`)}</dd>
              <dt>{t("directory.fields.community")}</dt>
              <dd data-testid="person-community">{t(`directory.community.${person.community}`)}</dd>
            </>
          ) : null}
          {person.consentGivenAt ? (
            <>
              <dt>{t("directory.fields.consentGivenAt")}</dt>
              <dd>{person.consentGivenAt}</dd>
            </>
          ) : null}
          {person.consentText ? (
            <>
              <dt>{t("directory.fields.consentText")}</dt>
              <dd>{person.consentText}</dd>
            </>
          ) : null}
          {person.hasAccount ? (
            <>
              <dt>{t("directory.fields.account")}</dt>
              <dd>{t("directory.person.linkedAccount")}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="card">
        <h2>{t("directory.fields.commissions")}</h2>
        {person.commissions.length === 0 ? <p className="muted">{t("directory.person.noCommissions")}</p> : null}
        <ul>
          {person.commissions.map((c) => (
            <li key={c.id}>
              <Link to={`/commissions/${c.id}`}>{c.name}</Link> ({c.municipality}) · {t(`directory.commissionRole.${c.role}`)}
            </li>
          ))}
        </ul>
      </section>
      <PersonHistorySection person={person} />
      {!person.erasedAt ? (
        <section className="card stack-actions">
          {may.export ? (
            <p>
              {(["html", "json"] as const).map((format) => (
                <a key={format} href={`/people/${person.id}/export?format=${format}`} download className="inline-action">
                  {t(`directory.export.${format}`)}
                </a>
              ))}
            </p>
          ) : null}
          {may.edit ? (
            <p>
              <Link to={`/people/${person.id}/merge`}>{t("directory.person.merge")}</Link>
            </p>
          ) : null}
          {may.erase ? (
            <details>
              <summary>{t("directory.person.erase")}</summary>
              <Form method="post">
                <p>{t("directory.person.eraseConfirm", { name })}</p>
                <input type="hidden" name="intent" value="erase" />
                <button type="submit" className="danger">
                  {t("directory.person.erase")}
                </button>
              </Form>
            </details>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
