import { Form } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { PlaceFields } from "~/components/check-in/tap-form";
import type { CheckInManyAnswer, CheckInPlace } from "~/utils/attendance";

// Several people checked in with one button: the trainer ticks rows of the
// door's list, then sends them together. Without JavaScript the ticks are the
// checkboxes of one form (posted to the page's action, all in one go); with
// it, each ticked person becomes a tap in the phone's queue, like a single tap.

/** The id of the form the list's checkboxes belong to (they sit in the rows, outside it). */
export const CHECK_MANY_FORM = "checkin-many";

/** Reasons said in a word or two in the summary; any other refusal is said in full. */
const SHORT_REASONS = new Set(["notInvited", "personNotFound"]);

/** "3 checked in, 1 already, 1 refused (not invited: Arta Krasniqi)", in the reader's language. */
export function manySummary(t: TFunction, many: CheckInManyAnswer): string {
  const done = t("invitations.checkin.many.done", { checkedIn: many.checkedIn, already: many.already, refused: many.refused.length });
  if (!many.refused.length) return done;
  const byReason = new Map<string, string[]>();
  for (const { name, error } of many.refused) byReason.set(error, [...(byReason.get(error) ?? []), name || t("invitations.checkin.many.unnamed")]);
  const reasons = [...byReason].map(([error, names]) => {
    const reason = SHORT_REASONS.has(error)
      ? t(`invitations.checkin.many.reason.${error}`)
      : error === "badRequest"
        ? t("errors.badRequestTitle")
        : t(`invitations.checkin.refusal.${error}`);
    return `${reason}: ${names.join(", ")}`;
  });
  return `${done} (${reasons.join("; ")})`;
}

/** Which rows are ticked; a person who is checked in meanwhile simply stops counting. */
export function usePicked() {
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const toggle = (personId: string, on: boolean) =>
    setPicked((before) => {
      const next = new Set(before);
      if (on) next.add(personId);
      else next.delete(personId);
      return next;
    });
  return { picked, toggle, clear: () => setPicked(new Set()) };
}

export type Picked = ReturnType<typeof usePicked>;

/** The tick at a row's start: a large target, labelled with the person's name for screen readers. */
export function PickBox({ personId, name, picked }: { personId: string; name: string; picked: Picked }) {
  const { t } = useTranslation();
  return (
    <label className="checkin-pick">
      <input
        type="checkbox"
        name="personId"
        value={personId}
        form={CHECK_MANY_FORM}
        checked={picked.picked.has(personId)}
        onChange={(changed) => picked.toggle(personId, changed.target.checked)}
        aria-label={t("invitations.checkin.many.pick", { name })}
      />
    </label>
  );
}

/**
 * The form the ticks belong to. Without JavaScript its button is always there
 * (the browser alone knows what is ticked); with it, the button shows how many
 * are ticked and stays at the bottom of the screen while there are any.
 */
export function CheckManyForm({ place, count, ready, onSend }: { place: CheckInPlace; count: number; ready: boolean; onSend: (formEvent: FormEvent<HTMLFormElement>) => void }) {
  const { t } = useTranslation();
  return (
    <Form method="post" id={CHECK_MANY_FORM} className={ready && count ? "checkin-many is-active" : "checkin-many"} onSubmit={onSend} hidden={ready && !count}>
      <input type="hidden" name="intent" value="checkInMany" />
      <PlaceFields place={place} />
      <button type="submit" className="checkin-button" data-testid="check-in-many">
        {ready ? t("invitations.checkin.many.submit", { count }) : t("invitations.checkin.many.submitTicked")}
      </button>
    </Form>
  );
}
