// A separate process answering invitations, for tests that several app
// processes sharing one database never give a seat twice.
// Usage: DATABASE_URL=... node --import tsx test/helpers/answer-worker.ts <invitationId>...
import { answerInvitation } from "~/models/invitation.server";

const ids = process.argv.slice(2);
const results = await Promise.all(ids.map((invitationId) => answerInvitation({ invitationId, answer: "ACCEPT", channel: "LINK" })));
process.stdout.write(JSON.stringify(results.map((r) => (r.ok ? r.status : r.error))));
process.exit(0);
