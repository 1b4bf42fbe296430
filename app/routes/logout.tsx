import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/utils/auth.server";

// Logging out is a POST (a link that logs out could be triggered by anyone).
export const loader = () => redirect("/");

export async function action({ request }: ActionFunctionArgs) {
  return endSession(request);
}
