/**
 * Outgoing mail: the login message in English and Welsh (both parts, HTML escaped, nothing remote),
 * the SMTP mailer through a local sink, and the MailSender's draining, batching, retries and timer.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createSmtpMailer,
  loginMessage,
  type Mailer,
  type MailLog,
  MailSender,
} from '../../src/server/mail.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.ts';

const LINK = 'https://vote.example.org/vote/leader-2026/login#abcDEF123_-xyz';
const PARAMS = { electionTitle: 'Party leader 2026', link: LINK, code: 'K3F9-2QXM-7TBW', minutes: 30 };

const dir = mkdtempSync(join(tmpdir(), 'psephos-mail-'));
const opened: Store[] = [];
after(async () => {
  for (const store of opened) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh SQLite store in a temporary file. */
async function makeStore(): Promise<Store> {
  const store = await openStore(`sqlite:${join(dir, `store-${opened.length}.sqlite`)}`);
  opened.push(store);
  return store;
}

/** Resolves once `pred` holds (checked every few milliseconds); fails after `timeoutMs`. */
async function until(pred: () => boolean, timeoutMs = 5000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !pred(); await sleep(5)) {
    if (Date.now() > end) assert.fail(`not so within ${timeoutMs} ms`);
  }
}

async function enqueue(store: Store, count: number, to = 'ada@example.org'): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++)
    ids.push(
      await store.enqueueMail({ to, subject: `message ${i}`, text: `text ${i}`, html: `<p>html ${i}</p>` }),
    );
  return ids;
}

/** A logger that keeps what it is told. */
function memoryLog(): MailLog & { lines: { level: string; obj: object; msg: string }[] } {
  const lines: { level: string; obj: object; msg: string }[] = [];
  return {
    lines,
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
  };
}

