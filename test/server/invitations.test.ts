/**
 * Invitations and reminders through the real server and a real SMTP exchange (the local sink, which
 * refuses chosen addresses): every voter gets exactly one invitation, with a link and a code that log
 * them in (more than once, until voting closes) and let them vote; the mail server's refusals are
 * reported per member, retried, and a member's invitation sent again replaces their old link; a
 * reminder goes only to those who have not voted and says nothing else; the organiser's paragraph is
 * escaped in the HTML part; and every refusal of the routes, with its status and code.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildServer } from '../../src/server/app.ts';
import { createAdminToken } from '../../src/server/auth.ts';
import { loadConfig } from '../../src/server/config.ts';
import { openStore } from '../../src/store/open.ts';
import type { ParsedMessage } from '../support/smtp-sink.ts';
import {
  call,
  group,
  openElection,
  refused,
  startServer,
  type TestElection,
  type TestServer,
} from './fixtures.ts';
import { createDraft, waitForJob } from './members-fixtures.ts';

let server: TestServer;
let election: TestElection;
const ID = 'invite-2026';
const VOTERS = 24;
const INTRO = {
  en: 'Dear member,\n\nThe ballot is <b>open</b> & so is the hall.',
  cy: 'Annwyl aelod,\n\nMae’r bleidlais ar agor.',
};

before(async () => {
  server = await startServer();
  election = await openElection(server, { id: ID, voters: VOTERS, trustees: 1, threshold: 1 });
});

after(async () => {
  await server?.close();
});

const admin = (method: 'GET' | 'POST', path: string, body?: unknown) =>
  call(server.app, method, `/api/elections/${ID}${path}`, server.adminToken, body);

interface InvitationState {
  counts: { total: number; invited: number; failed: number; voted: number };
  job: {
    id: number;
    status: string;
    progress: number;
    result: { sent: number; failed: number; total: number } | null;
    error: string | null;
    payload: unknown;
  } | null;
}

async function invitations(): Promise<InvitationState> {
  const response = await admin('GET', '/invitations');
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as InvitationState;
}

/** Starts a sending and waits for its job; returns the job. */
async function send(body: Record<string, unknown>) {
  const started = await admin('POST', '/invitations', { languages: ['en'], intro: INTRO, ...body });
  assert.equal(started.statusCode, 202, started.body);
  const { job } = started.json() as { job: number };
  return waitForJob(async () => {
    const s = await invitations();
    return s.job?.id === job ? s.job : null;
  });
}

const invitationsTo = (email: string) =>
  server.sink.messages.filter((m) => m.to === email && m.subject.startsWith('Your invitation to vote'));
const remindersTo = (email: string) =>
  server.sink.messages.filter((m) => m.to === email && m.subject.startsWith('Reminder:'));

/** The link's token and the code of an email. */
function secretsOf(mail: ParsedMessage): { token: string; code: string; link: string } {
  const link = /https?:\/\/\S+#[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
  const code = /\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/.exec(mail.text)?.[0];
  assert.ok(link && code, 'the email has a link with its token, and a code');
  return { token: link.split('#')[1]!, code, link };
}

const verify = (token: string) =>
  call(server.app, 'POST', `/api/elections/${ID}/login/verify`, undefined, { token });

