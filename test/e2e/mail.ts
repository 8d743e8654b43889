/**
 * Reading the local SMTP sink as the people of the journey read their inboxes: the emails that came
 * after a moment (an index into the sink), a count of them awaited, and the links in them moved onto the
 * test server (the server writes its configured public address; the test's server listens elsewhere).
 * Not a test file.
 *
 * @example
 * ```ts
 * const mark = sink.messages.length;
 * // … something sends an email …
 * const mail = await mailAfter(sink, mark, (m) => m.to === 'ada@example.org' && m.subject.startsWith('Your login link'));
 * await page.goto(onServer(baseUrl, linkIn(mail)));
 * ```
 */
import assert from 'node:assert/strict';
import type { ParsedMessage, SmtpSink } from '../support/smtp-sink.ts';

/**
 * The first email from index `after` on that matches (waiting for it up to `timeoutMs`).
 * @example `await mailAfter(sink, mark, (m) => m.to === email)`
 */
export function mailAfter(
  sink: SmtpSink,
  after: number,
  pred: (m: ParsedMessage) => boolean,
  timeoutMs = 15_000,
): Promise<ParsedMessage> {
  return sink.waitFor((m) => sink.messages.indexOf(m) >= after && pred(m), timeoutMs);
}

/**
 * Waits until at least `n` emails from index `after` on match; returns all that match (more than `n`
 * when more came: the caller's assertion says so).
 * @example `const invitations = await mailsAfter(sink, mark, isInvitation, 950, 60_000)`
 */
export async function mailsAfter(
  sink: SmtpSink,
  after: number,
  pred: (m: ParsedMessage) => boolean,
  n: number,
  timeoutMs = 60_000,
): Promise<ParsedMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = sink.messages.slice(after).filter(pred);
    if (found.length >= n) {
      // A moment more, so that a surplus (a member emailed twice) shows up in the count.
      await new Promise((r) => setTimeout(r, 500));
      return sink.messages.slice(after).filter(pred);
    }
    if (Date.now() > deadline)
      throw new Error(`${found.length} of ${n} emails arrived within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The http(s) link in an email's text part that `pattern` matches (by default the first link with a
 * fragment, as login links have); fails the test when there is none.
 * @example `linkIn(mail, /https?:\/\/\S+\/vote\/[a-z0-9-]+/)`
 */
export function linkIn(mail: ParsedMessage, pattern = /https?:\/\/\S+#[A-Za-z0-9_=&-]+/): string {
  const link = pattern.exec(mail.text)?.[0];
  assert.ok(link, `the email "${mail.subject}" to ${mail.to} has a link: ${mail.text.slice(0, 300)}`);
  return link;
}

/**
 * A link from an email with its path and fragment kept and its origin replaced by the test server's.
 * @example `onServer('http://127.0.0.1:41234', 'http://127.0.0.1:8080/vote/x/login#abc')` → `'http://127.0.0.1:41234/vote/x/login#abc'`
 */
export function onServer(baseUrl: string, link: string): string {
  const url = new URL(link);
  return `${baseUrl}${url.pathname}${url.search}${url.hash}`;
}
