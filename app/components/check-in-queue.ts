// The phone's queue of check-ins (browser only). A tap is saved in
// localStorage first, with a random clientRef, and shown at once as checked
// in; it is then sent, and sent again until the server has answered it. The
// server records a clientRef once, so a tap whose answer was lost on a weak
// connection and is sent again is not recorded twice.

import type { CheckInRefusal } from "~/utils/attendance";

export type QueuedTap = {
  clientRef: string;
  day: string;
  /** The session of that day the tap is for; absent for the whole day (and in taps kept before sessions). */
  session?: string | null;
  /** When the tap was made (ISO); the server keeps it as the check-in time. */
  at: string;
  /** Shown while pending. */
  name: string;
} & (
  | { kind: "checkIn"; personId: string; method: "NAME_SEARCH" | "WALK_IN" | "QR"; code?: string }
  | { kind: "walkIn"; fields: Record<string, string> }
);

export type TapAnswer =
  | { ok: true; status: "checkedIn" | "alreadyCheckedIn"; attendanceId: string; personId: string; name: string }
  | { ok: false; error: CheckInRefusal | "badRequest" };

const storageKey = (eventId: string) => `durable:checkin:${eventId}`;

/**
 * A random id for a tap. crypto.randomUUID exists only on HTTPS pages, and a
 * venue's laptop may serve the app over plain HTTP on its own network;
 * getRandomValues works on both.
 */
export function newClientRef(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function loadQueue(eventId: string): QueuedTap[] {
  try {
    const raw = window.localStorage.getItem(storageKey(eventId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as QueuedTap[]) : [];
  } catch {
    return [];
  }
}

function saveQueue(eventId: string, taps: QueuedTap[]) {
  if (taps.length) window.localStorage.setItem(storageKey(eventId), JSON.stringify(taps));
  else window.localStorage.removeItem(storageKey(eventId));
}

/** Whether a queued tap is for that day and session (or the whole day, session null). */
export function tapIsFor(tap: QueuedTap, place: { day: string; session: string | null }): boolean {
  return tap.day === place.day && (tap.session ?? null) === place.session;
}

/** Adds a tap unless the same person is already waiting to be sent for that day or session (a double tap). */
export function enqueue(eventId: string, tap: QueuedTap): boolean {
  const queue = loadQueue(eventId);
  const place = { day: tap.day, session: tap.session ?? null };
  if (tap.kind === "checkIn" && queue.some((q) => q.kind === "checkIn" && q.personId === tap.personId && tapIsFor(q, place))) return false;
  saveQueue(eventId, [...queue, tap]);
  return true;
}

function remove(eventId: string, clientRef: string) {
  saveQueue(
    eventId,
    loadQueue(eventId).filter((q) => q.clientRef !== clientRef),
  );
}

/** Sends one tap. "retry" when there was no usable answer (offline, server trouble, signed out): the tap stays queued. */
async function send(eventId: string, tap: QueuedTap): Promise<TapAnswer | "retry"> {
  const body = new URLSearchParams({ kind: tap.kind, clientRef: tap.clientRef, day: tap.day, at: tap.at });
  if (tap.session) body.set("session", tap.session);
  if (tap.kind === "checkIn") {
    body.set("personId", tap.personId);
    body.set("method", tap.method);
    if (tap.code) body.set("code", tap.code);
  } else {
    for (const [name, value] of Object.entries(tap.fields)) body.set(name, value);
  }
  let response: Response;
  try {
    response = await fetch(`/events/${encodeURIComponent(eventId)}/checkin/tap`, {
      method: "POST",
      body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
  } catch {
    return "retry";
  }
  // A signed-out phone is sent to the login page: keep the tap until it signs in again.
  if (!(response.headers.get("Content-Type") ?? "").includes("application/json")) return "retry";
  if (response.status >= 500 || response.status === 429 || response.status === 401 || response.status === 403) return "retry";
  try {
    return (await response.json()) as TapAnswer;
  } catch {
    return "retry";
  }
}

let flushing: Promise<void> | null = null;

/**
 * Sends every queued tap in order, stopping at the first that cannot be sent
 * now. Each answered tap (checked in, or refused for good) leaves the queue
 * and is reported. Only one flush runs at a time.
 */
export function flushQueue(eventId: string, onAnswer: (tap: QueuedTap, answer: TapAnswer) => void): Promise<void> {
  if (flushing) return flushing;
  const run = async () => {
    for (const tap of loadQueue(eventId)) {
      const answer = await send(eventId, tap);
      if (answer === "retry") break;
      remove(eventId, tap.clientRef);
      onAnswer(tap, answer);
    }
  };
  // Cleared in a .finally, which always runs after the assignment (an empty queue finishes synchronously).
  flushing = run().finally(() => {
    flushing = null;
  });
  return flushing;
}
