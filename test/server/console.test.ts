/**
 * The organiser console's routes on a real server (SQLite, SMTP sink): every refusal with its status
 * and code (no login, a trustee's login, a cookie session without its CSRF token, malformed bodies,
 * unknown elections, dates in the past, duplicate names, steps out of order, a second click), the board
 * unchanged after each; drafts whose trustees' addresses never reach the public definition; setup that
 * emails each trustee a working link, reminders with fresh links, the ceremony run from those links;
 * turnout by hour (JSON and CSV); the verifier's report; and a practice election end to end — created
 * from a real draft with one click, members voting with the practice credentials from their emails,
 * closed, tallied, decrypted by the server, published, and its record verified and marked practice.
 */
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, test } from 'node:test';
import { api, loginVoter } from '../../src/cli/http-election.ts';
import { issueTrusteeTokens } from '../../src/server/auth.ts';
import { readPrivate } from '../../src/server/console/private.ts';
import { hashPassword } from '../../src/server/passwords.ts';
import { verifyRecord } from '../../src/verifier/verify.ts';
import { decrypt, keyCeremony, publishIdentity, trusteeLinks } from '../support/console-trustees.ts';
import { ballotElectionOf, castBallot, issueElectorate } from '../support/voting.ts';
import {
  boardSize,
  call,
  group,
  readLoginLink,
  refused,
  startServer,
  type TestServer,
  votersOf,
} from './fixtures.ts';

const CLERK = 'clerk';
const PASSWORD = 'correct horse battery staple';
const HOUR = 3_600_000;

let server: TestServer;

/** What anyone can read about an election: the public list, the election, and its whole record. */
async function publicText(id: string): Promise<string> {
  const paths = ['/api/elections', `/api/elections/${id}`, `/api/elections/${id}/record`];
  const texts = await Promise.all(
    paths.map(async (path) => {
      const response = await fetch(`${server.baseUrl}${path}`);
      assert.equal(response.status, 200, path);
      return response.text();
    }),
  );
  return texts.join('\n');
}

/** The trustee numbers of an election's stored trustee sessions (one per token issued), sorted. */
function trusteeSessions(id: string): string[] {
  const db = new DatabaseSync(server.path, { readOnly: true });
  try {
    return db
      .prepare(`SELECT subject FROM sessions WHERE kind = 'trustee' AND election = ? ORDER BY subject`)
      .all(id)
      .map((row) => String(row.subject));
  } finally {
    db.close();
  }
}

const admin = <T>(method: string, path: string, body?: unknown) =>
  api<T>(server.baseUrl, method, path, server.adminToken, body);

/** A draft definition (no board key: the server adds it) with three trustees, two needed. */
function draft(id: string, changes: Record<string, unknown> = {}) {
  return {
    format: 'psephos/election',
    version: 1,
    id,
    title: `Leader ${id}`,
    practice: false,
    questions: [
      {
        id: 'leader',
        type: 'single',
        title: 'Who should lead the party?',
        blankAllowed: true,
        candidates: [
          { id: 'ada', name: 'Ada Lovelace', statement: 'Numbers for all.' },
          { id: 'ben', name: 'Ben Jones' },
          { id: 'cy', name: 'Cy Evans' },
        ],
      },
    ],
    opensAt: new Date(Date.now() + 60_000).toISOString(),
    closesAt: new Date(Date.now() + 7 * 24 * HOUR).toISOString(),
    revoting: 'single',
    maxWeight: 1,
    trustees: [{ name: 'Returning officer' }, { name: 'Agent A' }, { name: 'Scrutineer' }],
    threshold: 2,
    ...changes,
  };
}
const EMAILS = [
  { email: 'ro@example.org' },
  { email: 'agent@example.org' },
  { email: 'scrutineer@example.org' },
];
const body = (id: string, changes: Record<string, unknown> = {}, trustees = EMAILS) => ({
  definition: draft(id, changes),
  trustees,
});

before(async () => {
  server = await startServer();
  await server.store.setAdmin(CLERK, await hashPassword(PASSWORD));
});
after(async () => {
  await server?.close();
});

