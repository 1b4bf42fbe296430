import type { Submission } from "@conform-to/react";
import { data } from "@remix-run/node";
import type { Refusal } from "~/utils/refusal";

/** A page that does not exist, or that the reader may not know exists: the error page says so. */
export function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

/**
 * The response to a refused action, in one place. A missing or forbidden
 * thing is thrown, so the page's error boundary explains it; any other
 * refusal goes back to the form that was sent, beside its field or above
 * the form, with the refusal's status.
 */
export function refusalReply<Extra extends Record<string, unknown> = Record<string, never>>(
  submission: Pick<Submission<unknown>, "reply">,
  refusal: Refusal,
  extra?: Extra,
  options: { hideFields?: string[]; headers?: HeadersInit } = {},
) {
  throwIfMissing(refusal);
  const errors = refusal.field ? { fieldErrors: { [refusal.field]: [refusal.message] } } : { formErrors: [refusal.message] };
  const result = submission.reply({ ...errors, hideFields: options.hideFields });
  return data({ ...(extra as Extra), result }, { status: refusal.status, headers: options.headers });
}

/** The same for a resource route (JSON answers, as the door's phone reads them): the refusal as `{ ok: false, field, message }` with its status. */
export function refusalResponse(refusal: Refusal) {
  return data({ ok: false as const, field: refusal.field, message: refusal.message }, { status: refusal.status });
}

/** Throws the error page's response for a missing (404) or forbidden (403) thing; returns for any other refusal. */
export function throwIfMissing(refusal: Pick<Refusal, "status">): void {
  if (refusal.status === 404) throw notFound();
  if (refusal.status === 403) throw new Response("Forbidden", { status: 403 });
}
