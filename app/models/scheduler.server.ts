import { completeEndedEvents } from "~/models/event.server";
import { sendFeedbackRequests } from "~/models/feedback.server";
import { onSendingRequested, sendRequestedInvitations } from "~/models/invitation-list.server";
import { sendDueReminders } from "~/models/reminder.server";
import { deleteDeadSessions } from "~/models/session.server";
import { errorFields, log } from "~/utils/log.server";
import { publicOrigin } from "~/utils/url.server";

const SENDING_POLL_MS = 3000;

/**
 * Timed work beside the outbox: reminders that fell due, events that have
 * ended, the feedback questionnaire after them, and the invitations trainers
 * asked to send. Safe to run in several instances at once (each step claims its rows).
 * Reminder and feedback links carry the public address (publicOrigin, from APP_URL);
 * without one (production without APP_URL) a round sends nothing and logs why.
 */
export function startScheduler(options: { intervalMs?: number } = {}) {
  const intervalMs = options.intervalMs ?? Number(process.env.SCHEDULER_INTERVAL_MS || 60_000);
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const started = Date.now();
      const appUrl = publicOrigin();
      const reminders = await sendDueReminders(appUrl);
      const completedEvents = await completeEndedEvents();
      const feedbackRequests = await sendFeedbackRequests(appUrl);
      // Sessions past their lifetime are refused when used; this forgets those never used again.
      await deleteDeadSessions();
      // A quiet round is the usual case: logged only at debug level.
      const level = reminders + completedEvents + feedbackRequests > 0 ? "info" : "debug";
      log[level]("scheduler.round", { reminders, completedEvents, feedbackRequests, ms: Date.now() - started });
    } catch (error) {
      log.error("scheduler.round_failed", errorFields(error));
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();

  // Invitations a trainer asked to send: at once when asked in this process,
  // and every few seconds for those asked through another instance (or left
  // by one that stopped). One round at a time; a request during a round runs another.
  let stopping = false;
  let sending: Promise<void> | null = null;
  let sendAgain = false;
  const send = () => {
    if (sending) {
      sendAgain = true;
      return;
    }
    sending = (async () => {
      do {
        sendAgain = false;
        try {
          const started = Date.now();
          const { sent, finished } = await sendRequestedInvitations({ shouldStop: () => stopping });
          if (sent || finished) log.info("scheduler.invitations_sent", { sent, finishedSendings: finished, ms: Date.now() - started });
        } catch (error) {
          log.error("scheduler.sending_failed", errorFields(error));
        }
      } while (sendAgain && !stopping);
    })().finally(() => (sending = null));
  };
  const unsubscribe = onSendingRequested(send);
  const sendTimer = setInterval(send, SENDING_POLL_MS);
  sendTimer.unref();
  send();

  return {
    async stop() {
      stopping = true;
      clearInterval(timer);
      clearInterval(sendTimer);
      unsubscribe();
      while (running) await new Promise((r) => setTimeout(r, 50));
      // The round stops after its current batch and hands its sending back.
      await sending;
    },
  };
}
