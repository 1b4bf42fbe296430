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
 * The clientRef, when given, makes the same page's form count once if sent twice.
 */
export function TapForm({
  personId,
  place,
  method,
  clientRef,
  className,
  secondary,
  onTap,
}: {
  personId: string;
  place: CheckInPlace;
  method: TapMethod;
  clientRef?: string;
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
      {clientRef ? <input type="hidden" name="clientRef" value={clientRef} /> : null}
      <button type="submit" className={secondary ? "checkin-button secondary" : "checkin-button"}>
        {method === "WALK_IN" ? t("invitations.checkin.checkInWalkIn") : t("invitations.checkin.checkIn")}
      </button>
    </Form>
  );
}
