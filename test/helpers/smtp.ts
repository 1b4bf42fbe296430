import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server on a loopback port that keeps what it receives. Set
 * `failing` to make it refuse messages (as a server that is down would).
 */
export type SmtpPeer = {
  url: string;
  messages: ParsedMail[];
  failing: boolean;
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
};

export async function startSmtpPeer(): Promise<SmtpPeer> {
  const peer: SmtpPeer = {
    url: "",
    messages: [],
    failing: false,
    async waitFor(count, timeoutMs = 10_000) {
      const started = Date.now();
      while (peer.messages.length < count) {
        if (Date.now() - started > timeoutMs) {
          throw new Error(`Expected ${count} message(s), got ${peer.messages.length} after ${timeoutMs} ms`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      return peer.messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (peer.failing) {
          const error = new Error("Service temporarily unavailable") as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            peer.messages.push(mail);
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  peer.url = `smtp://127.0.0.1:${port}`;
  return peer;
}
