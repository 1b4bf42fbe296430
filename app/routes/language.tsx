import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { setUserLocale } from "~/models/user.server";
import { getSessionUser, safeRedirect } from "~/utils/auth.server";
import { formFields } from "~/utils/forms";
import { isLocale } from "~/utils/i18n";
import { localeCookie } from "~/utils/locale.server";
import { readForm } from "~/utils/request.server";
import { cookieSecurity } from "~/utils/session.server";

export const loader = () => redirect("/");

/** The language switcher: saved on the account when logged in, and in a cookie either way. */
export async function action({ request }: ActionFunctionArgs) {
  const { locale, redirectTo } = formFields(await readForm(request));
  // The switcher offers the languages and sends the page's own address: anything else did not come from it.
  if (!isLocale(locale) || (redirectTo !== undefined && (typeof redirectTo !== "string" || redirectTo.length > 2000))) {
    throw new Response("Bad request", { status: 400 });
  }
  const back = safeRedirect(redirectTo, "/");
  const user = await getSessionUser(request);
  if (user) await setUserLocale(user.id, locale);
  return redirect(back, { headers: { "Set-Cookie": await localeCookie.serialize(locale, cookieSecurity(request)) } });
}

// The switch has no page of its own; this one only shows a refused switch (the error page), like every other form.
export default function Language() {
  return null;
}
