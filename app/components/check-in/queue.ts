import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { manySummary } from "~/components/check-in/check-many";
import { enqueue, flushQueue, loadQueue, newClientRef, tapIsFor, type QueuedTap, type TapAnswer } from "~/components/check-in-queue";
import { placeQuery, type AttendanceView, type CheckInManyAnswer, type CheckInPlace, type PresentState } from "~/utils/attendance";

export type Notice = { ok: boolean; text: string };

/** A person checked in who is not among the page's rows (a walk-in taken since it loaded, here or on another phone). */
export type WalkInSeen = { personId: string; name: string; place: string; attendance: AttendanceView };

/** The server's state of the day (or session), as this phone last knew it. */
type ServerState = { present: Map<string, AttendanceView>; walkIns: WalkInSeen[] };

type Row = { personId: string; attendance: AttendanceView | null };

function fromRows(rows: Row[]): ServerState {
  const present = new Map<string, AttendanceView>();
  for (const row of rows) if (row.attendance) present.set(row.personId, row.attendance);
  return { present, walkIns: [] };
}

function fromPresent(state: PresentState, rows: Row[]): ServerState {
  const known = new Set(rows.map((row) => row.personId));
  return {
    present: new Map(state.present.map((p) => [p.personId, p.attendance])),
    walkIns: state.present.filter((p) => !known.has(p.personId)).map((p) => ({ personId: p.personId, name: p.walkIn?.name ?? "", place: p.walkIn?.place ?? "", attendance: p.attendance })),
  };
}

/** The answers of one sending of the queue, counted as the page without JavaScript counts several people checked in at once. */
function countAnswers(answered: Array<{ tap: QueuedTap; answer: TapAnswer }>): CheckInManyAnswer {
  const many: CheckInManyAnswer = { checkedIn: 0, already: 0, refused: [] };
  for (const { tap, answer } of answered) {
    if (!answer.ok) many.refused.push({ name: tap.name, error: answer.error });
    else if (answer.status === "checkedIn") many.checkedIn++;
    else many.already++;
  }
  return many;
}

type UndoAnswer = { ok: true; undone: true; personId: string } | { ok: false; error: string };

/**
 * The check-in page's side of the phone's queue (app/components/check-in-queue.ts).
 * What the page shows is the server's state of the day, or of the session
 * chosen (from the page's
 * data, then from each answer and from polling /checkin/present, so taps
 * from other phones, paper sheets and undos show up), with the taps still
 * waiting on this phone on top of it, marked as such. Sending the queue,
 * undoing and polling run one after another, never at once, so an older
 * answer never overwrites a newer one.
 */
