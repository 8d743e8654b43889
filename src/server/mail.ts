/**
 * Outgoing mail. Requests never talk to the mail server: they put a message in the store's outbox
 * (`enqueueMail`), and a MailSender drains it — so a slow or failing SMTP server neither slows a login
 * nor loses a message, and several API nodes can drain one outbox (each message is claimed by one).
 *
 * @example
 * ```ts
 * const mailer = createSmtpMailer(config.smtp);
 * const sender = new MailSender(store, mailer, { log: app.log });
 * sender.start();
 * await store.enqueueMail({ to, ...loginMessage('cy', { electionTitle, link, code, minutes: 30 }) });
 * await sender.stop();
 * await mailer.close?.();
 * ```
 */
import nodemailer from 'nodemailer';
import type { Store } from '../store/store.ts';
import type { Config } from './config.ts';
import { type Catalogue, type LoginParams, type RenderedMail, renderLogin } from './messages/catalogue.ts';
import { cy } from './messages/cy.ts';
import { en } from './messages/en.ts';

/** One email. @example `{ to: 'ada@example.org', ...loginMessage('en', params) }` */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Delivers one message or throws; MailSender does the retrying. @example `await mailer.send(message)` */
export interface Mailer {
  send(m: MailMessage): Promise<void>;
  /**
   * Lets go of the mail server (a pooled mailer's open connections), once nothing more will be sent;
   * the server calls it as it closes. A mailer that holds nothing open need not have it.
   */
  close?(): Promise<void>;
}

/** The languages emails are written in. @example `const lang: MailLanguage = 'cy'` */
export type MailLanguage = 'en' | 'cy';
const CATALOGUES: Record<MailLanguage, Catalogue> = { en, cy };

/**
 * A login email: subject, plain-text part and HTML part (every value escaped, nothing remote).
 * @example `loginMessage('en', { electionTitle: 'Leader 2026', link, code: 'K3F9-2QXM-7TBW', minutes: 30 })`
 */
export function loginMessage(lang: MailLanguage, params: LoginParams): RenderedMail {
  return renderLogin(CATALOGUES[lang], params);
}

/** SMTP connections a mailer keeps open at most; messages sent meanwhile wait for a free one. */
const SMTP_CONNECTIONS = 5;

/**
 * A Mailer over SMTP with nodemailer (STARTTLS when the server offers it; `secure` for implicit TLS).
 * It keeps a pool of a few connections, each carrying many messages: a connection (with its TLS
 * handshake and login) per message is what limits a sending otherwise, and some mail servers refuse
 * many connections at once. `close()` ends the pool (the server does it as it closes).
 * @example `createSmtpMailer({ host: 'smtp.example.org', port: 587, secure: false, from: 'Psephos <vote@example.org>' })`
 */
export function createSmtpMailer(smtp: Config['smtp']): Mailer {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    pool: true,
    maxConnections: SMTP_CONNECTIONS,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
  });
  return {
    async send(m) {
      await transport.sendMail({ from: smtp.from, to: m.to, subject: m.subject, text: m.text, html: m.html });
    },
    async close() {
      // Idle connections end now; one still delivering a message ends once it has.
      transport.close();
    },
  };
}

/** The few logger methods MailSender uses (pino's, and so Fastify's, fit). @example `{ log: app.log }` */
export interface MailLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** MailSender's settings. @example `{ batchSize: 100, intervalMs: 500, maxAttempts: 8, log: app.log }` */
export interface MailSenderOptions {
  /** Messages claimed per round trip to the store. */
  batchSize?: number;
  /** How often start()'s timer drains the outbox. */
  intervalMs?: number;
  /** Attempts before a message is marked `failed` for good. */
  maxAttempts?: number;
  log?: MailLog;
}

/** Longest error text kept with a failed message. */
const MAX_ERROR = 500;

/**
 * Drains the store's outbox through a Mailer. A message that fails goes back to the queue and is tried
 * again on a later round (not in the same one: a mail server that is down for a moment should not use
 * up every attempt in a second), and is marked `failed` after `maxAttempts`.
 *
 * @example
 * ```ts
 * const sender = new MailSender(store, mailer, { intervalMs: 1000 });
 * sender.start();                 // or, in tests and the demo:
 * const sent = await sender.flush();
 * ```
 */
export class MailSender {
  readonly #store: Store;
  readonly #mailer: Mailer;
  readonly #batchSize: number;
  readonly #intervalMs: number;
  readonly #maxAttempts: number;
  readonly #log: MailLog | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;

  constructor(store: Store, mailer: Mailer, options: MailSenderOptions = {}) {
    this.#store = store;
    this.#mailer = mailer;
    this.#batchSize = options.batchSize ?? 50;
    this.#intervalMs = options.intervalMs ?? 1000;
    this.#maxAttempts = options.maxAttempts ?? 5;
    this.#log = options.log;
    if (!(Number.isSafeInteger(this.#batchSize) && this.#batchSize >= 1))
      throw new RangeError('batchSize ≥ 1');
    if (!(Number.isSafeInteger(this.#maxAttempts) && this.#maxAttempts >= 1))
      throw new RangeError('maxAttempts ≥ 1');
  }

  /** Drains the outbox every `intervalMs` until stop(); the timer does not keep the process alive. */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.#tick(), this.#intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a round in progress to finish. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => {});
  }

  /**
   * Sends every message queued now, once each; returns how many were sent. Messages that fail are put
   * back (or marked failed) only at the end, so that this round does not claim them again.
   */
  async flush(): Promise<number> {
    let sent = 0;
    const failures: { id: number; error: string; final: boolean }[] = [];
    try {
      for (;;) {
        const batch = await this.#store.claimMail(this.#batchSize);
        if (batch.length === 0) break;
        const outcomes = await Promise.allSettled(batch.map((m) => this.#mailer.send(m)));
        for (const [i, outcome] of outcomes.entries()) {
          const mail = batch[i]!;
          if (outcome.status === 'fulfilled') {
            await this.#store.markMailSent(mail.id);
            sent++;
          } else {
            // claimMail counts the attempt as it hands the message out, so `attempts` includes this one.
            const final = mail.attempts >= this.#maxAttempts;
            failures.push({ id: mail.id, error: describe(outcome.reason), final });
          }
        }
        if (batch.length < this.#batchSize) break;
      }
    } finally {
      for (const f of failures) {
        // The address and the body stay out of the log: only the message id and the mail server's words.
        const log = { mail: f.id, error: f.error };
        if (f.final) this.#log?.error(log, 'an email could not be sent and will not be tried again');
        else this.#log?.warn(log, 'an email could not be sent; it will be tried again');
        await this.#store.markMailFailed(f.id, f.error, f.final);
      }
    }
    if (sent > 0) this.#log?.info({ sent }, 'emails sent');
    return sent;
  }

  #tick(): void {
    if (this.#running) return; // the previous round is still going: no overlap, no pile-up
    this.#running = this.flush()
      .catch((e: unknown) => this.#log?.error({ error: describe(e) }, 'the outbox could not be drained'))
      .finally(() => {
        this.#running = undefined;
      });
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, MAX_ERROR);
}
