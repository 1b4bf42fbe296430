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
  /**
   * Runs once a message has arrived in full, before the peer accepts it (a
   * slow server holding the reply to DATA). If the client has gone meanwhile,
   * the transaction never completed and the peer keeps nothing.
   */
  beforeAccept: (() => Promise<void>) | null;
  /** Runs once the peer has accepted (kept) a message, before its "250 OK" reaches the client. */
  afterAccept: (() => Promise<void> | void) | null;
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** Stops listening: connections are refused, as by a server that is down. */
  down(): Promise<void>;
  /** Listens again, on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
};

export async function startSmtpPeer(): Promise<SmtpPeer> {
  const disconnected = new Set<string>();
  let listening = false;
  const peer: SmtpPeer = {
    url: "",
    messages: [],
    failing: false,
    beforeAccept: null,
    afterAccept: null,
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
    down: () =>
      new Promise<void>((resolve) => {
        listening = false;
        server.server.close(() => resolve());
      }),
    up: () =>
      new Promise<void>((resolve) => {
        server.server.listen(port, "127.0.0.1", () => {
          listening = true;
          resolve();
        });
      }),
    close: () => (listening ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve()),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    // No reverse DNS of 127.0.0.1 for each connection: it made every delivery slower.
    disableReverseLookup: true,
    logger: false,
    onClose(session) {
      disconnected.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        if (peer.failing) {
          const error = new Error("Service temporarily unavailable") as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        }
        try {
          await peer.beforeAccept?.();
          if (disconnected.has(session.id)) return callback(new Error("The client left before the message was accepted"));
          const mail = await simpleParser(Buffer.concat(chunks));
          peer.messages.push(mail);
          await peer.afterAccept?.();
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  listening = true;
  const { port } = server.server.address() as AddressInfo;
  peer.url = `smtp://127.0.0.1:${port}`;
  return peer;
}
