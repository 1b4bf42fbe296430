import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/forms";
import { SubscribeIntent } from "~/utils/guidelines";
import type { ReaderPage } from "~/models/guideline-version.server";

/** A published version as readers see it: notices about language and age, contents, sections with their sources, credits. */
export function GuidelineReader({ page }: { page: ReaderPage }) {
  const { t } = useTranslation();
  const base = `/guidelines/${page.slug}`;
  const sourceLanguage = t(`guidelines.languages.${page.sourceLocale}`);
  return (
    <article className="guideline">
      <header>
        <h1 lang={page.title.lang}>{page.title.text}</h1>
        {page.summary.text ? (
          <p className="lead" lang={page.summary.lang}>
            {page.summary.text}
          </p>
        ) : null}
        <p className="muted">
          {t("guidelines.reader.publishedOn", { number: page.number, date: page.publishedAt })}
          {page.translatedFrom ? <> · {t("guidelines.reader.translatedFrom", { number: page.translatedFrom })}</> : null}
        </p>
      </header>
      {page.fallback ? (
        <p className="notice notice-info" role="note">
          {t("guidelines.reader.fallback", { language: sourceLanguage })}
        </p>
      ) : null}
      {page.outdated ? (
        <p className="notice notice-warning" role="note" data-testid="outdated">
          {t("guidelines.reader.outdated", { from: page.outdated.translatedFrom, latest: page.outdated.latest })}{" "}
          <Link to={`${base}/v/${page.outdated.latest}?lang=source`}>
            {t("guidelines.reader.readSource", { number: page.outdated.latest, language: sourceLanguage })}
          </Link>
        </p>
      ) : null}
      {page.number < page.latestNumber ? (
        <p className="notice notice-info" role="note">
          {t("guidelines.reader.olderVersion", { number: page.number, latest: page.latestNumber })} <Link to={base}>{t("guidelines.reader.readLatest")}</Link>
        </p>
      ) : null}
      <nav className="guideline-actions" aria-label={t("guidelines.reader.history")}>
        <Link to={`${base}/versions`}>{t("guidelines.reader.history")}</Link>
        {page.number > 1 ? (
          <Link to={`${base}/diff?from=${page.number - 1}&to=${page.number}`}>{t("guidelines.reader.changesSince", { number: page.number - 1 })}</Link>
        ) : null}
        <a href={`${base}/v/${page.number}.pdf`} download>
          {t("guidelines.reader.pdf")}
        </a>
        <a href={`${base}/v/${page.number}`} rel="bookmark">
          {t("guidelines.reader.permalink", { number: page.number })}
        </a>
      </nav>
      <nav className="card toc" aria-labelledby="toc-title">
        <h2 id="toc-title">{t("guidelines.reader.contents")}</h2>
        <ol>
          {page.sections.map((section) => (
            <li key={section.key}>
              <a href={`#${section.key}`} lang={section.title.lang}>
                {section.title.text}
              </a>
            </li>
          ))}
          <li className="toc-credits">
            <a href="#credits">{t("guidelines.reader.credits")}</a>
          </li>
        </ol>
      </nav>
      {page.sections.map((section, index) => (
        <section key={section.key} id={section.key} className="guideline-section">
          <h2>
            {index + 1}. <span lang={section.title.lang}>{section.title.text}</span>
          </h2>
          <div className="prose" dangerouslySetInnerHTML={{ __html: section.html }} />
          {section.sources.length ? (
            <p className="sources">
              {t("guidelines.reader.sources")}:{" "}
              {section.sources.map((source, i) => (
                <span key={i}>
                  {i > 0 ? "; " : null}
                  <span lang={source.title.lang}>{source.title.text}</span> ({source.municipality ?? t("guidelines.reader.programmeWide")})
                </span>
              ))}
            </p>
          ) : null}
        </section>
      ))}
      <section id="credits" className="card" aria-labelledby="credits-title">
        <h2 id="credits-title">{t("guidelines.reader.credits")}</h2>
        {page.credits.length ? (
          <>
            <p className="muted">{t("guidelines.reader.creditsIntro")}</p>
            <ul className="credits">
              {page.credits.map((credit) => (
                <li key={credit.id}>
                  <strong lang={credit.title.lang}>{credit.title.text}</strong>
                  <br />
                  <span className="muted">
                    {credit.municipality ?? t("guidelines.reader.programmeWide")} · <span lang={credit.authors.lang}>{credit.authors.text}</span>
                  </span>
                  {credit.attachments.length ? (
                    <ul className="credit-files" aria-label={t("guidelines.attachments.title")}>
                      {credit.attachments.map((file) => (
                        <li key={file.href}>
                          <a href={file.href}>{file.fileName}</a>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t("guidelines.reader.noCredits")}</p>
        )}
      </section>
    </article>
  );
}

/** The follow-by-email form (posts to the guideline's page, works without JavaScript). */
export function SubscribeForm({ slug, sentTo, lastResult }: { slug: string; sentTo?: string | null; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "subscribe",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SubscribeIntent }),
    shouldRevalidate: "onBlur",
  });
  return (
    <section className="card" aria-labelledby="subscribe-title">
      <h2 id="subscribe-title">{t("guidelines.subscribe.title")}</h2>
      <p className="muted">{t("guidelines.subscribe.intro")}</p>
      {sentTo ? (
        <p className="notice notice-ok" role="status">
          {t("guidelines.subscribe.sent", { email: sentTo })}
        </p>
      ) : null}
      <Form method="post" action={`/guidelines/${slug}`} className="subscribe-form" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="subscribe" />
        <Field id={fields.email.id} label={t("guidelines.subscribe.email")} errors={fields.email.errors}>
          <input {...getInputProps(fields.email, { type: "email" })} autoComplete="email" required />
        </Field>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("guidelines.subscribe.submit")}
        </button>
      </Form>
      <p className="guideline-follow">
        {t("guidelines.subscribe.feed")}{" "}
        <a href={`/guidelines/${slug}/feed.atom`} type="application/atom+xml" data-testid="feed-link">
          {t("guidelines.subscribe.feedLink")}
        </a>
      </p>
      <p className="guideline-follow">
        {t("guidelines.subscribe.latest")} <a href={`/guidelines/${slug}`}>{`/guidelines/${slug}`}</a> ·{" "}
        <a href={`/guidelines/${slug}/latest.pdf`}>{t("guidelines.subscribe.latestPdf")}</a>
      </p>
    </section>
  );
}