/** A voter logs in by the link in the next email the server sends to `email`: the bearer token. */
async function voterLogin(election: string, email: string): Promise<string> {
  const after = server.sink.messages.length;
  const readLink = (to: string) => readLoginLink(server.sink, to, after);
  return loginVoter({ baseUrl: server.baseUrl, electionId: election, readLoginLink: readLink }, email);
}

/** A cookie session of the clerk: its cookie and CSRF token. */
async function clerkSession(): Promise<{ cookie: string; csrf: string }> {
  const response = await call(server.app, 'POST', '/api/admin/login', undefined, {
    username: CLERK,
    password: PASSWORD,
  });
  assert.equal(response.statusCode, 200, response.body);
  const cookie = String(response.headers['set-cookie']).split(';')[0]!;
  return { cookie, csrf: (response.json() as { csrf: string }).csrf };
}

describe('drafts', () => {
  test('refusals: dates in the past, close before open, duplicate names (after NFKC), wrong trustee count, a taken id', async () => {
    const past = new Date(Date.now() - 24 * HOUR).toISOString();
    /** Creating a draft from `payload` is refused with `status` and `code`. */
    const refusedDraft = async (payload: unknown, status: number, code: string, what = '') =>
      refused(
        await call(server.app, 'POST', '/api/admin/elections', server.adminToken, payload),
        status,
        code,
        what,
      );
    await refusedDraft(body('d1', { opensAt: past }), 400, 'dates-in-past', 'opening yesterday');
    await refusedDraft(
      body('d1', { opensAt: past, closesAt: new Date(Date.now() - HOUR).toISOString() }),
      400,
      'dates-in-past',
      'closing an hour ago',
    );
    await refusedDraft(
      body('d1', { closesAt: new Date(Date.now() + 30_000).toISOString() }),
      400,
      'bad-definition',
      'closing before opening',
    );
    const twins = draft('d1');
    twins.questions[0]!.candidates[1] = { id: 'ada2', name: 'ＡＤＡ Lovelace' };
    await refusedDraft(
      { definition: twins, trustees: EMAILS },
      400,
      'bad-definition',
      'the same name in full-width letters',
    );
    await refusedDraft(body('d1', {}, EMAILS.slice(1)), 400, 'bad-trustees');
    await refusedDraft(body('d1', { title: '' }), 400, 'bad-definition', 'an empty title');
    await refusedDraft(
      { definition: draft('d1'), trustees: [{ email: 'not an address' }, ...EMAILS.slice(1)] },
      400,
      'malformed',
    );
    const list = await admin<{ id: string }[]>('GET', '/api/admin/elections');
    assert.ok(!list.some((e) => e.id === 'd1'), 'nothing was created');

    await admin('POST', '/api/admin/elections', body('d1'));
    await refusedDraft(body('d1'), 409, 'exists');
  });

  test("a draft keeps its trustees' addresses private, beside it; it can be edited until set up", async () => {
    const created = await admin<{ status: string; definition: Record<string, unknown> }>(
      'POST',
      '/api/admin/elections',
      body('d2'),
    );
    assert.equal(created.status, 'draft');
    assert.ok(!JSON.stringify(created.definition).includes('@'), 'no address in the definition');
    const seen = await admin<{ trustees: { name: string; email: string | null }[]; definition: unknown }>(
      'GET',
      '/api/admin/elections/d2',
    );
    assert.deepEqual(
      seen.trustees.map((t) => [t.name, t.email]),
      [
        ['Returning officer', 'ro@example.org'],
        ['Agent A', 'agent@example.org'],
        ['Scrutineer', 'scrutineer@example.org'],
      ],
    );
    assert.ok(!JSON.stringify(seen.definition).includes('@'));

    // Edited: a new title and a corrected address.
    const corrected = [EMAILS[0]!, { email: 'agent.a@example.org' }, EMAILS[2]!];
    await admin('POST', '/api/admin/elections/d2/draft', body('d2', { title: 'Leader, edited' }, corrected));
    const edited = await admin<{ definition: { title: string }; trustees: { email: string }[] }>(
      'GET',
      '/api/admin/elections/d2',
    );
    assert.equal(edited.definition.title, 'Leader, edited');
    assert.equal(edited.trustees[1]!.email, 'agent.a@example.org');
    refused(
      await call(server.app, 'POST', '/api/admin/elections/d2/draft', server.adminToken, body('other')),
      400,
      'bad-definition',
      'the id cannot change',
    );

    // Listed for the organiser with its state; not public; the private rows are never listed.
    const list = await admin<{ id: string; status: string; title: string }[]>('GET', '/api/admin/elections');
    assert.ok(list.some((e) => e.id === 'd2' && e.status === 'draft' && e.title === 'Leader, edited'));
    assert.ok(
      list.every((e) => /^[a-z0-9-]+$/.test(e.id)),
      'only elections',
    );
    const publicList = await api<{ id: string }[]>(server.baseUrl, 'GET', '/api/elections');
    assert.ok(!publicList.some((e) => e.id === 'd2'));
    assert.ok(!JSON.stringify(publicList).includes('@'));
    // The addresses are in the election's organiser record, not in the election.
    assert.deepEqual(
      (await readPrivate(server.store, 'd2')).trustees?.map((c) => c?.email),
      corrected.map((c) => c.email),
    );
    assert.ok(!JSON.stringify(await server.store.election('d2')).includes('@'));
  });
});

