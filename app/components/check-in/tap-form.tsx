import { Form } from "@remix-run/react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { CheckInPlace } from "~/utils/attendance";

export type TapMethod = "NAME_SEARCH" | "WALK_IN";

/** The hidden fields that say where a form of the door checks people in: the day, and the session if one is chosen. */
export function PlaceFields({ place }: { place: CheckInPlace }) {
  return (
    <>
      <input type="hidden" name="day" value={place.day} />
      {place.session ? <input type="hidden" name="session" value={place.session} /> : null}
    </>
  );
}

/**
 * One tap that checks a person in. Without JavaScript it posts to the page's
 * action; with it, `onTap` takes the tap (into the phone's queue) instead.
 * The page's reference, when given, makes the same page's form count once if sent twice.
 */
export function TapForm({
  personId,
  place,
  method,
  pageRef,
  className,
  secondary,
  onTap,
}: {
  personId: string;
  place: CheckInPlace;
  method: TapMethod;
  pageRef?: string;
  className?: string;
  secondary?: boolean;
  onTap?: (formEvent: FormEvent<HTMLFormElement>) => void;
}) {
  const { t } = useTranslation();
  return (
    <Form method="post" className={className} onSubmit={onTap}>
      <input type="hidden" name="intent" value="checkIn" />
      <input type="hidden" name="personId" value={personId} />
      <PlaceFields place={place} />
      <input type="hidden" name="method" value={method} />
      {pageRef ? <input type="hidden" name="pageRef" value={pageRef} /> : null}
      <button type="submit" className={secondary ? "checkin-button secondary" : "checkin-button"}>
        {method === "WALK_IN" ? t("invitations.checkin.checkInWalkIn") : t("invitations.checkin.checkIn")}
      </button>
    </Form>
  );
}

/** The id of the list's shared tap form for a method: each row's button names it, so a row carries one button, not a form. */
export const tapFormId = (method: TapMethod) => `checkin-tap-${method}`;

/**
 * The list's two tap forms (an invitee; someone who declined, taken as a
 * walk-in), each written once, empty but for the page's fields: a row's
 * button belongs to one by its `form` attribute and sends the person as its
 * value. Without JavaScript the post's reference is the page's own with the
 * person; with it, `onTap` takes the tap (the button pressed) instead.
 */
export function TapForms({ place, pageRef, onTap }: { place: CheckInPlace; pageRef: string; onTap: (formEvent: FormEvent<HTMLFormElement>, personId: string, method: TapMethod) => void }) {
  return (
    <>
      {(["NAME_SEARCH", "WALK_IN"] as const).map((method) => (
        <Form
          key={method}
          method="post"
          id={tapFormId(method)}
          hidden
          onSubmit={(formEvent) => {
            const pressed = (formEvent.nativeEvent as SubmitEvent).submitter;
            if (pressed instanceof HTMLButtonElement && pressed.value) onTap(formEvent, pressed.value, method);
          }}
        >
          <input type="hidden" name="intent" value="checkIn" />
          <PlaceFields place={place} />
          <input type="hidden" name="method" value={method} />
          <input type="hidden" name="pageRef" value={pageRef} />
        </Form>
      ))}
    </>
  );
}

/** A row's tap: a button of the list's tap form for its method. */
export function TapButton({ personId, method }: { personId: string; method: TapMethod }) {
  const { t } = useTranslation();
  return (
    <button type="submit" form={tapFormId(method)} name="personId" value={personId} className="checkin-button">
      {method === "WALK_IN" ? t("invitations.checkin.checkInWalkIn") : t("invitations.checkin.checkIn")}
    </button>
  );
}
