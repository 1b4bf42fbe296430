import type { SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { LOCALE_NAMES } from "~/utils/i18n";
import { translateMessage } from "~/utils/forms";

type Needs = { interpretation: string; accessibilityNeeds: string; needsTransport: boolean };

/**
 * The answer: what the person needs (folded away unless they said before),
 * the two buttons, and above them the place where the answer is confirmed.
 * That place is a live region that takes the focus once the answer is back
 * (with JavaScript, when the answer comes; without, through `autofocus` on
 * the page the post loads), so that a screen reader reads it and a phone
 * shows it. While the answer is on its way, the buttons say so and take no
 * second tap.
 */
export function AnswerForm({
  open,
  needs,
  answered,
}: {
  open: boolean;
  needs: Needs;
  answered: { result: SubmissionResult<string[]>; notice: string | null } | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  // While the answer travels, it is said so; until the page's fresh data are in too, the buttons take no tap.
  const sending = navigation.state === "submitting";
  const busy = navigation.state !== "idle" && navigation.formData !== undefined;
  const pressed = sending ? navigation.formData?.get("answer") : null;
  const confirmation = useRef<HTMLParagraphElement>(null);
  const refusal = useRef<HTMLDivElement>(null);
  const errors = answered?.result.error?.[""] ?? [];
  useEffect(() => {
    if (answered) (answered.notice ? confirmation : refusal).current?.focus();
  }, [answered]);
  const hasNeeds = !!(needs.interpretation || needs.accessibilityNeeds || needs.needsTransport);
  const said = sending ? t("invitations.page.sending") : answered?.notice ? t(answered.notice) : null;
  return (
    <>
      {/* Always in the page, so that a screen reader hears what comes into it. */}
      <p
        id="answer"
        className={said ? `notice ${sending ? "notice-info" : "notice-ok"} answer-confirmation` : "answer-confirmation"}
        ref={confirmation}
        role="status"
        aria-live="polite"
        tabIndex={-1}
        autoFocus={!!answered?.notice}
      >
        {said}
      </p>
      {!sending && errors.length ? (
        <div id="answer-refused" className="notice notice-error answer-confirmation" ref={refusal} role="alert" tabIndex={-1} autoFocus>
          {errors.map((error) => (
            <p key={error}>{translateMessage(t, error)}</p>
          ))}
        </div>
      ) : null}
      {open ? (
        <Form method="post" className="stack answer-form" aria-busy={busy}>
          <details className="answer-needs" open={hasNeeds}>
            <summary>{t("invitations.page.needsTitle")}</summary>
            <div className="stack">
              <div className="field">
                <label htmlFor="interpretation">{t("invitations.page.interpretation")}</label>
                <select id="interpretation" name="interpretation" defaultValue={needs.interpretation}>
                  <option value="">{t("invitations.page.interpretationNone")}</option>
                  {(["sq", "sr", "en"] as const).map((language) => (
                    <option key={language} value={language}>
                      {t("invitations.page.interpretationInto", { language: LOCALE_NAMES[language] })}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="accessibilityNeeds">{t("invitations.page.accessibility")}</label>
                <input id="accessibilityNeeds" name="accessibilityNeeds" type="text" maxLength={500} defaultValue={needs.accessibilityNeeds} />
              </div>
              <label>
                <input type="checkbox" name="needsTransport" defaultChecked={needs.needsTransport} /> {t("invitations.page.transport")}
              </label>
            </div>
          </details>
          <div className="answer-buttons">
            <button type="submit" name="answer" value="ACCEPT" disabled={busy}>
              {pressed === "ACCEPT" ? t("invitations.page.sending") : t("invitations.page.accept")}
            </button>
            <button type="submit" name="answer" value="DECLINE" className="secondary" disabled={busy}>
              {pressed === "DECLINE" ? t("invitations.page.sending") : t("invitations.page.decline")}
            </button>
          </div>
          <p className="hint">{t("invitations.page.changeUntil")}</p>
        </Form>
      ) : null}
    </>
  );
}
