import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { enqueue, flushQueue, loadQueue, newClientRef, type QueuedTap, type TapAnswer } from "~/components/check-in-queue";

export type Notice = { ok: boolean; text: string };

/**
 * The check-in page's side of the phone's queue (app/components/check-in-queue.ts):
 * what waits to be sent, what the server confirmed since the page loaded,
 * whether the phone is online, and the last answer to show. Taps are sent
 * at once, again when the connection returns, and every ten seconds.
 */
export function useCheckInQueue(eventId: string, day: string) {
  const { t } = useTranslation();
  const [queue, setQueue] = useState<QueuedTap[]>([]);
  // Check-ins the server confirmed since the page loaded: personId|day → attendance id.
  const [confirmed, setConfirmed] = useState<Record<string, string>>({});
  const [walkIns, setWalkIns] = useState<Array<{ personId: string; name: string }>>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [online, setOnline] = useState(true);
  // Set once the page's script runs: taps then go through the queue instead of form posts.
  const [ready, setReady] = useState(false);

  const onAnswer = useCallback(
    (tap: QueuedTap, answer: TapAnswer) => {
      if (answer.ok) {
        setConfirmed((known) => ({ ...known, [`${answer.personId}|${tap.day}`]: answer.attendanceId }));
        if (tap.kind === "walkIn") setWalkIns((known) => (known.some((w) => w.personId === answer.personId) ? known : [...known, { personId: answer.personId, name: answer.name }]));
        setNotice({ ok: true, text: t(answer.status === "checkedIn" ? "invitations.checkin.done" : "invitations.checkin.already", { name: answer.name }) });
      } else {
        const reason = answer.error === "badRequest" ? t("errors.badRequestTitle") : t(`invitations.checkin.refusal.${answer.error}`);
        setNotice({ ok: false, text: `${tap.name}: ${reason}` });
      }
    },
    [t],
  );

  const sync = useCallback(() => {
    void flushQueue(eventId, onAnswer).then(() => setQueue(loadQueue(eventId)));
  }, [eventId, onAnswer]);

  useEffect(() => {
    setQueue(loadQueue(eventId));
    setOnline(navigator.onLine);
    setReady(true);
    sync();
    const goOnline = () => {
      setOnline(true);
      sync();
    };
    const goOffline = () => setOnline(false);
    window.addEventListener("online", goOnline);
    window.addEventListener("offline", goOffline);
    // Also retry now and then: "online" does not fire when the network was up but the server was not reachable.
    const timer = setInterval(sync, 10_000);
    return () => {
      window.removeEventListener("online", goOnline);
      window.removeEventListener("offline", goOffline);
      clearInterval(timer);
    };
  }, [eventId, sync]);

  const add = (tap: QueuedTap) => {
    enqueue(eventId, tap);
    setQueue(loadQueue(eventId));
    sync();
  };

  const pendingHere = queue.filter((tap) => tap.day === day);
  return {
    ready,
    online,
    notice,
    setNotice,
    walkIns,
    pendingHere,
    /** The attendance id the server confirmed for the person on this day, if any. */
    confirmedId: (personId: string) => confirmed[`${personId}|${day}`] as string | undefined,
    isPending: (personId: string) => pendingHere.some((tap) => tap.kind === "checkIn" && tap.personId === personId),
    queueTap: (personId: string, name: string, method: "NAME_SEARCH" | "WALK_IN" | "QR", code?: string) =>
      add({ kind: "checkIn", clientRef: newClientRef(), personId, name, method, code, day, at: new Date().toISOString() }),
    queueWalkIn: (fields: Record<string, string>) => add({ kind: "walkIn", clientRef: newClientRef(), fields, name: fields.name ?? "", day, at: new Date().toISOString() }),
  };
}

export type CheckInQueue = ReturnType<typeof useCheckInQueue>;