export function useCheckInQueue(eventId: string, place: CheckInPlace, rows: Row[]) {
  const { day, session } = place;
  const { t } = useTranslation();
  const [queue, setQueue] = useState<QueuedTap[]>([]);
  const [server, setServer] = useState<ServerState>(() => fromRows(rows));
  const [notice, setNotice] = useState<Notice | null>(null);
  const [online, setOnline] = useState(true);
  // Set once the page's script runs: taps then go through the queue instead of form posts.
  const [ready, setReady] = useState(false);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const etag = useRef<string | null>(null);
  const current = useRef({ day, session, rows });
  current.current = { day, session, rows };

  // New page data (another day, a search, a form sent without the queue) is the truth of its moment.
  useEffect(() => {
    etag.current = null;
    setServer(fromRows(rows));
  }, [rows]);

  /** Runs one piece of work after the ones before it. */
  const serially = useCallback((work: () => Promise<void>) => {
    chain.current = chain.current.then(work).catch(() => undefined);
    return chain.current;
  }, []);

  /** Reads who is checked in now; on no connection, keeps what it knew. */
  const refresh = useCallback(async () => {
    const asked = { day: current.current.day, session: current.current.session };
    let response: Response;
    try {
      response = await fetch(`/events/${encodeURIComponent(eventId)}/checkin/present?${placeQuery(asked)}`, {
        headers: { Accept: "application/json", ...(etag.current ? { "If-None-Match": etag.current } : {}) },
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch {
      return;
    }
    if (response.status !== 200 || !(response.headers.get("Content-Type") ?? "").includes("application/json")) return;
    const state = (await response.json()) as PresentState;
    if (state.day !== current.current.day || state.session !== current.current.session) return;
    etag.current = response.headers.get("ETag");
    setServer(fromPresent(state, current.current.rows));
  }, [eventId]);

  const onAnswer = useCallback(
    (tap: QueuedTap, answer: TapAnswer) => {
      if (answer.ok) {
        if (tapIsFor(tap, current.current)) {
          setServer((known) => {
            const present = new Map(known.present);
            present.set(answer.personId, present.get(answer.personId) ?? { id: answer.attendanceId, method: null, time: null });
            const onRows = current.current.rows.some((row) => row.personId === answer.personId);
            const walkIns =
              onRows || known.walkIns.some((w) => w.personId === answer.personId)
                ? known.walkIns
                : [...known.walkIns, { personId: answer.personId, name: answer.name, place: "", attendance: present.get(answer.personId)! }];
            return { present, walkIns };
          });
        }
        setNotice({ ok: true, text: t(answer.status === "checkedIn" ? "invitations.checkin.done" : "invitations.checkin.already", { name: answer.name }) });
      } else {
        const reason = answer.error === "badRequest" ? t("errors.badRequestTitle") : t(`invitations.checkin.refusal.${answer.error}`);
        setNotice({ ok: false, text: `${tap.name}: ${reason}` });
      }
    },
    [t],
  );

  /** Sends what waits in the queue, then reads the server's state. */
  const sync = useCallback(
    () =>
      serially(async () => {
        const answered: Array<{ tap: QueuedTap; answer: TapAnswer }> = [];
        await flushQueue(eventId, (tap, answer) => {
          answered.push({ tap, answer });
          onAnswer(tap, answer);
        });
        // Several answers at once (people ticked together, or taps kept while offline): one notice counts them all, refusals by name.
        if (answered.length > 1) {
          const many = countAnswers(answered);
          setNotice({ ok: many.refused.length === 0, text: manySummary(t, many) });
        }
        setQueue(loadQueue(eventId));
        await refresh();
      }),
    [eventId, onAnswer, refresh, serially, t],
  );

  useEffect(() => {
    setQueue(loadQueue(eventId));
    setOnline(navigator.onLine);
    setReady(true);
    void sync();
    const goOnline = () => {
      setOnline(true);
      void sync();
    };
    const goOffline = () => setOnline(false);
    const shown = () => {
      if (document.visibilityState === "visible") void sync();
    };
    window.addEventListener("online", goOnline);
    window.addEventListener("offline", goOffline);
    document.addEventListener("visibilitychange", shown);
    // Also now and then: "online" does not fire when the network was up but the server was not reachable,
    // and other phones check people in too.
    const timer = setInterval(() => void sync(), 10_000);
    return () => {
      window.removeEventListener("online", goOnline);
      window.removeEventListener("offline", goOffline);
      document.removeEventListener("visibilitychange", shown);
      clearInterval(timer);
    };
  }, [eventId, sync]);

  const add = (tap: QueuedTap) => {
    enqueue(eventId, tap);
    setQueue(loadQueue(eventId));
    void sync();
  };

  /** Takes back a check-in the server has: needs the connection (the answer decides what the door shows). */
  const undo = (attendanceId: string, name: string) =>
    serially(async () => {
      let answer: UndoAnswer;
      try {
        const response = await fetch(`/events/${encodeURIComponent(eventId)}/checkin/tap`, {
          method: "POST",
          body: new URLSearchParams({ kind: "undo", attendanceId, ...(session ? { session } : {}) }),
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        answer = (await response.json()) as UndoAnswer;
      } catch {
        setNotice({ ok: false, text: t("invitations.checkin.undoOffline", { name }) });
        return;
      }
      if (answer.ok) {
        setServer((known) => {
          const present = new Map(known.present);
          present.delete(answer.personId);
          return { present, walkIns: known.walkIns.filter((w) => w.personId !== answer.personId) };
        });
        setNotice({ ok: true, text: t("invitations.checkin.undone") });
      } else {
        setNotice({ ok: false, text: `${name}: ${t("invitations.checkin.undoGone")}` });
      }
      await refresh();
    });

  const pendingHere = queue.filter((tap) => tapIsFor(tap, place));
  const waiting = (personId: string) => pendingHere.some((tap) => tap.kind === "checkIn" && tap.personId === personId);
  // Present: everyone the server has, and the taps only on this phone for people it does not have yet.
  const onlyHere = pendingHere.filter((tap) => tap.kind === "walkIn" || !server.present.has(tap.personId)).length;
  return {
    ready,
    online,
    notice,
    setNotice,
    pendingHere,
    /** Walk-ins the server has that the page's rows do not. */
    walkIns: server.walkIns,
    presentCount: server.present.size + onlyHere,
    /** Check-ins made on this phone that the server does not have yet. */
    onlyHere,
    /** The person's check-in on this day, as the server last said. */
    attendanceOf: (personId: string) => server.present.get(personId) ?? null,
    isPending: waiting,
    undo,
    queueTap: (personId: string, name: string, method: "NAME_SEARCH" | "WALK_IN" | "QR", code?: string) =>
      add({ kind: "checkIn", clientRef: newClientRef(), personId, name, method, code, day, session, at: new Date().toISOString() }),
    queueWalkIn: (fields: Record<string, string>) =>
      add({ kind: "walkIn", clientRef: newClientRef(), fields, name: fields.name ?? "", day, session, at: new Date().toISOString() }),
  };
}

export type CheckInQueue = ReturnType<typeof useCheckInQueue>;