describe('who may use the console routes', () => {
  const routes = (id: string): [string, string, unknown?][] => [
    ['GET', '/api/admin/elections'],
    ['POST', '/api/admin/elections', body('x1')],
    ['GET', `/api/admin/elections/${id}`],
    ['POST', `/api/admin/elections/${id}/draft`, body(id)],
    ['POST', `/api/admin/elections/${id}/setup`, { lang: 'en' }],
    ['POST', `/api/admin/elections/${id}/trustees/1/remind`, { lang: 'en' }],
    ['GET', `/api/admin/elections/${id}/turnout`],
    ['GET', `/api/admin/elections/${id}/turnout.csv`],
    ['GET', `/api/admin/elections/${id}/report`],
    ['POST', `/api/admin/elections/${id}/practice`, { lang: 'en' }],
    ['POST', `/api/admin/elections/${id}/practice/decrypt`],
  ];

  test('no login: 401; a trustee’s login: 403; a cookie session’s write without its CSRF token: 403; the board unchanged', async () => {
    await admin('POST', '/api/admin/elections', body('w1'));
    await admin('POST', '/api/admin/elections/w1/setup', { lang: 'en' });
    const size = await boardSize(server.app, 'w1');
    const [trusteeToken] = await issueTrusteeTokens(server.store, 'w1', 1, 1);
    const clerk = await clerkSession();
    for (const [method, url, payload] of routes('w1')) {
      refused(await call(server.app, method as 'GET', url, undefined, payload), 401, 'login-required', url);
      refused(await call(server.app, method as 'GET', url, trusteeToken, payload), 403, 'forbidden', url);
      if (method === 'POST') {
        const response = await server.app.inject({
          method: 'POST',
          url,
          headers: { cookie: clerk.cookie },
          ...(payload !== undefined ? { payload: payload as object } : {}),
        });
        refused(response, 403, 'csrf', url);
      }
    }
    // The same cookie session with its token is let in.
    const listed = await server.app.inject({
      method: 'GET',
      url: '/api/admin/elections',
      headers: { cookie: clerk.cookie },
    });
    assert.equal(listed.statusCode, 200);
    assert.equal(await boardSize(server.app, 'w1'), size);
  });

  test('malformed bodies, unknown elections and trustees: 400 and 404', async () => {
    const size = await boardSize(server.app, 'w1');
    const t = server.adminToken;
    refused(
      await call(server.app, 'POST', '/api/admin/elections/w1/setup', t, { lang: 'fr' }),
      400,
      'malformed',
    );
    refused(await call(server.app, 'POST', '/api/admin/elections/w1/setup', t, {}), 400, 'malformed');
    refused(
      await call(server.app, 'POST', '/api/admin/elections', t, {
        definition: draft('w9'),
        trustees: EMAILS,
        x: 1,
      }),
      400,
      'malformed',
    );
    refused(
      await call(server.app, 'POST', '/api/admin/elections/w1/trustees/0/remind', t, { lang: 'en' }),
      400,
      'malformed',
    );
    refused(
      await call(server.app, 'POST', '/api/admin/elections/w1/trustees/9/remind', t, { lang: 'en' }),
      404,
      'unknown-trustee',
    );
    for (const [method, url, payload] of routes('nowhere').slice(2)) {
      refused(await call(server.app, method as 'GET', url, t, payload), 404, 'unknown-election', url);
    }
    assert.equal(await boardSize(server.app, 'w1'), size);
  });
});

