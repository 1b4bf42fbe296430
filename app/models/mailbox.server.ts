import { existsSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import type { SessionUser } from "~/utils/auth.server";
import { mailboxDir } from "~/utils/mailer.server";
import { can } from "~/utils/permissions.server";

/**
 * The local mailbox: where emails go when no SMTP server is configured. In
 * development anyone can read it (it is how a developer follows a link);
 * in production only admins, and only when there is no SMTP server.
 */
export function mailboxVisibleTo(user: Pick<SessionUser, "roles"> | null): boolean {
  if (process.env.SMTP_URL) return false;
  if (process.env.NODE_ENV !== "production") return true;
  return can(user, "mailbox:read");
}

export type MailSummary = { id: string; to: string; subject: string; date: string };

const ID = /^[A-Za-z0-9._-]+$/;

function recipients(mail: ParsedMail): string {
  if (!mail.to) return "";
  return Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : mail.to.text;
}

export async function listMailbox(limit = 100): Promise<MailSummary[]> {
  const dir = mailboxDir();
  if (!existsSync(dir)) return [];
  const files = (await readdir(dir)).filter((f) => f.endsWith(".eml"));
  const withTimes = await Promise.all(files.map(async (f) => ({ f, mtime: (await stat(join(dir, f))).mtimeMs })));
  withTimes.sort((a, b) => b.mtime - a.mtime);
  return Promise.all(
    withTimes.slice(0, limit).map(async ({ f }) => {
      const mail = await simpleParser(await readFile(join(dir, f)));
      return {
        id: f.replace(/\.eml$/, ""),
        to: recipients(mail),
        subject: mail.subject ?? "",
        date: (mail.date ?? new Date()).toISOString(),
      };
    }),
  );
}

export async function readMail(id: string) {
  if (!ID.test(id)) return null;
  const file = join(mailboxDir(), `${id}.eml`);
  if (!existsSync(file)) return null;
  const mail = await simpleParser(await readFile(file));
  return {
    id,
    to: recipients(mail),
    from: mail.from?.text ?? "",
    subject: mail.subject ?? "",
    date: (mail.date ?? new Date()).toISOString(),
    html: typeof mail.html === "string" ? mail.html : "",
    text: mail.text ?? "",
    attachments: mail.attachments.map((a) => ({ filename: a.filename ?? "attachment", contentType: a.contentType, size: a.size })),
  };
}
