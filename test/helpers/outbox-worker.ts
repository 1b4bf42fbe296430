// A separate process running the outbox worker as the app does, for tests
// that kill a worker in the middle of a delivery.
// Usage: DATABASE_URL=... SMTP_URL=... node --import tsx test/helpers/outbox-worker.ts
import { startOutboxWorker } from "~/models/outbox.server";

// One round at start, then only when the test's own timer would fire (never, in practice).
startOutboxWorker({ intervalMs: 3_600_000 });
