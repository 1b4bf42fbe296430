import { Form } from "@remix-run/react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { PickBox, type Picked } from "~/components/check-in/check-many";
import type { CheckInQueue } from "~/components/check-in/queue";
import { PlaceFields, TapButton, TapForm, TapForms, type TapMethod } from "~/components/check-in/tap-form";
import type { AttendanceView, CheckInPlace } from "~/utils/attendance";

export type CheckInRow = {
  personId: string;
  invitationId: string | null;
  name: string;
  place: string;
  status: string | null;
  searchText: string;
  attendance: AttendanceView | null;
};

export type DirectoryMatch = { personId: string; name: string; place: string };

type Tap = (formEvent: FormEvent<HTMLFormElement>, personId: string, name: string, method: TapMethod) => void;

/**
 * The invitees of the day (those shown by the search), walk-ins checked in
 * since the page loaded (here or on another phone), and walk-ins still
 * waiting on this phone. A row shows what the server has; a tap that only
 * this phone has yet is marked so. While the door is open, an invitee not yet
 * checked in can be ticked at the row's start, to check several in at once.
 */
export function CheckInList({
  rows,
  place,
  pageRef,
  open,
  queue,
  onTap,
  picked,
}: {
  rows: CheckInRow[];
  place: CheckInPlace;
  pageRef: string;
  open: boolean;
  queue: CheckInQueue;
  onTap: Tap;
  picked: Picked;
}) {
  const { t } = useTranslation();
  const names = new Map(rows.map((row) => [row.personId, row.name]));
  return (
    <>
      {open ? <TapForms place={place} pageRef={pageRef} onTap={(e, personId, method) => onTap(e, personId, names.get(personId) ?? "", method)} /> : null}
      <ul className="checkin-list">
        {rows.map((row) => {
          const attendance = queue.ready ? queue.attendanceOf(row.personId) : row.attendance;
          const pending = !attendance && queue.isPending(row.personId);
          const method = row.status === "DECLINED" || row.status === null ? "WALK_IN" : "NAME_SEARCH";
          return (
            <li key={row.personId} data-checkin-person={row.name} className={attendance ? "is-present" : pending ? "is-pending" : undefined}>
              {open ? (
                // Only invitees are ticked: someone who declined is taken one by one, as a walk-in.
                !attendance && !pending && method === "NAME_SEARCH" ? <PickBox personId={row.personId} name={row.name} picked={picked} /> : <span className="checkin-pick" />
              ) : null}
              <div className="checkin-who">
                <strong>{row.name}</strong>
                {row.place ? <span className="muted">{row.place}</span> : null}
                {row.status === null ? <span className="tag-inline">{t("invitations.checkin.walkInBadge")}</span> : null}
                {row.status && row.status !== "ACCEPTED" ? (
                  <span className="muted">{row.status === "DECLINED" ? t("invitations.checkin.declinedHint") : t(`invitations.status.${row.status}`)}</span>
                ) : null}
              </div>
              <div className="checkin-state">
                {attendance ? (
                  <>
                    <span className="checkin-done" data-testid="checked-in">
                      ✓ {t("invitations.checkin.checkedIn")}
                      {attendance.time ? ` ${attendance.time}` : ""}
                    </span>
                    <UndoForm name={row.name} attendanceId={attendance.id} session={place.session} queue={queue} />
                  </>
                ) : pending ? (
                  <span className="checkin-pending" data-testid="pending">
                    ⏳ {t("invitations.checkin.pending")}
                  </span>
                ) : open ? (
                  <TapButton personId={row.personId} method={method} />
                ) : null}
              </div>
            </li>
          );
        })}
        {queue.walkIns.map((w) => (
          <li key={w.personId} data-checkin-person={w.name} className="is-present">
            <div className="checkin-who">
              <strong>{w.name}</strong>
              {w.place ? <span className="muted">{w.place}</span> : null}
              <span className="tag-inline">{t("invitations.checkin.walkInBadge")}</span>
            </div>
            <div className="checkin-state">
              <span className="checkin-done" data-testid="checked-in">
                ✓ {t("invitations.checkin.checkedIn")}
                {w.attendance.time ? ` ${w.attendance.time}` : ""}
              </span>
              <UndoForm name={w.name} attendanceId={w.attendance.id} session={place.session} queue={queue} />
            </div>
          </li>
        ))}
        {queue.pendingHere
          .filter((queued) => queued.kind === "walkIn")
          .map((queued) => (
            <li key={queued.clientRef} className="is-pending">
              <div className="checkin-who">
                <strong>{queued.name}</strong>
                <span className="tag-inline">{t("invitations.checkin.walkInBadge")}</span>
              </div>
              <div className="checkin-state">
                <span className="checkin-pending">⏳ {t("invitations.checkin.pending")}</span>
              </div>
            </li>
          ))}
      </ul>
    </>
  );
}

