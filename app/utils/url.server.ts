/** The app's public address for links in emails: APP_URL, else the address the request came to. */
export function appUrl(request: Request): string {
  const configured = process.env.APP_URL?.replace(/\/+$/, "");
  return configured || new URL(request.url).origin;
}
