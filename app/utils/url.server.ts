/**
 * The app's public address, the origin of every link in an email or a
 * calendar feed: APP_URL (e.g. https://durable.example.org). Never the Host or
 * X-Forwarded-Host of a request: those are whatever the sender wrote.
 *
 * Outside production an unset APP_URL means http://localhost:PORT; in
 * production it is required (`node server.js --local`, as `npm start` runs it,
 * sets it to this machine). See docs/decisions/014-public-address.md.
 */
export function publicOrigin(): string {
  const configured = process.env.APP_URL?.trim();
  if (configured) {
    // Checked once per value: the links of every request and round reuse it.
    if (checked?.value !== configured) checked = { value: configured, origin: parseAppUrl(configured) };
    return checked.origin;
  }
  if (isProduction()) throw new Error(APP_URL_REQUIRED);
  return `http://localhost:${process.env.PORT || 3000}`;
}

let checked: { value: string; origin: string } | undefined;

const isProduction = () => process.env.NODE_ENV === "production";

export const APP_URL_REQUIRED =
  "APP_URL is not set: set APP_URL to the public address of this app, e.g. APP_URL=https://durable.example.org (links in emails use it). To try the app on this machine, run `npm start`.";

/** An absolute http(s) address with nothing after the host and port but "/"; its origin, without the slash. */
function parseAppUrl(value: string): string {
  const refuse = (why: string) => new Error(`APP_URL=${JSON.stringify(value)} is not a public address (${why}): set it to e.g. https://durable.example.org`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse("not an absolute address");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw refuse("it must start with https:// or http://");
  if (!url.hostname) throw refuse("no host");
  if (url.username || url.password) throw refuse("no user name or password");
  if (url.pathname !== "/" || url.search || url.hash || /[?#]/.test(value)) throw refuse("no path, query or #fragment");
  return url.origin;
}
