import { Form } from "@remix-run/react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";

export type TapMethod = "NAME_SEARCH" | "WALK_IN";

/**
 * One tap that checks a person in. Without JavaScript it posts to the page's
 * action; with it, `onTap` takes the tap (into the phone's queue) instead.
 * The clientRef, when given, makes the same page's form count once if sent twice.
 */
export function TapForm({
  personId,
  day,
  method,
  clientRef,
  className,
  secondary,
  onTap,
}: {
  personId: string;
  day: string;
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
      <input type="hidden" name="day" value={day} />
      <input type="hidden" name="method" value={method} />
      {clientRef ? <input type="hidden" name="clientRef" value={clientRef} /> : null}
      <button type="submit" className={secondary ? "checkin-button secondary" : "checkin-button"}>
        {method === "WALK_IN" ? t("invitations.checkin.checkInWalkIn") : t("invitations.checkin.checkIn")}
      </button>
    </Form>
  );
}
