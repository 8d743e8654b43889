/**
 * The organiser's roll import through the real server (SQLite, the roll worker thread): every refusal
 * with its status and code, and nothing stored after one (a UTF-16 or binary file, an empty one, 50 MB
 * declared or streamed, a file that mixes encodings megabytes in, rows with errors, a missing
 * column, bad mappings and rules); a generated roll of 1 000 members uploaded, previewed, checked and
 * audited (planted duplicates found), decided, reported, made the login list; the voter list read by
 * the credential authority's own command, whose public credentials publish the electorate; a roll that
 * cannot change once used or once the electorate is published; and a use that meets voters already
 * there (resumed when they are the roll's, refused when not).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { parseAuditReport } from '../../src/electorate/report.ts';
import { GENERATED_RULES, type GeneratedRoll, generateRoll } from '../fixtures/roll-generator.ts';
import { bearer, call, errorOf, refused, startServer, type TestServer } from './fixtures.ts';
import { createDraft, issueCredentials, setUpWithOneTrustee, waitForJob } from './members-fixtures.ts';

let server: TestServer;
let dir: string;
let generated: GeneratedRoll;

before(async () => {
  server = await startServer();
  dir = mkdtempSync(join(tmpdir(), 'psephos-roll-test-'));
  generated = generateRoll(join(dir, 'roll-1000.csv'), { members: 1000, seed: 7 });
});

after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const token = () => server.adminToken;

/** Uploads bytes as the roll file (a Buffer, or a stream sent without a length). */
function upload(id: string, body: Buffer | Readable, name = 'members.csv', type = 'text/csv') {
  return server.app.inject({
    method: 'POST',
    url: `/api/elections/${id}/roll/file?name=${encodeURIComponent(name)}`,
    headers: { ...bearer(token()), 'content-type': type },
    payload: body,
  });
}

interface RollState {
  election: { status: string; rules: unknown };
  maxBytes: number;
  voters: number;
  import: {
    status: string;
    name: string;
    size: number;
    sha256: string;
    preview: {
      encoding: string;
      delimiter: string;
      headers: string[];
      sample: string[][];
      detected: Record<string, string>;
    };
  } | null;
  job: { id: number; status: string; progress: number; error: string | null } | null;
  problem: {
    code: string;
    message: string;
    rowErrors: { line: number; code: string; message: string }[];
  } | null;
  audit: {
    summary: { members: number; eligible: number; openFindings: number };
    plan: { eligible: number; excluded: number; noEmail: number; voters: number; open: number };
    columns: Record<string, string>;
  } | null;
  used: { voters: number } | null;
}

async function state(id: string): Promise<RollState> {
  const response = await call(server.app, 'GET', `/api/elections/${id}/roll`, token());
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as RollState;
}

/** Starts a check and waits for its job to end; returns the state after it. */
async function check(id: string, body: unknown): Promise<RollState> {
  const started = await call(server.app, 'POST', `/api/elections/${id}/roll/audit`, token(), body);
  assert.equal(started.statusCode, 202, started.body);
  const { job } = started.json() as { job: number };
  await waitForJob(async () => {
    const s = await state(id);
    return s.job?.id === job ? s.job : null;
  });
  return state(id);
}

const DEFAULT_CHECK = { mapping: {}, rules: {} };
const csv = (lines: string[]) => Buffer.from(`${lines.join('\n')}\n`);

