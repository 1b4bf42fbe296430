import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import nodemailer from "nodemailer";

export type OutgoingMail = {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
};

export type MailTransport = {
  kind: "smtp" | "local";
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
};

export function mailFrom(): string {
  return process.env.MAIL_FROM || "Durable <no-reply@durable.localhost>";
}

export function mailboxDir(): string {
  return resolve(process.env.MAILBOX_DIR || join(process.env.DATA_DIR || "data", "mailbox"));
}

/** The local mailbox's copy of a message, by its Message-ID (`<id@durable>`). */
function mailboxFile(messageId: string): string {
  return join(mailboxDir(), `${messageId.replace(/[^A-Za-z0-9._-]/g, "")}.eml`);
}

/** Removes the local mailbox's copies of outbox messages (erasure). */
export function removeFromMailbox(outboxIds: string[]): void {
  for (const id of outboxIds) rmSync(mailboxFile(`<${id}@durable>`), { force: true });
}

/**
 * With SMTP_URL (smtp://user:pass@host:port, or smtps://), mail goes to that
 * server. Without it, each message is written as an .eml file to the local
 * mailbox, which the development mailbox page shows.
 */
export function createMailTransport(smtpUrl = process.env.SMTP_URL): MailTransport {
  if (smtpUrl) {
    const transporter = nodemailer.createTransport(smtpUrl);
    return {
      kind: "smtp",
      async send(mail) {
        await transporter.sendMail(mail);
      },
      close: () => transporter.close(),
    };
  }
  const streamer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    kind: "local",
    async send(mail) {
      const info = await streamer.sendMail(mail);
      const dir = mailboxDir();
      mkdirSync(dir, { recursive: true });
      // Named by the message id: delivering the same message again overwrites, never duplicates.
      writeFileSync(mailboxFile(mail.messageId), info.message as Buffer);
    },
    close: () => streamer.close(),
  };
}
