import { createHash, randomBytes } from "node:crypto";

/** A random token for links sent by email: 32 bytes, URL-safe. */
export function createToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Tokens and other secrets are stored only as this hash. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
