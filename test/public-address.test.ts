// One rule for every link in an email or a calendar feed: the public address
// from APP_URL; outside production, http://localhost:PORT when it is unset.
import { prisma } from "~/db.server";
import { startScheduler } from "~/models/scheduler.server";
import { publicOrigin } from "~/utils/url.server";
import { seed } from "../prisma/seed";
import { createEvent, createPerson, invite } from "./helpers/factories";

const DAY = 86_400_000;
const saved = { APP_URL: process.env.APP_URL, NODE_ENV: process.env.NODE_ENV, PORT: process.env.PORT };

function setEnv(values: Partial<Record<keyof typeof saved, string | undefined>>) {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

afterEach(() => setEnv(saved));

describe("publicOrigin", () => {
  it("is APP_URL without its trailing slash", () => {
    setEnv({ APP_URL: "https://durable.example.org/" });
    expect(publicOrigin()).toBe("https://durable.example.org");
    setEnv({ APP_URL: "http://192.0.2.10:8080" });
    expect(publicOrigin()).toBe("http://192.0.2.10:8080");
  });

  it.each(["durable.example.org", "ftp://durable.example.org", "https://durable.example.org/app", "https://durable.example.org/?a=1", "https://durable.example.org#x", "https://a:b@durable.example.org", "https://"])(
    "refuses APP_URL=%j, naming the variable",
    (value) => {
      setEnv({ APP_URL: value });
      expect(() => publicOrigin()).toThrow(/APP_URL/);
    },
  );

  it("is http://localhost:PORT outside production when APP_URL is unset", () => {
    setEnv({ APP_URL: undefined, NODE_ENV: "test", PORT: "4123" });
    expect(publicOrigin()).toBe("http://localhost:4123");
    setEnv({ PORT: undefined });
    expect(publicOrigin()).toBe("http://localhost:3000");
  });

  it("is required in production", () => {
    setEnv({ APP_URL: undefined, NODE_ENV: "production" });
    expect(() => publicOrigin()).toThrow(/APP_URL/);
  });
});

describe("the scheduler's reminders", () => {
  beforeAll(async () => {
    await seed(process.env.DATABASE_URL, { demoUsers: false });
  });

  it("carry the public address, and never one the recipient cannot open", async () => {
    const event = await createEvent({ startsAt: new Date(Date.now() + 3 * DAY), titles: { en: "Round table on housing" } });
    const person = await createPerson({ email: "reminded@example.org", locale: "en" });
    await invite(event, person, "ACCEPTED", { data: { sentAt: new Date(Date.now() - 20 * DAY) } });
    const reminders = () => prisma.outboxMessage.findMany({ where: { toAddress: "reminded@example.org", template: "event-reminder" } });

    // In production without APP_URL (which the server refuses to start with): no reminder with a link to localhost.
    setEnv({ APP_URL: undefined, NODE_ENV: "production", PORT: "3000" });
    await startScheduler({ intervalMs: 3_600_000 }).stop();
    expect(await reminders()).toEqual([]);

    setEnv({ APP_URL: "https://durable.example.org/", NODE_ENV: saved.NODE_ENV });
    await startScheduler({ intervalMs: 3_600_000 }).stop();
    const sent = await reminders();
    expect(sent).toHaveLength(1);
    expect(sent[0].text).toContain("https://durable.example.org/invitation/");
    expect(sent[0].html).toContain("https://durable.example.org/invitation/");
    expect(sent[0].text).not.toContain("localhost");
  });
});
