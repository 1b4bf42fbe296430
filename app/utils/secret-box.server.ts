import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * Secrets the server must read back (second-factor keys) are stored encrypted
 * with AES-256-GCM under a key that is not in the database, so a copy of the
 * database (a backup, a leaked dump) does not give them away (ASVS 2.8.2).
 * SECOND_FACTOR_KEY sets the key (64 hex digits); without it one is made once
 * and kept in DATA_DIR, as the session secret is. Instances sharing a
 * database must share it, and a backup of the database needs it to be of use.
 */
let keyCache: Buffer | undefined;

function key(): Buffer {
  if (keyCache) return keyCache;
  const fromEnv = process.env.SECOND_FACTOR_KEY;
  if (fromEnv) {
    if (!/^[0-9a-f]{64}$/i.test(fromEnv)) throw new Error("SECOND_FACTOR_KEY must be 64 hexadecimal digits (32 bytes).");
    keyCache = Buffer.from(fromEnv, "hex");
    return keyCache;
  }
  const file = resolve(process.env.DATA_DIR ?? "data", "second-factor-secret");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    // "wx": two processes starting at once do not overwrite each other's key.
    try {
      writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  keyCache = Buffer.from(readFileSync(file, "utf8").trim(), "hex");
  return keyCache;
}

/** "v1.<iv>.<tag>.<ciphertext>", base64url. */
export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** The sealed text, or null when it was not sealed with this key (or was changed). */
export function unseal(sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