describe('refusals, with nothing stored', () => {
  before(() => createDraft(server, 'refusals'));

  test('only an organiser reaches the roll; an unknown election is 404', async () => {
    refused(await call(server.app, 'GET', '/api/elections/refusals/roll'), 401, 'login-required');
    const voter = await server.app.inject({
      method: 'POST',
      url: '/api/elections/refusals/roll/file',
      headers: { 'content-type': 'text/csv' },
      payload: 'id\n1\n',
    });
    refused(voter, 401, 'login-required');
    refused(await call(server.app, 'GET', '/api/elections/nobody/roll', token()), 404, 'unknown-election');
    refused(await upload('nobody', csv(['member id,join date'])), 404, 'unknown-election');
    refused(
      await call(server.app, 'POST', '/api/elections/refusals/roll/audit', token(), DEFAULT_CHECK),
      409,
      'no-roll',
    );
    refused(await call(server.app, 'POST', '/api/elections/refusals/roll/use', token()), 409, 'no-roll');
    refused(await call(server.app, 'GET', '/api/elections/refusals/roll/findings', token()), 409, 'no-audit');
    refused(
      await call(server.app, 'GET', '/api/elections/refusals/roll/report.html', token()),
      409,
      'no-audit',
    );
    refused(
      await call(server.app, 'GET', '/api/elections/refusals/roll/voters.csv', token()),
      404,
      'no-voters',
    );
  });

  test('files that are not a roll CSV are refused on upload with the reason, and not kept', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('member id,join date\n1,2020-01-01\n', 'utf16le'),
    ]);
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    const cases: [string, Buffer, string][] = [
      ['UTF-16', utf16, 'unsupported-encoding'],
      ['binary', png, 'not-text'],
      ['empty', Buffer.alloc(0), 'empty-file'],
      ['no delimiter', csv(['memberid', '1']), 'no-delimiter'],
      [
        'two columns named alike',
        csv(['Member ID,member id,join date', '1,1,2020-01-01']),
        'duplicate-column',
      ],
    ];
    for (const [what, body, code] of cases) {
      const response = await upload('refusals', body);
      refused(response, 400, code, what);
      assert.match(errorOf(response).message, /\w{4}/, `${what}: plain words`);
      assert.equal((await state('refusals')).import, null, `${what}: nothing kept`);
    }
    refused(await upload('refusals', csv(['a,b']), 'x.csv', 'text/plain'), 415, 'not-csv');
  });

  test('a file over the limit is refused with 413 and the limit in words, declared or streamed', async () => {
    const { maxBytes } = await state('refusals');
    assert.equal(maxBytes, 40 * 1024 * 1024);
    const big = Buffer.alloc(50 * 1000 * 1000, 'a,b\n');
    const declared = await upload('refusals', big);
    refused(declared, 413, 'roll-too-large');
    assert.match(errorOf(declared).message, /40 MB/);
    // Streamed without a length: refused as soon as the limit is passed.
    const streamed = await upload(
      'refusals',
      Readable.from(
        (function* () {
          for (let i = 0; i < 50; i++) yield big.subarray(i * 1_000_000, (i + 1) * 1_000_000);
        })(),
      ),
    );
    refused(streamed, 413, 'roll-too-large');
    assert.equal((await state('refusals')).import, null);
    const rows = await server.store.rollImport('refusals');
    assert.equal(rows, undefined, 'no import row, no chunk left behind');
  });

  test('a missing column, a bad mapping or bad rules are refused before any check runs', async () => {
    const response = await upload('refusals', csv(['Name,Email,Joined', 'Ann,ann@example.org,2020-01-01']));
    assert.equal(response.statusCode, 201, response.body);
    const { preview } = (response.json() as RollState).import!;
    assert.deepEqual(preview.detected, { name: 'Name', email: 'Email', joinDate: 'Joined' });
    const audit = (body: unknown) =>
      call(server.app, 'POST', '/api/elections/refusals/roll/audit', token(), body);
    const missing = await audit(DEFAULT_CHECK);
    refused(missing, 400, 'missing-column');
    assert.match(errorOf(missing).message, /memberId/);
    refused(
      await audit({ mapping: { columns: { memberId: 'Membership No' } }, rules: {} }),
      400,
      'missing-column',
    );
    refused(await audit({ mapping: { columns: { shoeSize: 'Name' } }, rules: {} }), 400, 'invalid-mapping');
    refused(
      await audit({ mapping: { columns: { memberId: 'Name' } }, rules: { minimumAge: 18 } }),
      400,
      'invalid-rules',
    );
    refused(
      await audit({ mapping: { columns: { memberId: 'Name' } }, rules: { duesPaid: true } }),
      400,
      'rule-needs-column',
    );
    refused(await audit({ mapping: {} }), 400, 'malformed');
    const s = await state('refusals');
    assert.equal(s.job, null, 'no check was started');
    assert.equal(s.audit, null);
  });

  test('rows with errors: the check fails with every bad line, and nothing is imported', async () => {
    const lines = ['member id,name,email,join date', 'A1,Ann,ann@example.org,2020-01-01'];
    lines.push(
      'A2,Bo,bo@example.org,2020-02-30',
      'A3,Cy,cy@example.org,2021-03-01',
      'A1,Di,di@example.org,2021-03-01',
    );
    assert.equal((await upload('refusals', csv(lines))).statusCode, 201);
    const after = await check('refusals', DEFAULT_CHECK);
    assert.equal(after.job?.status, 'failed');
    assert.equal(after.problem?.code, 'invalid-rows');
    assert.deepEqual(
      after.problem?.rowErrors.map((e) => [e.line, e.code]),
      [
        [3, 'bad-date'],
        [5, 'duplicate-member-id'],
      ],
    );
    assert.match(after.problem!.rowErrors[0]!.message, /2020-02-30/);
    assert.equal(after.audit, null);
    assert.equal(after.import?.status, 'uploaded');
    assert.equal(after.voters, 0);
    refused(await call(server.app, 'POST', '/api/elections/refusals/roll/use', token()), 409, 'no-audit');
  });

  test('a file that mixes encodings megabytes into it fails its check: wrong encoding, nothing imported', async () => {
    const rows = ['member id,name,join date'];
    for (let i = 0; i < 160_000; i++) rows.push(`M${i},Zoë ${i},2020-01-01`);
    const good = Buffer.from(`${rows.join('\n')}\n`);
    const bad = Buffer.concat([
      good,
      Buffer.from('M-last,Zo'),
      Buffer.from([0xeb]),
      Buffer.from(',2020-01-01\n'),
    ]);
    const uploaded = await upload('refusals', bad);
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    assert.equal((uploaded.json() as RollState).import?.preview.encoding, 'utf-8');
    const after = await check('refusals', DEFAULT_CHECK);
    assert.equal(after.problem?.code, 'unsupported-encoding');
    assert.match(after.problem!.message, /UTF-8/);
    assert.equal(after.audit, null);
    assert.equal(after.voters, 0);
  });

  test('a Windows-1252 roll is read as such', async () => {
    const latin = Buffer.from('member id;name;join date\r\nW1;Zo\u00eb;2020-01-01\r\n', 'latin1');
    const response = await upload('refusals', latin, 'export.csv');
    assert.equal(response.statusCode, 201);
    const { preview } = (response.json() as RollState).import!;
    assert.deepEqual([preview.encoding, preview.delimiter], ['windows-1252', ';']);
    assert.deepEqual(preview.sample, [['W1', 'Zoë', '2020-01-01']]);
  });
});