/**
 * Takes back a check-in (of the day, or of the session shown), after asking: a form post without
 * JavaScript, the phone's own request with it (so the door shows the answer).
 */
function UndoForm({ name, attendanceId, session, queue }: { name: string; attendanceId: string; session: string | null; queue: CheckInQueue }) {
  const { t } = useTranslation();
  return (
    <details className="checkin-undo">
      <summary>{t("invitations.checkin.undo")}</summary>
      <Form
        method="post"
        onSubmit={(submitted) => {
          if (!queue.ready) return;
          submitted.preventDefault();
          void queue.undo(attendanceId, name);
        }}
      >
        <p>{t("invitations.checkin.confirmUndo", { name })}</p>
        <input type="hidden" name="intent" value="undo" />
        <input type="hidden" name="attendanceId" value={attendanceId} />
        {session ? <input type="hidden" name="session" value={session} /> : null}
        <button type="submit" className="danger">
          {t("invitations.checkin.undo")}
        </button>
      </Form>
    </details>
  );
}

/** People of the directory who match the search but were not invited: each can be taken as a walk-in. */
export function DirectoryMatches({
  people,
  place,
  pageRef,
  open,
  queue,
  onTap,
}: {
  people: DirectoryMatch[];
  place: CheckInPlace;
  pageRef: string;
  open: boolean;
  queue: CheckInQueue;
  onTap: Tap;
}) {
  const { t } = useTranslation();
  if (!people.length) return null;
  return (
    <section className="card">
      <h2>{t("invitations.checkin.directoryTitle")}</h2>
      <ul className="checkin-list">
        {people.map((person) => (
          <li key={person.personId} data-checkin-person={person.name}>
            <div className="checkin-who">
              <strong>{person.name}</strong>
              {person.place ? <span className="muted">{person.place}</span> : null}
            </div>
            <div className="checkin-state">
              {queue.attendanceOf(person.personId) ? (
                <span className="checkin-done">✓ {t("invitations.checkin.checkedIn")}</span>
              ) : queue.isPending(person.personId) ? (
                <span className="checkin-pending">⏳ {t("invitations.checkin.pending")}</span>
              ) : open ? (
                <TapForm
                  personId={person.personId}
                  place={place}
                  method="WALK_IN"
                  pageRef={pageRef}
                  secondary
                  onTap={(e) => onTap(e, person.personId, person.name, "WALK_IN")}
                />
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The name search: filters the list as one types (with JavaScript), and asks the server for people of the directory too. */
export function CheckInSearch({ place, query, onQuery }: { place: CheckInPlace; query: string; onQuery: (query: string) => void }) {
  const { t } = useTranslation();
  return (
    <Form method="get" role="search" className="checkin-search">
      <PlaceFields place={place} />
      <label htmlFor="checkin-q" className="visually-hidden">
        {t("invitations.checkin.search")}
      </label>
      <input
        id="checkin-q"
        type="search"
        name="q"
        value={query}
        onChange={(changed) => onQuery(changed.target.value)}
        placeholder={t("invitations.checkin.search")}
        autoComplete="off"
      />
      <button type="submit" className="secondary">
        {t("invitations.checkin.find")}
      </button>
    </Form>
  );
}