describe('an election from the console: setup, invitations, reminders, ceremony, turnout, report', () => {
  const id = 'leader-2026';
  const voters = votersOf(id, 3);
  let tokens: string[] = [];
  let shares: bigint[] = [];

  test('setup publishes the definition and emails each trustee a working link; a second click changes nothing', async () => {
    await admin('POST', '/api/admin/elections', body(id));
    refused(
      await call(server.app, 'POST', `/api/admin/elections/${id}/trustees/1/remind`, server.adminToken, {
        lang: 'en',
      }),
      409,
      'nothing-to-do',
      'no reminders for a draft',
    );
    refused(
      await call(server.app, 'POST', `/api/admin/elections/${id}/trustees/call`, server.adminToken, {
        lang: 'en',
      }),
      409,
      'nothing-to-do',
      'no trustee to call in a draft',
    );
    refused(
      await call(server.app, 'GET', `/api/admin/elections/${id}/report`, server.adminToken),
      409,
      'out-of-phase',
    );
    const mailsBefore = server.sink.messages.length;
    const setup = await admin<{ status: string; invited: number }>(
      'POST',
      `/api/admin/elections/${id}/setup`,
      { lang: 'en' },
    );
    assert.deepEqual(setup, { status: 'key-ceremony', invited: 3 });
    const links = await trusteeLinks(server.sink, id, 3, mailsBefore);
    assert.deepEqual(
      links.map((l) => l.to),
      EMAILS.map((e) => e.email),
    );
    assert.match(links[1]!.mail.subject, /Key ceremony/);
    assert.match(links[1]!.mail.text, /Dear Agent A \(trustee 2\)/);
    tokens = links.map((l) => l.token);

    const size = await boardSize(server.app, id);
    refused(
      await call(server.app, 'POST', `/api/admin/elections/${id}/setup`, server.adminToken, { lang: 'en' }),
      409,
      'wrong-status',
    );
    refused(
      await call(server.app, 'POST', `/api/admin/elections/${id}/draft`, server.adminToken, body(id)),
      409,
      'wrong-status',
    );
    assert.equal(await boardSize(server.app, id), size);
    const shown = await admin<{ trustees: { invitedAt: string | null }[] }>(
      'GET',
      `/api/admin/elections/${id}`,
    );
    assert.ok(
      shown.trustees.every((t) => t.invitedAt !== null),
      'each invitation is recorded',
    );
    const published = await publicText(id);
    assert.ok(published.includes('Agent A'), 'the trustees are named in public');
    for (const { email } of EMAILS) assert.ok(!published.includes(email), `${email} is not public`);
  });

  test('a reminder sends a fresh link (to a corrected address) that works; a trustee who has dealt is not reminded', async () => {
    const keys = new Map([[1, await publishIdentity(server.baseUrl, group, id, 1, tokens[0]!)]]);
    const mailsBefore = server.sink.messages.length;
    await admin(`POST`, `/api/admin/elections/${id}/trustees/2/remind`, {
      lang: 'cy',
      email: 'agent.new@example.org',
    });
    const mail = await server.sink.waitFor(
      (m) => server.sink.messages.indexOf(m) >= mailsBefore && m.to === 'agent.new@example.org',
    );
    assert.match(mail.subject, /^Nodyn atgoffa: /, 'in Welsh, as a reminder');
    const token = /#trustee=2&token=([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
    assert.notEqual(token, tokens[1], 'a fresh token');
    tokens[1] = token;
    shares = await keyCeremony(server.baseUrl, group, id, tokens, keys);
    refused(
      await call(server.app, 'POST', `/api/admin/elections/${id}/trustees/2/remind`, server.adminToken, {
        lang: 'en',
      }),
      409,
      'trustee-done',
    );
    const shown = await admin<{ trustees: { email: string; identity: boolean; dealing: boolean }[] }>(
      'GET',
      `/api/admin/elections/${id}`,
    );
    assert.equal(shown.trustees[1]!.email, 'agent.new@example.org');
    assert.ok(shown.trustees.every((t) => t.identity && t.dealing));
  });

  test('turnout: ballots per hour, cumulative, as JSON and CSV; closing twice is refused and changes nothing', async () => {
    const base = `/api/elections/${id}`;
    await admin('POST', `${base}/voters`, { voters });
    await admin('POST', `${base}/ceremony/finish`);
    const credentials = await issueElectorate(server.baseUrl, server.adminToken, group, id, voters.length);
    await admin('POST', `${base}/open`);
    const empty = await admin<{ electorate: number; cast: number; hours: unknown[] }>(
      'GET',
      `/api/admin/elections/${id}/turnout`,
    );
    assert.deepEqual([empty.electorate, empty.cast, empty.hours], [3, 0, []]);

    const election = await ballotElectionOf(server.baseUrl, group, id);
    for (const v of [0, 1]) {
      const token = await voterLogin(id, voters[v]!.email);
      await castBallot(server.baseUrl, group, id, token, election, credentials[v]!, [[v]]);
    }
    const turnout = await admin<{
      electorate: number;
      cast: number;
      counted: number;
      voters: { total: number; voted: number };
      hours: { hour: string; ballots: number; cumulative: number }[];
    }>('GET', `/api/admin/elections/${id}/turnout`);
    assert.equal(turnout.cast, 2);
    assert.equal(turnout.counted, 2);
    assert.deepEqual(turnout.voters, { total: 3, voted: 2 });
    assert.equal(turnout.hours.at(-1)!.cumulative, 2);
    assert.equal(
      turnout.hours.reduce((a, h) => a + h.ballots, 0),
      2,
    );
    assert.match(turnout.hours[0]!.hour, /^\d{4}-\d\d-\d\dT\d\d:00:00\.000Z$/);

    const csv = await server.app.inject({
      method: 'GET',
      url: `/api/admin/elections/${id}/turnout.csv`,
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /leader-2026-turnout\.csv/);
    const rows = csv.body.trimEnd().split('\r\n');
    assert.equal(rows[0], 'hour,ballots,cumulative');
    assert.equal(rows.at(-1), `${turnout.hours.at(-1)!.hour},${turnout.hours.at(-1)!.ballots},2`);

    await admin('POST', `${base}/close`);
    const size = await boardSize(server.app, id);
    refused(
      await call(server.app, 'POST', `${base}/close`, server.adminToken),
      409,
      'out-of-phase',
      'closing twice',
    );
    const both = await Promise.all([
      call(server.app, 'POST', `${base}/tally`, server.adminToken),
      call(server.app, 'POST', `${base}/tally`, server.adminToken),
    ]);
    assert.deepEqual(
      both.map((r) => r.statusCode).sort(),
      [200, 409],
      'of two tallies at once, one is refused',
    );
    assert.equal(await boardSize(server.app, id), size + 1, 'one tally event');
  });

  test('decryption: every trustee called with a link, then reminders for those without a share; publishing needs t shares; the report verifies', async () => {
    const base = `/api/elections/${id}`;
    refused(await call(server.app, 'POST', `${base}/publish`, server.adminToken), 409, 'not-enough-shares');
    const called = server.sink.messages.length;
    const { task, sent } = await admin<{ task: string; sent: number[] }>(
      'POST',
      `/api/admin/elections/${id}/trustees/call`,
      { lang: 'en' },
    );
    assert.deepEqual([task, sent], ['decryption', [1, 2, 3]]);
    for (const [i, to] of ['ro@example.org', 'agent.new@example.org', 'scrutineer@example.org'].entries()) {
      const mail = await server.sink.waitFor((m) => server.sink.messages.indexOf(m) >= called && m.to === to);
      assert.match(mail.subject, /^Decrypting the result: /, 'the first call to decrypt is no reminder');
      tokens[i] = new RegExp(`#trustee=${i + 1}&token=([A-Za-z0-9_-]{43})`).exec(mail.text)![1]!;
    }
    const mailsBefore = server.sink.messages.length;
    const sessions = trusteeSessions(id);
    await admin('POST', `/api/admin/elections/${id}/trustees/3/remind`, { lang: 'en' });
    assert.deepEqual(trusteeSessions(id), [...sessions, '3'].sort(), 'one new token, trustee 3’s');
    const mail = await server.sink.waitFor(
      (m) => server.sink.messages.indexOf(m) >= mailsBefore && m.to === 'scrutineer@example.org',
    );
    assert.match(mail.subject, /^Reminder: Decrypting the result/);
    tokens[2] = /#trustee=3&token=([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
    await decrypt(server.baseUrl, group, id, [1, 3], tokens, shares);
    refused(
      await call(server.app, 'POST', `/api/admin/elections/${id}/trustees/1/remind`, server.adminToken, {
        lang: 'en',
      }),
      409,
      'trustee-done',
    );
    const shown = await admin<{ trustees: { share: boolean }[] }>('GET', `/api/admin/elections/${id}`);
    assert.deepEqual(
      shown.trustees.map((t) => t.share),
      [true, false, true],
    );
    await admin('POST', `${base}/publish`);
    const report = await admin<{
      ok: boolean;
      phase: string;
      election: { practice: boolean };
      result: { questions: { candidates: { votes: number }[] }[] };
    }>('GET', `/api/admin/elections/${id}/report`);
    assert.equal(report.ok, true);
    assert.equal(report.phase, 'published');
    assert.equal(report.election.practice, false);
    assert.deepEqual(
      report.result.questions[0]!.candidates.map((c) => c.votes),
      [1, 1, 0],
    );
  });
});

describe('a practice election, with one click', () => {
  const real = 'council-2026';
  const voters = votersOf(real, 3);
  let practice = '';

  test('refused without voters; then made, opened and emailed to every member; a second click does nothing', async () => {
    const t = server.adminToken;
    await admin('POST', '/api/admin/elections', {
      definition: draft(real, {
        questions: [
          { ...draft(real).questions[0]!, blankAllowed: false },
          {
            id: 'committee',
            type: 'approval',
            title: 'Who should sit on the committee?',
            min: 0,
            max: 2,
            candidates: ['a', 'b', 'c', 'd', 'e'].map((c) => ({ id: c, name: `Member ${c}` })),
          },
        ],
      }),
      trustees: EMAILS,
    });
    refused(
      await call(server.app, 'POST', `/api/admin/elections/${real}/practice`, t, { lang: 'en' }),
      409,
      'no-voters',
    );
    await admin('POST', `/api/elections/${real}/voters`, { voters });

    const mailsBefore = server.sink.messages.length;
    const made = await admin<{ id: string; status: string; voters: number; created: boolean }>(
      'POST',
      `/api/admin/elections/${real}/practice`,
      { lang: 'en' },
    );
    practice = made.id;
    assert.deepEqual(made, { id: `${real}-practice`, status: 'open', voters: 3, created: true });
    const outbox = async () => Object.values(await server.store.mailStatus()).reduce((a, n) => a + n, 0);
    const queued = await outbox();
    const again = await admin<{ created: boolean }>('POST', `/api/admin/elections/${real}/practice`, {
      lang: 'en',
    });
    assert.equal(again.created, false);
    assert.equal(await outbox(), queued, 'the second click queues no email');

    const shown = await api<{
      status: string;
      definition: { practice: boolean; questions: unknown[]; trustees: unknown[]; threshold: number };
    }>(server.baseUrl, 'GET', `/api/elections/${practice}`);
    assert.equal(shown.status, 'open');
    assert.equal(shown.definition.practice, true);
    assert.equal(shown.definition.questions.length, 2, 'the same layout');
    assert.deepEqual([shown.definition.trustees.length, shown.definition.threshold], [1, 1]);
    const q = shown.definition.questions as {
      type: string;
      min?: number;
      max?: number;
      blankAllowed?: boolean;
      candidates: { name: string }[];
    }[];
    assert.deepEqual(
      q[0]!.candidates.map((c) => c.name),
      ['Spring', 'Summer', 'Autumn', 'Winter'],
    );
    assert.deepEqual([q[0]!.type, q[0]!.blankAllowed], ['single', false]);
    assert.deepEqual([q[1]!.type, q[1]!.min, q[1]!.max, q[1]!.candidates.length], ['approval', 0, 2, 5]);

    const overview = await admin<{ practice: { id: string; status: string } | null }>(
      'GET',
      `/api/admin/elections/${real}`,
    );
    assert.deepEqual(overview.practice, { id: practice, status: 'open' });
    const listed = await api<{ id: string; practice: boolean }[]>(server.baseUrl, 'GET', '/api/elections');
    assert.ok(listed.some((e) => e.id === practice && e.practice));

    for (const voter of voters)
      await server.sink.waitFor(
        (m) =>
          server.sink.messages.indexOf(m) >= mailsBefore &&
          m.to === voter.email &&
          m.subject.startsWith('Practice vote'),
      );
    refused(
      await call(server.app, 'POST', `/api/admin/elections/${practice}/practice`, t, { lang: 'en' }),
      409,
      'is-practice',
    );
    refused(
      await call(server.app, 'POST', `/api/admin/elections/${real}/practice/decrypt`, t),
      409,
      'not-practice',
    );
  });

  test('members vote with the practice credentials from their emails; the server decrypts; the record verifies, marked practice', async () => {
    const base = `/api/elections/${practice}`;
    const election = await ballotElectionOf(server.baseUrl, group, practice);
    const choices = [
      [[1], [0, 2]],
      [[1], [3]],
      [[2], []],
    ];
    for (const [v, voter] of voters.entries()) {
      const mail = await server.sink.waitFor(
        (m) => m.to === voter.email && m.subject.startsWith('Practice vote'),
      );
      assert.match(mail.text, new RegExp(`/vote/${practice}`), 'the practice booth');
      assert.match(mail.text, /made by the Psephos server/, 'says the server made the credential');
      const credential = /vote1(?: [a-z0-9]{1,4})+/.exec(mail.text)![0];
      assert.ok(mail.html.includes(credential), 'the HTML part has it too');
      const token = await voterLogin(practice, voter.email);
      await castBallot(server.baseUrl, group, practice, token, election, credential, choices[v]!);
    }
    const t = server.adminToken;
    refused(
      await call(server.app, 'POST', `/api/admin/elections/${practice}/practice/decrypt`, t),
      409,
      'out-of-phase',
      'nothing to decrypt before the tally',
    );
    await admin('POST', `${base}/close`);
    await admin('POST', `${base}/tally`);
    await admin('POST', `/api/admin/elections/${practice}/practice/decrypt`);
    const size = await boardSize(server.app, practice);
    await admin('POST', `/api/admin/elections/${practice}/practice/decrypt`);
    assert.equal(await boardSize(server.app, practice), size, 'a second click publishes nothing more');
    await admin('POST', `${base}/publish`);

    const record = await (await fetch(`${server.baseUrl}${base}/record`)).text();
    const report = await verifyRecord(
      {
        async *open() {
          yield record;
        },
      },
      { group },
    );
    assert.equal(report.ok, true, JSON.stringify(report.failure));
    assert.equal(report.election?.practice, true);
    assert.deepEqual(
      report.result!.questions.map((q) => q.candidates.map((c) => c.votes)),
      [
        [0, 2, 1, 0],
        [1, 0, 1, 1, 0],
      ],
    );
    // The server's secrets stay in the practice's organiser record: in no public answer.
    const secrets = (await readPrivate(server.store, practice)).practice;
    assert.ok(secrets);
    assert.equal(secrets.practiceOf, real);
    const answers = await publicText(practice);
    assert.ok(answers.includes(secrets.identity.communicationKey), 'its public part is on the board');
    for (const secret of [secrets.secretShare, secrets.credentialKey])
      assert.ok(!answers.includes(secret), 'a secret is not public');
  });
});