describe('login message', () => {
  for (const lang of ['en', 'cy'] as const) {
    test(`${lang}: subject, plain text and HTML, with the link, the code and the expiry`, () => {
      const m = loginMessage(lang, PARAMS);
      assert.ok(m.subject.includes('Party leader 2026'));
      for (const part of [m.text, m.html]) {
        assert.ok(part.includes(LINK), 'the link');
        assert.ok(part.includes('K3F9-2QXM-7TBW'), 'the code');
        assert.ok(part.includes('30'), 'the expiry');
      }
      assert.ok(!m.text.includes('<'), 'the text part has no markup');
      assert.match(m.html, new RegExp(`^<!doctype html>\\n<html lang="${lang}">`));
      assert.ok(m.html.includes(`href="${LINK}"`));
    });

    test(`${lang}: the HTML escapes the election title and loads nothing remote`, () => {
      const m = loginMessage(lang, { ...PARAMS, electionTitle: '<script>alert(1)</script> & "Co"' });
      assert.ok(!m.html.includes('<script'), 'no script element');
      assert.ok(m.html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;'));
      assert.ok(m.text.includes('<script>alert(1)</script>'), 'the text part shows the title as it is');
      assert.doesNotMatch(m.html, /<(img|link|script|iframe|object|style)\b|src=|url\(|@import/i);
      const addresses = m.html.match(/https?:\/\/[^\s"<]+/g) ?? [];
      assert.ok(
        addresses.length > 0 && addresses.every((a) => a === LINK),
        'the only address is the login link',
      );
    });
  }

  test('the two languages differ, and Welsh counts minutes with the singular noun', () => {
    const en = loginMessage('en', PARAMS);
    const cy = loginMessage('cy', PARAMS);
    assert.notEqual(en.subject, cy.subject);
    assert.match(cy.text, /ymhen 30 munud/);
    assert.match(loginMessage('en', { ...PARAMS, minutes: 1 }).text, /1 minute\b/);
  });

  test('a line break in the title does not reach the subject; a non-http link is refused', () => {
    assert.ok(
      !loginMessage('en', { ...PARAMS, electionTitle: 'A\r\nBcc: x@example.org' }).subject.includes('\n'),
    );
    assert.throws(() => loginMessage('en', { ...PARAMS, link: 'javascript:alert(1)' }), TypeError);
  });
});

describe('SMTP mailer and MailSender', () => {
  let sink: SmtpSink;
  const mailers: Mailer[] = [];
  before(async () => {
    sink = await startSmtpSink();
  });
  // A mailer keeps its connections to the sink open until it is closed.
  afterEach(async () => {
    for (const mailer of mailers.splice(0)) await mailer.close?.();
  });
  after(async () => {
    await sink.close();
  });
  const smtp = () => {
    const mailer = createSmtpMailer({
      host: '127.0.0.1',
      port: sink.port,
      secure: false,
      from: 'Psephos <vote@example.org>',
    });
    mailers.push(mailer);
    return mailer;
  };

  test('the SMTP mailer sends many messages over a few connections it keeps, and lets them go on close()', async () => {
    await until(() => sink.connections.open === 0);
    const before = sink.connections.opened;
    const mailer = smtp();
    const to = (i: number) => `pool-${i}@example.org`;
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => mailer.send({ to: to(i), ...loginMessage('en', PARAMS) })),
    );
    const received = sink.messages.filter((m) => m.to.startsWith('pool-'));
    assert.deepEqual(
      new Set(received.map((m) => m.to)),
      new Set(Array.from({ length: 30 }, (_, i) => to(i))),
    );
    const opened = sink.connections.opened - before;
    assert.ok(opened >= 1 && opened <= 5, `${opened} connections for 30 messages`);
    // The connections stay for the next messages.
    await mailer.send({ to: to(30), ...loginMessage('en', PARAMS) });
    assert.equal(sink.connections.opened - before, opened, 'no new connection');
    assert.equal(sink.connections.open, opened);

    await mailer.close?.();
    await until(() => sink.connections.open === 0);
    await assert.rejects(() => mailer.send({ to: to(31), ...loginMessage('en', PARAMS) }), /closed/);
    assert.equal(sink.connections.opened - before, opened, 'a closed mailer connects no more');
  });

  test('flush sends every queued message over SMTP, with both parts, and marks them sent', async () => {
    const store = await makeStore();
    const message = loginMessage('cy', PARAMS);
    await store.enqueueMail({ to: 'bryn@example.org', ...message });
    const sender = new MailSender(store, smtp());
    assert.equal(await sender.flush(), 1);
    const received = await sink.waitFor((m) => m.to === 'bryn@example.org');
    assert.equal(received.subject, message.subject);
    assert.ok(received.text.includes(LINK));
    assert.ok(received.html.includes(`href="${LINK}"`));
    assert.deepEqual(await store.mailStatus(), { queued: 0, sending: 0, sent: 1, failed: 0 });
    assert.equal(await sender.flush(), 0);
  });

  test('batches: 120 messages with batchSize 50 all go in one flush', async () => {
    const store = await makeStore();
    await enqueue(store, 120, 'batch@example.org');
    const seen: string[] = [];
    const mailer: Mailer = { send: async (m) => void seen.push(m.subject) };
    assert.equal(await new MailSender(store, mailer, { batchSize: 50 }).flush(), 120);
    assert.equal(new Set(seen).size, 120);
  });

  test('a failure is retried on a later flush, not the same one, and is final after maxAttempts', async () => {
    const store = await makeStore();
    const [id] = await enqueue(store, 1);
    await enqueue(store, 1, 'fine@example.org');
    let calls = 0;
    const mailer: Mailer = {
      async send(m) {
        if (m.to === 'fine@example.org') return;
        calls++;
        throw new Error('451 4.3.0 mail server busy');
      },
    };
    const log = memoryLog();
    const sender = new MailSender(store, mailer, { maxAttempts: 3, log });
    assert.equal(await sender.flush(), 1);
    assert.equal(calls, 1, 'one attempt per flush');
    assert.deepEqual(await store.mailStatus(), { queued: 1, sending: 0, sent: 1, failed: 0 });
    assert.equal(await sender.flush(), 0);
    assert.equal(calls, 2);
    assert.equal(await sender.flush(), 0);
    assert.equal(calls, 3);
    assert.deepEqual(await store.mailStatus(), { queued: 0, sending: 0, sent: 1, failed: 1 });
    assert.equal(await sender.flush(), 0);
    assert.equal(calls, 3, 'a failed message is not tried again');
    assert.deepEqual(
      log.lines.map((l) => l.level),
      ['warn', 'info', 'warn', 'error'],
    );
    assert.deepEqual(log.lines.at(-1)?.obj, { mail: id, error: '451 4.3.0 mail server busy' });
    assert.ok(!JSON.stringify(log.lines).includes('text 0'), 'no body in the log');
  });

  test('a message that failed once is sent on the next flush', async () => {
    const store = await makeStore();
    await enqueue(store, 1);
    let fail = true;
    const mailer: Mailer = {
      async send() {
        if (fail) throw new Error('connection refused');
      },
    };
    const sender = new MailSender(store, mailer);
    assert.equal(await sender.flush(), 0);
    fail = false;
    assert.equal(await sender.flush(), 1);
    assert.deepEqual(await store.mailStatus(), { queued: 0, sending: 0, sent: 1, failed: 0 });
  });

  test('start() drains on a timer; a store that fails is logged, never thrown; stop() ends it', async () => {
    const store = await makeStore();
    const sender = new MailSender(store, smtp(), { intervalMs: 10 });
    sender.start();
    await store.enqueueMail({ to: 'timer@example.org', ...loginMessage('en', PARAMS) });
    await sink.waitFor((m) => m.to === 'timer@example.org');
    await sender.stop();

    const log = memoryLog();
    const broken = {
      claimMail: async () => {
        throw new Error('database is locked');
      },
    } as unknown as Store;
    const failing = new MailSender(broken, smtp(), { intervalMs: 5, log });
    failing.start();
    await sleep(40);
    await failing.stop();
    assert.ok(log.lines.length > 0 && log.lines.every((l) => l.level === 'error'));
    assert.deepEqual(log.lines[0]?.obj, { error: 'database is locked' });
  });

  test('options are checked', () => {
    const store = {} as Store;
    const mailer: Mailer = { send: async () => {} };
    assert.throws(() => new MailSender(store, mailer, { batchSize: 0 }), RangeError);
    assert.throws(() => new MailSender(store, mailer, { maxAttempts: 0 }), RangeError);
  });
});
