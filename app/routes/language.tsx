import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { setUserLocale } from "~/models/user.server";
import { getSessionUser, safeRedirect } from "~/utils/auth.server";
import { isLocale } from "~/utils/i18n";
import { localeCookie } from "~/utils/locale.server";
import { cookieSecurity } from "~/utils/session.server";

export const loader = () => redirect("/");

/** The language switcher: saved on the account when logged in, and in a cookie either way. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  const back = safeRedirect(form.get("redirectTo"), "/");
  if (!isLocale(locale)) return redirect(back);
  const user = await getSessionUser(request);
  if (user) await setUserLocale(user.id, locale);
  return redirect(back, { headers: { "Set-Cookie": await localeCookie.serialize(locale, cookieSecurity(request)) } });
}
