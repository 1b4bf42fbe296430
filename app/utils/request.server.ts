import type { AppLoadContext } from "@remix-run/node";

/** The client's address as the server saw it (see server.js; behind a proxy set TRUST_PROXY). */
export function clientAddress(context: AppLoadContext): string | null {
  const address = (context as { clientAddress?: unknown }).clientAddress;
  return typeof address === "string" && address ? address : null;
}

/**
 * The largest form body read. The biggest honest one is a guideline
 * translation: many sections of up to 60,000 characters each, urlencoded
 * (an "ë" takes six bytes there).
 */
export const FORM_MAX_BYTES = 10 * 1024 * 1024;

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * A refusal of a body no form of ours sends. Pages show it with the error
 * page (root ErrorBoundary); resource routes answer it as it is, as JSON.
 */
function refusedBody(status: 400 | 413 | 415): Response {
  return Response.json({ ok: false, error: "badRequest" }, { status, headers: status === 413 ? { Connection: "close" } : undefined });
}

/** The body's bytes, or null once it passes `max` (reading stops there). */
async function readAtMost(request: Request, max: number): Promise<Buffer | null> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Thrown while a body passes the limit set by `withBodyLimit`. */
export class BodyTooLargeError extends Error {
  constructor() {
    super("The request body is larger than allowed.");
    this.name = "BodyTooLargeError";
  }
}

/**
 * The request with its body cut off at `maxBytes` in all: reading further
 * throws BodyTooLargeError. A multipart parser limits each part; this limits
 * the whole, whether or not the body announced its length (chunked uploads).
 */
export function withBodyLimit(request: Request, maxBytes: number): Request {
  if (!request.body) return request;
  let size = 0;
  const limited = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > maxBytes) controller.error(new BodyTooLargeError());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Request(request.url, { method: request.method, headers: request.headers, body: limited, duplex: "half" } as RequestInit);
}

/** Browsers send forms as UTF-8 (our pages say so): anything else is not text a person typed. */
function isUtf8Urlencoded(bytes: Buffer): boolean {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    // decodeURIComponent refuses percent-escapes that are not UTF-8 (and lone surrogates), which URLSearchParams would turn into U+FFFD.
    for (const part of text.split("&")) decodeURIComponent(part.replace(/\+/g, " "));
    return true;
  } catch {
    return false;
  }
}

/**
 * The form a page posted. Every action reads its form here, so a body no
 * form of ours sends is refused in one place with a 4xx instead of failing
 * later as a 500: another content type (JSON, plain text) with 415, more than
 * FORM_MAX_BYTES with 413, and a multipart body that does not parse, bytes
 * that are not UTF-8 or a NUL character with 400. NUL is refused because no
 * one types it and PostgreSQL cannot store it in text.
 */
export async function readForm(request: Request): Promise<FormData> {
  const contentType = request.headers.get("Content-Type") ?? "";
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) throw refusedBody(415);
  if (Number(request.headers.get("Content-Length") ?? 0) > FORM_MAX_BYTES) throw refusedBody(413);
  const bytes = await readAtMost(request, FORM_MAX_BYTES);
  if (!bytes) throw refusedBody(413);
  if (type === "application/x-www-form-urlencoded" && !isUtf8Urlencoded(bytes)) throw refusedBody(400);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes), { headers: { "Content-Type": contentType } }).formData();
  } catch {
    throw refusedBody(400);
  }
  for (const [name, value] of form) {
    if (name.includes("\0") || (typeof value === "string" && value.includes("\0"))) throw refusedBody(400);
  }
  return form;
}
