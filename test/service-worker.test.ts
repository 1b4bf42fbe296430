import { buildAssetsIn, changesSession, checkInPageKey, copyIsFresh, COPY_MAX_AGE_MS, mayKeep } from "~/service-worker/scope";

// What the check-in service worker may keep on a phone, and when it forgets
// (app/service-worker/scope.ts). The worker itself is driven in Chromium by
// test/e2e/checkin-offline.test.ts.

const ORIGIN = "https://durable.example.org";
const at = (path: string) => new URL(path, ORIGIN);

describe("the check-in pages a phone keeps", () => {
  it("keeps an event's check-in page per day, under one address whatever else the address asks", () => {
    expect(checkInPageKey(at("/events/ev1/checkin?day=2027-06-09"))).toBe(`${ORIGIN}/events/ev1/checkin?day=2027-06-09`);
    expect(checkInPageKey(at("/events/ev1/checkin"))).toBe(`${ORIGIN}/events/ev1/checkin`);
    expect(checkInPageKey(at("/events/ev1/checkin/?day=2027-06-09&q=drita"))).toBe(`${ORIGIN}/events/ev1/checkin?day=2027-06-09`);
    expect(checkInPageKey(at("/events/ev1/checkin?day=2027-06-10"))).not.toBe(checkInPageKey(at("/events/ev1/checkin?day=2027-06-09")));
  });

  it("keeps a session's check-in page apart from its day's, one per session", () => {
    const session = at("/events/ev1/checkin?day=2027-06-09&session=s1&q=drita");
    expect(checkInPageKey(session)).toBe(`${ORIGIN}/events/ev1/checkin?day=2027-06-09&session=s1`);
    expect(checkInPageKey(at("/events/ev1/checkin?session=s1&day=2027-06-09"))).toBe(checkInPageKey(session));
    expect(checkInPageKey(at("/events/ev1/checkin?day=2027-06-09&session=s2"))).not.toBe(checkInPageKey(session));
    expect(checkInPageKey(at("/events/ev1/checkin?day=2027-06-09"))).not.toBe(checkInPageKey(session));
    expect(checkInPageKey(at("/events/ev1/checkin?day=2027-06-09&session=../x"))).toBeNull();
    expect(mayKeep(at("/events/ev1/checkin?day=2027-06-09&session=s1"))).toBe(true);
    expect(mayKeep(session)).toBe(false);
  });

  it("keeps no other page: not the event, the paper sheet, the taps, the loader data, nor anyone's directory", () => {
    for (const path of [
      "/events/ev1",
      "/events/ev1/invitations",
      "/events/ev1/checkin/paper?day=2027-06-09",
      "/events/ev1/checkin/tap",
      "/events/ev1/checkin.data?day=2027-06-09",
      "/people/p1",
      "/dashboard",
      "/events/ev1/checkin?day=not-a-day",
    ]) {
      expect(checkInPageKey(at(path)), path).toBeNull();
    }
  });

  it("keeps the server's answer only for the page itself: a search lists people of the directory who are not invited", () => {
    expect(mayKeep(at("/events/ev1/checkin?day=2027-06-09"))).toBe(true);
    expect(mayKeep(at("/events/ev1/checkin"))).toBe(true);
    expect(mayKeep(at("/events/ev1/checkin?day=2027-06-09&q=drita"))).toBe(false);
    expect(mayKeep(at("/events/ev1/checkin?index&day=2027-06-09"))).toBe(false);
    expect(mayKeep(at("/events/ev1/report"))).toBe(false);
  });

  it("forgets every kept page when a session starts or ends, with or without JavaScript", () => {
    for (const path of ["/login", "/login.data", "/logout", "/logout.data"]) expect(changesSession(at(path)), path).toBe(true);
    for (const path of ["/language", "/events/ev1/checkin", "/login/help", "/register"]) expect(changesSession(at(path)), path).toBe(false);
  });

  it("keeps the build files the page loads: its scripts, module preloads, style sheet and language file, once each", () => {
    const html = [
      '<link rel="stylesheet" href="/build/_assets/styles-ABC123.css"/><link rel="preload" as="fetch" href="/locales/sq.0a1b2c.json" crossorigin="anonymous"/>',
      '<link rel="modulepreload" href="/build/entry.client-DEF.js"/><link rel="modulepreload" href="/build/_shared/chunk-GHI.js"/>',
      '<p>Drita Hoxha</p><a href="/events/ev1/checkin/paper?day=2027-06-09">paper</a><a href="https://example.org/build/x.js">x</a>',
      '<script type="module" async="">import "/build/manifest-1A2B.js"; import * as route0 from "/build/root-3C4D.js";',
      'import * as route1 from "/build/routes/events.$id.checkin._index-5E6F.js"; import "/build/_shared/chunk-GHI.js";</script>',
    ].join("\n");
    expect(buildAssetsIn(html, ORIGIN).sort()).toEqual(
      [
        "/build/_assets/styles-ABC123.css",
        "/build/_shared/chunk-GHI.js",
        "/build/entry.client-DEF.js",
        "/build/manifest-1A2B.js",
        "/build/root-3C4D.js",
        "/build/routes/events.$id.checkin._index-5E6F.js",
        "/locales/sq.0a1b2c.json",
      ].map((path) => `${ORIGIN}${path}`),
    );
  });

  it("shows a kept page for 14 days after the server made it, and never after", () => {
    const made = "Wed, 09 Jun 2027 07:00:00 GMT";
    const time = Date.parse(made);
    expect(copyIsFresh(made, time + 60_000)).toBe(true);
    expect(copyIsFresh(made, time + COPY_MAX_AGE_MS - 1)).toBe(true);
    expect(copyIsFresh(made, time + COPY_MAX_AGE_MS)).toBe(false);
    expect(copyIsFresh(null, time)).toBe(false);
    expect(copyIsFresh("yesterday", time)).toBe(false);
  });
});