describe('a 1 000-member roll: preview, check, audit, decisions, report, use, credential authority', () => {
  const ID = 'leader-2026';
  let bytes: Buffer;

  before(async () => {
    await createDraft(server, ID, { eligibility: GENERATED_RULES as unknown as Record<string, unknown> });
    bytes = readFileSync(generated.path);
  });

  test('the upload shows the encoding, delimiter, headers, first rows and the columns found', async () => {
    const response = await upload(ID, bytes, 'roll-1000.csv');
    assert.equal(response.statusCode, 201, response.body);
    const s = response.json() as RollState;
    assert.equal(s.import?.name, 'roll-1000.csv');
    assert.equal(s.import?.size, bytes.length);
    assert.match(s.import!.sha256, /^[0-9a-f]{64}$/);
    const { preview } = s.import!;
    assert.equal(preview.encoding, 'utf-8');
    assert.equal(preview.delimiter, ',');
    assert.equal(preview.headers[0], 'Membership Number');
    assert.equal(preview.sample.length, 5);
    assert.ok(preview.sample.every((row) => row.length === preview.headers.length));
    assert.equal(preview.detected.memberId, 'Membership Number');
    assert.equal(preview.detected.joinDate, 'Date Joined');
    assert.equal(preview.detected.email, 'Email Address');
    assert.deepEqual(s.election.rules, { ...GENERATED_RULES });
  });

  test('the check runs as a job with progress, then shows counts and findings; planted duplicates are found', async () => {
    const s = await check(ID, { mapping: {}, rules: GENERATED_RULES });
    assert.equal(s.job?.status, 'done', JSON.stringify(s.job));
    assert.equal(s.job?.progress, 1);
    assert.equal(s.problem, null);
    assert.equal(s.import?.status, 'audited');
    assert.equal(s.audit?.summary.members, generated.rows);
    assert.ok(s.audit!.summary.eligible < generated.rows && s.audit!.summary.eligible > generated.rows * 0.8);
    assert.equal(s.audit?.columns.memberId, 'Membership Number');
    const page = await call(
      server.app,
      'GET',
      `/api/elections/${ID}/roll/findings?kind=duplicate&limit=100`,
      token(),
    );
    assert.equal(page.statusCode, 200);
    const { total, findings } = page.json() as { total: number; findings: { memberIds: string[] }[] };
    assert.ok(total > 0 && findings.length === Math.min(total, 100));
    const found = findings.map((f) => [...f.memberIds].sort().join(' '));
    const planted = generated.planted.filter((p) => p.kind === 'duplicate');
    const caught = planted.filter((p) => found.some((f) => p.memberIds.every((id) => f.includes(id))));
    assert.ok(
      caught.length >= planted.length * 0.8,
      `${caught.length} of ${planted.length} planted duplicates found`,
    );
    refused(
      await call(server.app, 'GET', `/api/elections/${ID}/roll/findings?kind=nonsense`, token()),
      400,
      'malformed',
    );
  });

  test('decisions: exclude a duplicate’s copy, keep a bulk sign-up; the plan and the report follow', async () => {
    const before = (await state(ID)).audit!.plan;
    const duplicates = (
      await call(server.app, 'GET', `/api/elections/${ID}/roll/findings?kind=duplicate`, token())
    ).json() as {
      findings: { id: string; memberIds: string[]; sample: { memberId: string }[] }[];
    };
    const duplicate = duplicates.findings.find((f) => f.memberIds.length === 2)!;
    const decide = (body: unknown) =>
      call(server.app, 'POST', `/api/elections/${ID}/roll/decisions`, token(), body);
    const decided = await decide({
      findingId: duplicate.id,
      decision: 'exclude',
      note: 'Same person twice <b>checked</b>',
    });
    assert.equal(decided.statusCode, 200, decided.body);
    const result = decided.json() as {
      finding: { decision: { decision: string } };
      plan: { excluded: number };
    };
    assert.equal(result.finding.decision.decision, 'confirm');
    assert.equal(result.plan.excluded, before.excluded + 1, 'the copy is excluded, the first row kept');
    const plan = (await state(ID)).audit!.plan;
    assert.equal(plan.open, before.open - 1);
    const bulk = (
      (
        await call(server.app, 'GET', `/api/elections/${ID}/roll/findings?kind=bulk-signup`, token())
      ).json() as {
        findings: { id: string }[];
      }
    ).findings[0];
    if (bulk)
      assert.equal(
        (await decide({ findingId: bulk.id, decision: 'keep', note: 'a branch recruitment evening' }))
          .statusCode,
        200,
      );
    refused(await decide({ findingId: '0123456789abcdef', decision: 'keep' }), 404, 'unknown-finding');
    refused(await decide({ findingId: duplicate.id, decision: 'maybe' }), 400, 'malformed');
    refused(await decide({ findingId: 'not-a-finding', decision: 'keep' }), 400, 'malformed');

    const html = await call(server.app, 'GET', `/api/elections/${ID}/roll/report.html`, token());
    assert.equal(html.statusCode, 200);
    assert.match(String(html.headers['content-type']), /^text\/html/);
    assert.match(
      String(html.headers['content-disposition']),
      /^attachment; filename="roll-audit-leader-2026\.html"/,
    );
    assert.match(html.body, /Roll audit: roll-1000\.csv/);
    assert.ok(html.body.includes('Same person twice &lt;b&gt;checked&lt;/b&gt;'), 'the note is escaped');
    assert.ok(!html.body.includes('<b>checked</b>'));
    const json = await call(server.app, 'GET', `/api/elections/${ID}/roll/report.json`, token());
    const report = parseAuditReport(JSON.parse(json.body));
    assert.equal(report.findings.find((f) => f.id === duplicate.id)?.decision?.decision, 'confirm');
  });

  test('use: the eligible, kept members with an address become the login list, in one go', async () => {
    const { audit } = await state(ID);
    const report = parseAuditReport(
      JSON.parse((await call(server.app, 'GET', `/api/elections/${ID}/roll/report.json`, token())).body),
    );
    const used = await call(server.app, 'POST', `/api/elections/${ID}/roll/use`, token());
    assert.equal(used.statusCode, 200, used.body);
    const s = used.json() as RollState;
    assert.equal(s.import?.status, 'used');
    assert.equal(s.voters, audit!.plan.voters);
    assert.equal(s.used?.voters, audit!.plan.voters);
    const excludedFinding = report.findings.find((f) => f.decision?.decision === 'confirm')!;
    const [kept, copy] = [
      excludedFinding.sample[0]!.memberId,
      excludedFinding.memberIds.find((m) => m !== excludedFinding.sample[0]!.memberId)!,
    ];
    const ineligible = new Set(report.eligibility.ineligible.map((m) => m.memberId));
    if (!ineligible.has(kept))
      assert.ok(await server.store.voter(ID, kept), 'the first row of a duplicate stays');
    assert.equal(await server.store.voter(ID, copy), undefined, 'its copy is off the list');
    const late = generated.planted.find(
      (p) => p.kind === 'ineligible' && p.signal === 'joined-after-cutoff',
    )!;
    assert.equal(
      await server.store.voter(ID, late.memberIds[0]!),
      undefined,
      'an ineligible member is off the list',
    );
    const blank = report.findings.find((f) => f.kind === 'missing-email');
    if (blank)
      assert.equal(await server.store.voter(ID, blank.memberIds[0]!), undefined, 'no address, no login');
  });

  test('the voter list is what the credential authority’s command reads; its public list publishes the electorate', async () => {
    const list = await call(server.app, 'GET', `/api/elections/${ID}/roll/voters.csv`, token());
    assert.equal(list.statusCode, 200);
    assert.match(String(list.headers['content-type']), /^text\/csv/);
    assert.match(String(list.headers['content-disposition']), /voters-leader-2026\.csv/);
    const lines = list.body.trim().split('\n');
    assert.equal(lines[0], 'member_id,email,name');
    const voters = (await state(ID)).voters;
    assert.equal(lines.length, voters + 1);
    const issued = await issueCredentials(ID, list.body);
    assert.equal(issued.public.credentials.length, voters);
    assert.equal(issued.public.members?.count, voters, 'the CA committed the electorate over this list');
    await setUpWithOneTrustee(server, ID);
    const published = await call(
      server.app,
      'POST',
      `/api/elections/${ID}/electorate`,
      token(),
      JSON.parse(issued.publicJson),
    );
    assert.equal(published.statusCode, 200, published.body);
    assert.equal((published.json() as { credentials: number }).credentials, voters);
  });

  test('a used roll cannot change; once the electorate is published, not even a new file', async () => {
    refused(await call(server.app, 'POST', `/api/elections/${ID}/roll/use`, token()), 409, 'wrong-status');
    refused(await upload(ID, bytes), 409, 'wrong-status');
    refused(
      await call(server.app, 'POST', `/api/elections/${ID}/roll/audit`, token(), DEFAULT_CHECK),
      409,
      'wrong-status',
    );
    const s = await state(ID);
    assert.equal(s.import?.status, 'used');
    assert.ok(s.audit, 'the audit stays readable');
    assert.equal(
      (await call(server.app, 'GET', `/api/elections/${ID}/roll/report.html`, token())).statusCode,
      200,
    );
  });
});

