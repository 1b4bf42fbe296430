import { completeEndedEvents } from "~/models/event.server";
import { sendFeedbackRequests } from "~/models/feedback.server";
import { sendDueReminders } from "~/models/reminder.server";

/**
 * Timed work beside the outbox: reminders that fell due, events that have
 * ended, and the feedback questionnaire after them. Safe to run in several instances at once (each step claims its rows).
 * Reminder links need the app's public address: APP_URL, else http://localhost:PORT.
 */
export function startScheduler(options: { intervalMs?: number } = {}) {
  const intervalMs = options.intervalMs ?? Number(process.env.SCHEDULER_INTERVAL_MS || 60_000);
  const appUrl = (process.env.APP_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/+$/, "");
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await sendDueReminders(appUrl);
      await completeEndedEvents();
      await sendFeedbackRequests(appUrl);
    } catch (error) {
      console.error("scheduler: round failed:", error instanceof Error ? error.message : String(error));
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return {
    async stop() {
      clearInterval(timer);
      while (running) await new Promise((r) => setTimeout(r, 50));
    },
  };
}