describe('invitations to every voter', () => {
  const rejected = () => [election.voters[3]!.email, election.voters[7]!.email];

  test('each voter gets exactly one invitation; refusals by the mail server are reported per member', async () => {
    for (const address of rejected()) server.sink.rejected.add(address);
    const job = await send({ mode: 'invite', languages: ['en'] });
    assert.equal(job.status, 'done', JSON.stringify(job));
    assert.deepEqual(job.result, { mode: 'invite', total: VOTERS, sent: VOTERS - 2, failed: 2 });
    assert.equal(job.progress, 1);
    await server.sink.waitFor(() => server.sink.messages.length >= VOTERS - 2);
    for (const voter of election.voters) {
      const expected = rejected().includes(voter.email) ? 0 : 1;
      assert.equal(invitationsTo(voter.email).length, expected, voter.email);
    }
    const { counts } = await invitations();
    assert.deepEqual(counts, { total: VOTERS, invited: VOTERS - 2, failed: 2, voted: 0 });

    const failures = await admin('GET', '/invitations/failures');
    assert.equal(failures.statusCode, 200);
    const list = (
      failures.json() as { failures: { memberId: string; email: string; kind: string; error: string }[] }
    ).failures;
    assert.deepEqual(
      list.map((f) => [f.memberId, f.email, f.kind]),
      [election.voters[3]!, election.voters[7]!].map((v) => [v.voterId, v.email, 'invitation']),
    );
    for (const f of list) assert.match(f.error, /550|mailbox unavailable/);
    const file = await admin('GET', '/invitations/failures.csv');
    assert.match(String(file.headers['content-disposition']), /email-failures-invite-2026\.csv/);
    const lines = file.body.trim().split('\n');
    assert.equal(lines[0], 'member_id,email,name,email_kind,error,at');
    assert.equal(lines.length, 3);
    assert.ok(lines[1]!.startsWith(`${election.voters[3]!.voterId},${election.voters[3]!.email},`));
  });

  test('the invitation’s link and code log the voter in, again and again, and they can vote', async () => {
    const voter = election.voters[0]!;
    const mail = invitationsTo(voter.email)[0]!;
    assert.match(mail.subject, /^Your invitation to vote: /);
    assert.match(
      mail.text,
      /Dear member,\n\nThe ballot is <b>open<\/b> & so is the hall\./,
      'the paragraph as written',
    );
    assert.match(mail.text, /work as often as you need until voting closes/);
    assert.ok(
      mail.html.includes('The ballot is &lt;b&gt;open&lt;/b&gt; &amp; so is the hall.'),
      'escaped in HTML',
    );
    assert.ok(!mail.html.includes('<b>open</b>'));
    assert.ok(!mail.text.includes('Annwyl'), 'English only, as asked');
    const { token, code, link } = secretsOf(mail);
    assert.ok(link.startsWith(`http://127.0.0.1:8080/vote/${ID}/login#`), link);
    const first = await verify(token);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal((await verify(token)).statusCode, 200, 'an invitation’s link works more than once');
    assert.equal((await verify(code.toLowerCase())).statusCode, 200, 'and so does its code');
    const session = (first.json() as { token: string }).token;
    const cast = await call(
      server.app,
      'POST',
      `/api/elections/${ID}/ballots`,
      session,
      election.ballot(0, 1),
    );
    assert.equal(cast.statusCode, 200, cast.body);
  });

  test('sending invitations again writes only to those none has reached: nobody gets two', async () => {
    const before = server.sink.messages.length;
    const job = await send({ mode: 'invite' });
    assert.deepEqual(job.result, { mode: 'invite', total: 2, sent: 0, failed: 2 });
    assert.equal(server.sink.messages.length, before);
  });

  test('retrying the failures: a mailbox fixed since gets its invitation, the other is reported again', async () => {
    const [fixed, still] = rejected();
    server.sink.rejected.delete(fixed!);
    const job = await send({ mode: 'retry' });
    assert.deepEqual(job.result, { mode: 'retry', total: 2, sent: 1, failed: 1 });
    await server.sink.waitFor((m) => m.to === fixed);
    assert.equal(invitationsTo(fixed!).length, 1);
    assert.equal(invitationsTo(still!).length, 0);
    assert.deepEqual((await invitations()).counts, {
      total: VOTERS,
      invited: VOTERS - 1,
      failed: 1,
      voted: 1,
    });
  });

  test('resending to one member, by address or by member id: a new link, and the old one stops working', async () => {
    const voter = election.voters[1]!;
    const old = secretsOf(invitationsTo(voter.email)[0]!);
    const resent = await admin('POST', '/invitations/resend', {
      member: voter.email.toUpperCase(),
      languages: ['cy', 'en'],
      intro: INTRO,
    });
    assert.equal(resent.statusCode, 200, resent.body);
    assert.deepEqual(resent.json(), {
      memberId: voter.voterId,
      email: voter.email,
      status: 'sent',
      error: null,
    });
    const mail = await server.sink.waitFor(
      (m) => m.to === voter.email && m.subject.includes('Eich gwahoddiad'),
    );
    assert.match(mail.subject, /^Eich gwahoddiad i bleidleisio: .+ \/ Your invitation to vote: /);
    assert.ok(mail.text.indexOf('Annwyl aelod') < mail.text.indexOf('Dear member'), 'Welsh first, as asked');
    assert.match(mail.html, /<html lang="cy">[\s\S]*<div lang="cy">[\s\S]*<div lang="en">/);
    const fresh = secretsOf(mail);
    assert.notEqual(fresh.token, old.token);
    refused(await verify(old.token), 401, 'bad-login-token');
    assert.equal((await verify(fresh.token)).statusCode, 200);

    const still = election.voters[7]!;
    const byId = await admin('POST', '/invitations/resend', { member: still.voterId, languages: ['en'] });
    assert.equal(byId.statusCode, 200);
    const failed = byId.json() as { status: string; error: string };
    assert.equal(failed.status, 'failed', 'its mailbox still refuses');
    assert.match(failed.error, /550|mailbox unavailable/);
    refused(
      await admin('POST', '/invitations/resend', { member: 'nobody@example.org', languages: ['en'] }),
      404,
      'unknown-voter',
    );
    refused(
      await admin('POST', '/invitations/resend', { member: 'M-nobody', languages: ['en'] }),
      404,
      'unknown-voter',
    );
  });

  test('a reminder goes only to those who have not voted, once each, and says only that', async () => {
    server.sink.rejected.clear();
    // Voter 0 voted above (through the invitation); voters 2 and 5 vote now, through a login email.
    for (const i of [2, 5]) {
      const session = await election.login(i);
      const cast = await call(
        server.app,
        'POST',
        `/api/elections/${ID}/ballots`,
        session,
        election.ballot(i, 0),
      );
      assert.equal(cast.statusCode, 200, cast.body);
    }
    const voted = new Set([0, 2, 5].map((i) => election.voters[i]!.email));
    const job = await send({ mode: 'remind', intro: { en: 'Please vote.' } });
    assert.deepEqual(job.result, { mode: 'remind', total: VOTERS - 3, sent: VOTERS - 3, failed: 0 });
    await server.sink.waitFor(() =>
      election.voters.every((v) => voted.has(v.email) || remindersTo(v.email).length > 0),
    );
    for (const voter of election.voters) {
      assert.equal(remindersTo(voter.email).length, voted.has(voter.email) ? 0 : 1, voter.email);
    }
    const reminder = remindersTo(election.voters[4]!.email)[0]!;
    assert.match(reminder.subject, /^Reminder: you have not voted yet: /);
    assert.match(reminder.text, /^Please vote\.\n\nYou have not voted yet in “[^”]+”\. Voting closes on /);
    assert.doesNotMatch(reminder.text, /logged in|last|ballot was|opened/i);
    // The reminder's link works, and the invitation's still does (a reminder adds a link).
    assert.equal((await verify(secretsOf(reminder).token)).statusCode, 200);
    assert.equal(
      (await verify(secretsOf(invitationsTo(election.voters[4]!.email)[0]!).token)).statusCode,
      200,
    );
    assert.equal((await invitations()).counts.voted, 3);
  });

  test('the preview is the email as a voter gets it, with a sample link', async () => {
    const preview = await admin('POST', '/invitations/preview', {
      kind: 'invitation',
      languages: ['en', 'cy'],
      intro: INTRO,
    });
    assert.equal(preview.statusCode, 200, preview.body);
    const mail = preview.json() as { subject: string; text: string; html: string };
    assert.match(mail.subject, /^Your invitation to vote: .+ \/ Eich gwahoddiad i bleidleisio: /);
    assert.match(mail.text, /SAMP-LE00-C0DE/);
    assert.ok(mail.html.includes('&lt;b&gt;open&lt;/b&gt;'));
  });
});