describe('using a roll where voters are already there', () => {
  const small = csv([
    'member id,name,email,join date',
    'S1,Ann,ann@example.org,2020-01-01',
    'S2,Bo,bo@example.org,2020-01-01',
    'S3,Cy,cy@example.org,2020-01-01',
  ]);

  async function audited(id: string): Promise<void> {
    await createDraft(server, id);
    assert.equal((await upload(id, small)).statusCode, 201);
    assert.equal((await check(id, DEFAULT_CHECK)).import?.status, 'audited');
  }

  test('voters of this roll (an interrupted use) are kept and the rest added', async () => {
    await audited('resume');
    await server.store.addVoters('resume', [{ voterId: 'S2', email: 'bo@example.org', name: 'Bo' }]);
    const used = await call(server.app, 'POST', '/api/elections/resume/roll/use', token());
    assert.equal(used.statusCode, 200, used.body);
    assert.deepEqual(
      (await server.store.voters('resume')).map((v) => v.voterId),
      ['S1', 'S2', 'S3'],
    );
    refused(await call(server.app, 'POST', '/api/elections/resume/roll/use', token()), 409, 'roll-used');
    refused(await upload('resume', small), 409, 'roll-used');
    refused(
      await call(server.app, 'POST', '/api/elections/resume/roll/decisions', token(), {
        findingId: '0123456789abcdef',
        decision: 'keep',
      }),
      409,
      'roll-used',
    );
  });

  test('a voter who is not on the roll: refused, and the roll can still be used later', async () => {
    await audited('others');
    await server.store.addVoters('others', [
      { voterId: 'X9', email: 'x9@example.org', name: 'Someone else' },
    ]);
    refused(await call(server.app, 'POST', '/api/elections/others/roll/use', token()), 409, 'voters-exist');
    const s = await state('others');
    assert.equal(s.import?.status, 'audited', 'back to audited: nothing half done');
    assert.equal(s.voters, 1);
  });
});
