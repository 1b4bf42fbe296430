/**
 * How a domain function says no. A refusal carries its HTTP status and the
 * message key the reader sees (and the field it belongs to, if any), so a
 * route never guesses a status from a message: it hands the refusal to
 * `refusalReply` or `refusalResponse` (app/utils/refusal.server.ts), the one
 * place where refusals become responses.
 *
 * Models whose results name a code (`{ ok: false, error: "alreadyMember" }`)
 * keep that shape and publish a table from code to refusal beside it
 * (`refusals({...})`); `refusalOf(table, code)` reads it.
 */

export type RefusalStatus = 400 | 403 | 404 | 409 | 413 | 429;

export type Refusal = { ok: false; field: string | null; message: string; status: RefusalStatus };

/** A refusal; 400 unless said otherwise. */
export function refuse(field: string | null, message: string, status: RefusalStatus = 400): Refusal {
  return { ok: false, field, message, status };
}

/** The thing asked about does not exist, or is not the reader's to see. */
export function notFoundRefusal(): Refusal {
  return refuse(null, "errors.notFound", 404);
}

/** The reader may not do this. */
export function forbiddenRefusal(): Refusal {
  return refuse(null, "errors.forbidden", 403);
}

type RefusalSpec = { status: RefusalStatus; message: string; field?: string };

export type RefusalTable<Code extends string> = Readonly<Record<Code, RefusalSpec>>;

/** A model's table of refusals by code, checked to name every code once. */
export function refusals<Code extends string>(table: Record<Code, RefusalSpec>): RefusalTable<Code> {
  return table;
}

/** The refusal a code stands for. */
export function refusalOf<Code extends string>(table: RefusalTable<Code>, code: Code): Refusal {
  const spec = table[code];
  return refuse(spec.field ?? null, spec.message, spec.status);
}