describe('refusals', () => {
  test('only an organiser; an unknown election; malformed bodies', async () => {
    refused(await call(server.app, 'GET', `/api/elections/${ID}/invitations`), 401, 'login-required');
    const voter = await election.login(9);
    refused(
      await call(server.app, 'POST', `/api/elections/${ID}/invitations`, voter, {
        mode: 'invite',
        languages: ['en'],
      }),
      403,
      'forbidden',
    );
    refused(
      await call(server.app, 'GET', '/api/elections/nobody/invitations', server.adminToken),
      404,
      'unknown-election',
    );
    refused(await admin('POST', '/invitations', { mode: 'shout', languages: ['en'] }), 400, 'malformed');
    refused(await admin('POST', '/invitations', { mode: 'invite', languages: [] }), 400, 'malformed');
    refused(
      await admin('POST', '/invitations', { mode: 'invite', languages: ['en', 'en'] }),
      400,
      'malformed',
    );
    refused(await admin('POST', '/invitations', { mode: 'invite', languages: ['fr'] }), 400, 'malformed');
    refused(
      await admin('POST', '/invitations', {
        mode: 'invite',
        languages: ['en'],
        intro: { en: 'x'.repeat(2001) },
      }),
      400,
      'malformed',
    );
    refused(
      await admin('POST', '/invitations/preview', { kind: 'letter', languages: ['en'] }),
      400,
      'malformed',
    );
  });

  test('nothing to send, a sending already under way, the wrong moment', async () => {
    server.sink.rejected.clear();
    await send({ mode: 'invite' });
    refused(
      await admin('POST', '/invitations', { mode: 'retry', languages: ['en'] }),
      409,
      'nothing-to-send',
    );
    refused(
      await admin('POST', '/invitations', { mode: 'invite', languages: ['en'] }),
      409,
      'nothing-to-send',
    );
    const queued = await server.store.createJob(ID, 'invitations', {
      mode: 'remind',
      languages: ['en'],
      intro: {},
    });
    refused(
      await admin('POST', '/invitations', { mode: 'remind', languages: ['en'] }),
      409,
      'mail-job-running',
    );
    await waitForJob(async () => (await server.store.job(queued)) ?? null);

    await createDraft(server, 'still-draft');
    await server.store.addVoters('still-draft', [{ voterId: 'D1', email: 'd1@example.org', name: 'D' }]);
    const draft = (path: string, body: unknown) =>
      call(server.app, 'POST', `/api/elections/still-draft${path}`, server.adminToken, body);
    refused(await draft('/invitations', { mode: 'invite', languages: ['en'] }), 409, 'wrong-status');
    refused(await draft('/invitations', { mode: 'remind', languages: ['en'] }), 409, 'not-open');
    refused(await draft('/invitations/resend', { member: 'D1', languages: ['en'] }), 409, 'wrong-status');

    await createDraft(server, 'soon-closed', { closesAt: new Date(Date.now() + 1500).toISOString() });
    await server.store.addVoters('soon-closed', [{ voterId: 'C1', email: 'c1@example.org', name: 'C' }]);
    assert.equal(
      (await call(server.app, 'POST', '/api/elections/soon-closed/setup', server.adminToken)).statusCode,
      200,
    );
    await new Promise((r) => setTimeout(r, 1600));
    refused(
      await call(server.app, 'POST', '/api/elections/soon-closed/invitations', server.adminToken, {
        mode: 'invite',
        languages: ['en'],
      }),
      409,
      'election-closed',
    );

    const closed = await call(server.app, 'POST', `/api/elections/${ID}/close`, server.adminToken);
    assert.equal(closed.statusCode, 200, closed.body);
    refused(await admin('POST', '/invitations', { mode: 'remind', languages: ['en'] }), 409, 'not-open');
    refused(
      await admin('POST', '/invitations/resend', { member: election.voters[1]!.voterId, languages: ['en'] }),
      409,
      'wrong-status',
    );
  });

  test('a server without a mail server refuses to send, with 503', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'psephos-nomail-'));
    const store = await openStore(`sqlite:${join(dir, 'store.sqlite')}`);
    const config = loadConfig({}, undefined, { logLevel: 'silent', workers: 0 });
    const { app } = await buildServer({ store, config, group });
    try {
      await store.setAdmin('ro', 'unused');
      const token = await createAdminToken(store, 'ro', 1);
      await createDraftOn(app, token);
      refused(
        await call(app, 'POST', '/api/elections/no-mail/invitations', token, {
          mode: 'invite',
          languages: ['en'],
        }),
        503,
        'mail-unavailable',
      );
      assert.equal(
        ((await call(app, 'GET', '/api/elections/no-mail/invitations', token)).json() as { mailer: boolean })
          .mailer,
        false,
      );
    } finally {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A set-up election with one voter on a server reached by inject only. */
async function createDraftOn(app: TestServer['app'], token: string): Promise<void> {
  const definition = {
    format: 'psephos/election',
    version: 1,
    id: 'no-mail',
    title: 'No mail',
    practice: false,
    questions: [
      { id: 'q', type: 'single', title: 'Q?', blankAllowed: false, candidates: [{ id: 'a', name: 'A' }] },
    ],
    opensAt: new Date().toISOString(),
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    revoting: 'single',
    maxWeight: 1,
    trustees: [{ name: 'T' }],
    threshold: 1,
  };
  const created = await call(app, 'POST', '/api/elections', token, { definition });
  assert.equal(created.statusCode, 201, created.body);
  assert.equal(
    (
      await call(app, 'POST', '/api/elections/no-mail/voters', token, {
        voters: [{ voterId: 'N1', email: 'n1@example.org', name: 'N' }],
      })
    ).statusCode,
    200,
  );
  assert.equal((await call(app, 'POST', '/api/elections/no-mail/setup', token)).statusCode, 200);
}
