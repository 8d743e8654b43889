/**
 * A local SMTP server that keeps every message it receives, for tests that go through real SMTP
 * (nodemailer → the sink → mailparser). It listens on 127.0.0.1 on a free port, without TLS or
 * authentication, and accepts everything but the recipients a test puts in `rejected` (refused with
 * 550, as a mail server refuses an unknown mailbox).
 *
 * @example
 * ```ts
 * const sink = await startSmtpSink();
 * const mailer = createSmtpMailer({ host: '127.0.0.1', port: sink.port, secure: false, from: 'Psephos <vote@example.org>' });
 * const message = await sink.waitFor((m) => m.to === 'ada@example.org');
 * await sink.close();
 * ```
 */
import type { AddressInfo } from 'node:net';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A received email. @example `sink.messages[0]?.subject` */
export interface ParsedMessage {
  /** The To header's addresses, comma-separated. */
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** The running sink. @example `await sink.waitFor((m) => m.to === 'ada@example.org', 2000)` */
export interface SmtpSink {
  readonly port: number;
  /** Every message received so far, in order. */
  readonly messages: ParsedMessage[];
  /** Recipients refused at RCPT TO (lower case), for tests of failed deliveries. */
  readonly rejected: Set<string>;
  /** SMTP connections made to the sink so far, and those still open (how a pooled mailer shows). */
  readonly connections: { opened: number; open: number };
  /** The first message (already received or still to come) that matches; rejects after the timeout. */
  waitFor(pred: (m: ParsedMessage) => boolean, timeoutMs?: number): Promise<ParsedMessage>;
  close(): Promise<void>;
}

function addresses(to: AddressObject | AddressObject[] | undefined): string {
  const list = to === undefined ? [] : Array.isArray(to) ? to : [to];
  return list
    .flatMap((a) => a.value.map((v) => v.address ?? ''))
    .filter(Boolean)
    .join(', ');
}

/** Starts the sink. @example `const sink = await startSmtpSink()` */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ParsedMessage[] = [];
  const rejected = new Set<string>();
  const connections = { opened: 0, open: 0 };
  const waiters = new Set<(m: ParsedMessage) => void>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onConnect(_session, callback) {
      connections.opened++;
      connections.open++;
      callback();
    },
    onClose() {
      connections.open--;
    },
    onRcptTo(address, _session, callback) {
      if (!rejected.has(address.address.toLowerCase())) return callback();
      callback(
        Object.assign(new Error(`5.1.1 <${address.address}>: mailbox unavailable`), { responseCode: 550 }),
      );
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const message: ParsedMessage = {
            to: addresses(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: parsed.html || '',
          };
          messages.push(message);
          for (const waiter of waiters) waiter(message);
          callback();
        })
        .catch((e: Error) => callback(e));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    messages,
    rejected,
    connections,
    waitFor(pred, timeoutMs = 5000) {
      const found = messages.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = (m: ParsedMessage) => {
          if (!pred(m)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(m);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching email within ${timeoutMs} ms (${messages.length} received)`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
