/**
 * The verifier page (/verify) in Chromium against a real server: the record of a real election (voters
 * log in by email and cast through the HTTP API; trustees decrypt; the result is published) checked from
 * a chosen file and fetched from the server, with the verdict, the report text and the JSON report the
 * same as the command-line verifier's for the same file; progress that reaches the end; a tampered
 * ballot, a record cut mid-line and one cut between lines failing with the CLI's codes; a receipt, a
 * random file and an empty file refused as not a record; a file over the size limit, an unknown
 * election and a cancelled run; the pages' integrity hashes; Welsh on a 320 px phone; axe-core on every
 * state. Screenshots go to test-artifacts/web/verifier-*.png.
 *
 * And, in Node: the runtime-free ballot pool (src/verifier/worker-pool.ts + ballot-check.ts, what the
 * page's Web Workers run) gives the same reports as the Node worker threads and as no pool; the page's
 * record sources (download into a Blob, Blob streaming) give the verifier the same bytes.
 *
 * Needs the built pages (`npm run build:web`, or PSEPHOS_WEB_DIST) and /usr/bin/chromium.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { exportRecord } from '../../src/board/export.ts';
import { runHttpElection } from '../../src/cli/http-election.ts';
import { simulateElection } from '../../src/cli/simulate.ts';
import { verifyFile } from '../../src/cli/verify.ts';
import { ballotChecker } from '../../src/verifier/ballot-check.ts';
import { NodeBallotPool } from '../../src/verifier/node-pool.ts';
import type { VerificationReport } from '../../src/verifier/report.ts';
import { renderReport } from '../../src/verifier/report.ts';
import type { BallotPool } from '../../src/verifier/verify.ts';
import { verifyRecord } from '../../src/verifier/verify.ts';
import type { PoolWorkerEvents } from '../../src/verifier/worker-pool.ts';
import { WorkerBallotPool } from '../../src/verifier/worker-pool.ts';
import { en as verifierEn } from '../../src/web/verifier/messages.ts';
import {
  blobSource,
  claimedEvents,
  downloadRecord,
  MAX_RECORD_BYTES,
  RecordProblem,
} from '../../src/web/verifier/source.ts';
import { castBallot } from '../support/voting.ts';
import {
  assertAccessible,
  draftElection,
  group,
  launchChromium,
  loginByEmail,
  openCustomElection,
  openPage,
  phone,
  requireBuild,
  screenshot,
  startWebServer,
  WEB_DIST,
  type WebServer,
  webVoters,
} from './fixtures.ts';

requireBuild();

const t = verifierEn.verifierPage;
const PUBLISHED = 'verify-2026';
const OPEN = 'verify-open-2026';
const PHONE = phone(320, 640);

let server: WebServer;
let browser: Browser;
let dir: string;
/** The published election's record, as the server serves it, and variants of it (file paths). */
let record: string;
const files: Record<string, string> = {};
let bigBallots = 0;

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  files[name] = path;
  return path;
}

/** The record's lines (without their newlines). */
const linesOf = (text: string) => text.slice(0, -1).split('\n');
const isHead = (line: string) => line.includes('"format":"psephos/tree-head"');

/** One base64url character of the first ballot's proofs changed: the ballot no longer checks out. */
function tamperBallot(text: string): string {
  const lines = linesOf(text);
  const i = lines.findIndex((l) => l.includes('"type":"ballot"'));
  const at = lines[i]!.indexOf('"c":"') + 10;
  const old = lines[i]![at]!;
  lines[i] = `${lines[i]!.slice(0, at)}${old === 'A' ? 'B' : 'A'}${lines[i]!.slice(at + 1)}`;
  return `${lines.join('\n')}\n`;
}

/** The record up to and including line `n` (1-based), as whole lines. */
const firstLines = (text: string, n: number) => `${linesOf(text).slice(0, n).join('\n')}\n`;

/** What the command line's verifier says of a file (src/cli/verify.ts, worker threads as usual). */
async function cli(path: string): Promise<VerificationReport> {
  return verifyFile(path, { workers: 2, backend: 'sodium' });
}

/** A report's text with the time it took left out (the only part that differs between two runs). */
const timeless = (text: string) => text.replace(/\(\d+ ms\)/, '(… ms)');
const withoutMs = ({ ms: _, ...rest }: VerificationReport) => rest;

/** Page errors and console errors (a missing favicon aside): there must be none. */
const newPage = (options: Parameters<Browser['newContext']>[0] = {}) => openPage(browser, options);

/**
 * Records every state of the progress display (the bar's value, the events and ballots lines) until
 * the page finishes, so a test can see where the progress got to before the report replaced it.
 */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: { value: number; events: string; ballots: string }[] = [];
    (globalThis as unknown as { progressSeen: typeof seen }).progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector<HTMLProgressElement>('[data-testid="verify-bar"]');
      const events = document.querySelector('[data-testid="verify-events"]')?.textContent ?? '';
      const ballots = document.querySelector('[data-testid="verify-ballots"]')?.textContent ?? '';
      const last = seen.at(-1);
      if (bar && (last?.value !== bar.value || last.events !== events || last.ballots !== ballots))
        seen.push({ value: bar.value, events, ballots });
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

const progressSeen = (page: Page) =>
  page.evaluate(
    () =>
      (globalThis as unknown as { progressSeen: { value: number; events: string; ballots: string }[] })
        .progressSeen,
  );

/** Chooses `path` and verifies it; resolves when the report is shown. */
async function verifyInPage(page: Page, path: string) {
  await page.getByLabel(t.fileLabel).setInputFiles(path);
  await page.getByRole('button', { name: t.fileButton }).click();
  return shownReport(page);
}

async function shownReport(page: Page) {
  const done = page.getByTestId('verify-done');
  await done.waitFor({ timeout: 60_000 });
  return {
    ok: (await done.getAttribute('data-ok')) === 'true',
    verdict: (await page.getByTestId('verdict').getByRole('heading').textContent())!,
    text: (await page.getByTestId('verify-report').textContent())!,
  };
}

/** The verdict the page must show for a report (the brief's words, built from the CLI's report). */
function expectedVerdict(report: VerificationReport): string {
  const f = report.failure;
  if (!f) return t.okTitle;
  const where = f.event !== undefined ? t.atEvent(f.event) : f.line !== undefined ? t.atLine(f.line) : '';
  return `${t.failTitle(f.code, where)} — ${f.message}`;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'psephos-verifier-page-'));
  server = await startWebServer();
  const readLoginLink = async (email: string) => (await server.nextLogin(email)).link;
  // A real election: 7 members, 6 vote through the server, 2 of 3 trustees decrypt, result published.
  await runHttpElection({
    baseUrl: server.baseUrl,
    adminToken: server.adminToken,
    group,
    electionId: PUBLISHED,
    voters: webVoters('pub', 7),
    turnout: 6,
    candidates: 3,
    trustees: 3,
    threshold: 2,
    revoting: 'single',
    readLoginLink,
  });
  record = await (await fetch(`${server.baseUrl}/api/elections/${PUBLISHED}/record`)).text();
  write('published.psephos.jsonl', record);
  write('tampered.psephos.jsonl', tamperBallot(record));
  write('cut-mid-line.psephos.jsonl', record.slice(0, record.length - 100));
  const lines = linesOf(record);
  const lastBallot = lines.findLastIndex((l) => l.includes('"type":"ballot"'));
  assert.ok(isHead(lines[lastBallot + 1]!), 'the server signs a head after each ballot');
  // Cut after a ballot, before the head that covers it; and cut after that head (a shorter, whole log).
  write('cut-between-lines.psephos.jsonl', firstLines(record, lastBallot + 1));
  write('cut-at-head.psephos.jsonl', firstLines(record, lastBallot + 2));
  write('empty.psephos.jsonl', '');
  write('random.bin', randomBytes(4096));

  // An open election, and a voter's receipt from it (a file people may well choose by mistake).
  const open = await openCustomElection(server, draftElection({ id: OPEN }), webVoters('open', 3));
  const token = await loginByEmail(server, OPEN, 'open0@example.org');
  const cast = await castBallot(
    server.baseUrl,
    group,
    OPEN,
    token,
    open.ballotElection,
    open.credentials[0]!,
    [[1]],
  );
  write('receipt.json', `${JSON.stringify(cast.receipt, null, 2)}\n`);

  // A bigger record, for the page while it works and the time per ballot: 500 ballots, made in-process
  // (the verifiers check every ballot of it; the simulation need not check them as it casts them).
  const big = await simulateElection({
    group,
    voters: 500,
    candidates: 3,
    trustees: 1,
    threshold: 1,
    checkBallots: false,
  });
  const bigLines: string[] = [];
  for await (const line of exportRecord(big.store, big.id)) bigLines.push(line);
  write('big.psephos.jsonl', bigLines.join(''));
  bigBallots = big.state.ballots;

  // Over the size limit, without using the disk: a sparse file.
  truncateSync(write('huge.psephos.jsonl', ''), 3_000_000_000);

  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('the verifier page', () => {
  test('a record file: the same verdict, report and JSON as the command line, progress to the end', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(`${server.baseUrl}/verify`);
    await page.getByRole('heading', { level: 1, name: t.title }).waitFor();
    await assertAccessible(page, 'the verifier page, nothing chosen');
    await screenshot(page, 'verifier-01-start');

    // Nothing chosen: the page says so.
    await page.getByRole('button', { name: t.fileButton }).click();
    await page.getByRole('alert').getByText(t.noFile).waitFor();
    await assertAccessible(page, 'the verifier page, no file chosen');

    await watchProgress(page);
    const shown = await verifyInPage(page, files['published.psephos.jsonl']!);
    const expected = await cli(files['published.psephos.jsonl']!);
    assert.equal(expected.ok, true, 'the CLI finds the honest record sound');
    assert.equal(expected.phase, 'published');
    assert.equal(shown.ok, true);
    assert.equal(shown.verdict, t.okTitle);
    assert.equal(timeless(shown.text), timeless(renderReport(expected)));
    await page.getByText(t.okPublished).waitFor();
    // The verified result in the table: the CLI's counts, candidate by candidate.
    const rows = page.getByTestId('result-table').locator('tbody tr');
    assert.deepEqual(
      await rows.evaluateAll((trs) =>
        trs.map((tr) => [tr.querySelector('th')!.textContent, Number(tr.querySelector('td')!.textContent)]),
      ),
      expected.result!.questions[0]!.candidates.map((c) => [c.name, c.votes]),
    );

    // Progress went all the way: both passes, every event, every ballot's proofs.
    const seen = await progressSeen(page);
    const last = seen.at(-1)!;
    assert.ok(seen.length >= 2, `progress was shown (${JSON.stringify(seen)})`);
    assert.equal(last.value, 1000);
    assert.equal(last.events, t.events(expected.counts.events, expected.counts.events));
    assert.equal(last.ballots, t.ballots(expected.counts.ballots));

    // The JSON report is what `psephos verify --json` prints, the time aside.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: t.downloadReport }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `${PUBLISHED}.verification.json`);
    const json = readFileSync((await download.path())!, 'utf8');
    assert.ok(json.endsWith('}\n'));
    assert.deepEqual(withoutMs(JSON.parse(json) as VerificationReport), withoutMs(expected));
    // Only the server's download offers to save the record: this one is the observer's own file.
    assert.equal(await page.getByRole('button', { name: t.saveRecord }).count(), 0);

    await assertAccessible(page, 'the verifier page, a record that checks out');
    await screenshot(page, 'verifier-02-checks-out');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('tampered and truncated records fail with the command line’s code, event and message', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(`${server.baseUrl}/verify`);
    const cases = [
      ['tampered.psephos.jsonl', 'ballots'],
      ['cut-mid-line.psephos.jsonl', 'cut'],
      ['cut-between-lines.psephos.jsonl', 'cut'],
    ] as const;
    for (const [name, kind] of cases) {
      const expected = await cli(files[name]!);
      assert.equal(expected.ok, false, `${name} fails on the command line`);
      const shown = await verifyInPage(page, files[name]!);
      assert.equal(shown.ok, false, name);
      assert.equal(shown.verdict, expectedVerdict(expected), name);
      assert.match(shown.verdict, new RegExp(`^The record FAILS verification: ${expected.failure!.code}`));
      assert.equal(timeless(shown.text), timeless(renderReport(expected)), name);
      assert.equal(await page.getByTestId('failure-kind').textContent(), t.kind[kind], name);
      await assertAccessible(page, `the verifier page, ${name}`);
      await screenshot(page, `verifier-03-${name.replace('.psephos.jsonl', '')}`);
    }
    // What each is, by the CLI's codes: a forged ballot, a cut line, events no signed head covers.
    const codes = await Promise.all(cases.map(async ([name]) => (await cli(files[name]!)).failure!.code));
    assert.deepEqual(codes, ['bad-ballot', 'truncated-record', 'unsigned-tail']);

    // Cut right after a signed head, the record is a whole, shorter log: sound as far as it goes.
    const prefix = await cli(files['cut-at-head.psephos.jsonl']!);
    const shown = await verifyInPage(page, files['cut-at-head.psephos.jsonl']!);
    assert.equal(shown.ok, true);
    assert.equal(timeless(shown.text), timeless(renderReport(prefix)));
    await page.getByText(t.okSoFar(t.phases.open)).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a receipt, a random file and an empty file are refused as not a record', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(`${server.baseUrl}/verify`);
    for (const name of ['receipt.json', 'random.bin', 'empty.psephos.jsonl']) {
      const expected = await cli(files[name]!);
      assert.equal(expected.ok, false);
      const shown = await verifyInPage(page, files[name]!);
      assert.equal(shown.verdict, expectedVerdict(expected), name);
      assert.equal(timeless(shown.text), timeless(renderReport(expected)), name);
      assert.equal(await page.getByTestId('failure-kind').textContent(), t.kind.notRecord, name);
      await assertAccessible(page, `the verifier page, ${name}`);
    }
    await screenshot(page, 'verifier-04-not-a-record');

    // A file over the limit is refused before it is read.
    await page.getByLabel(t.fileLabel).setInputFiles(files['huge.psephos.jsonl']!);
    await page.getByRole('button', { name: t.fileButton }).click();
    await page.getByRole('alert').getByText(t.tooLarge(3_000_000_000, MAX_RECORD_BYTES)).waitFor();
    assert.equal(await page.getByTestId('verify-progress').count(), 0);
    assert.equal(await page.getByTestId('verify-done').count(), 0, 'the last file’s report is gone');
    await assertAccessible(page, 'the verifier page, a file too large');
    await screenshot(page, 'verifier-05-too-large');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('?election=: the record fetched from this server, the same report; saved as served', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(`${server.baseUrl}/verify?election=${PUBLISHED}`);
    await page.getByText(t.electionIntro('Leadership election (demonstration)')).waitFor();
    await assertAccessible(page, 'the verifier page for an election');
    await watchProgress(page);
    // The server's answer is held back a moment: the page shows that it is fetching, with no size yet.
    let answer = () => {};
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    await page.route('**/api/elections/*/record', async (route) => {
      await answered;
      await route.continue();
    });
    await page.getByRole('button', { name: t.fetchButton }).click();
    await page.getByTestId('verify-progress').getByText(t.starting).waitFor();
    assert.equal(await page.getByTestId('verify-bar').getAttribute('value'), null, 'an indeterminate bar');
    await assertAccessible(page, 'the verifier page, fetching the record');
    answer();
    const shown = await shownReport(page);
    await page.unrouteAll();
    const expected = await cli(files['published.psephos.jsonl']!);
    assert.equal(shown.verdict, t.okTitle);
    assert.equal(timeless(shown.text), timeless(renderReport(expected)));
    assert.equal((await progressSeen(page)).at(-1)?.value, 1000);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: t.saveRecord }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `${PUBLISHED}.psephos.jsonl`);
    assert.equal(readFileSync((await download.path())!, 'utf8'), record);
    await assertAccessible(page, 'the verifier page, a fetched record that checks out');
    await screenshot(page, 'verifier-06-fetched');

    // An election this server does not have: a plain refusal, not a blank page.
    await page.goto(`${server.baseUrl}/verify?election=no-such-election`);
    await page.getByText(t.electionIdIntro('no-such-election')).waitFor();
    await page.getByRole('button', { name: t.fetchButton }).click();
    await page.getByTestId('verify-problem').getByText(t.notFound('no-such-election')).waitFor();
    await assertAccessible(page, 'the verifier page, an unknown election');
    await screenshot(page, 'verifier-07-unknown-election');

    // The connection lost, and the server failing: each said in plain words.
    await page.goto(`${server.baseUrl}/verify?election=${PUBLISHED}`);
    await page.route('**/api/elections/*/record', (route) => route.abort('connectionreset'));
    await page.getByRole('button', { name: t.fetchButton }).click();
    await page.getByTestId('verify-problem').getByText(t.offline).waitFor();
    await page.unrouteAll();
    await page.route('**/api/elections/*/record', (route) =>
      route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: 'busy' } } }),
    );
    await page.getByRole('button', { name: t.fetchButton }).click();
    await page.getByTestId('verify-problem').getByText(t.refused(503, 'unavailable')).waitFor();
    await assertAccessible(page, 'the verifier page, the server refusing');
    assert.deepEqual(
      problems.filter((p) => !/404|503|ERR_CONNECTION_RESET/.test(p)),
      [],
    );
    await context.close();
  });

  test('while it checks: progress and cancel; a bigger record in full (time per ballot)', async (tc) => {
    const { context, page, problems } = await newPage();
    // The ballot checkers (the verifying worker's own workers) are paused — the batches of ballots sent
    // to them are held back before their own listener sees them — so the page stays in the middle of
    // pass 1 for as long as the test looks at it.
    let pause = true;
    page.on('worker', (worker) => {
      if (!pause) return;
      void worker.evaluate(() => {
        if ((globalThis as { name?: string }).name !== 'psephos-ballots') return;
        globalThis.addEventListener('message', (event) => event.stopImmediatePropagation(), {
          capture: true,
        });
      });
    });
    await page.goto(`${server.baseUrl}/verify`);
    await page.getByLabel(t.fileLabel).setInputFiles(files['big.psephos.jsonl']!);
    await page.getByRole('button', { name: t.fileButton }).click();
    await page.getByText(t.pass1).waitFor();
    assert.equal(
      await page
        .getByRole('heading', { name: t.progressHeading })
        .evaluate((h) => h === document.activeElement),
      true,
    );
    assert.equal(await page.getByRole('button', { name: t.fileButton }).isDisabled(), true);
    await assertAccessible(page, 'the verifier page, while it checks');
    await screenshot(page, 'verifier-08-progress');
    await page.getByRole('button', { name: t.cancel }).click();
    await page.getByTestId('verify-cancelled').waitFor();
    assert.equal(await page.getByTestId('verify-progress').count(), 0);
    assert.equal(await page.getByTestId('verify-done').count(), 0, 'no report after cancelling');
    // Cancelling stops the work: the verifying worker and its ballot checkers are gone.
    for (let i = 0; page.workers().length > 0; i++) {
      assert.ok(i < 100, `${page.workers().length} workers still run after cancelling`);
      await page.waitForTimeout(50);
    }
    await assertAccessible(page, 'the verifier page, cancelled');
    await screenshot(page, 'verifier-09-cancelled');
    pause = false;

    await watchProgress(page);
    const started = Date.now();
    const shown = await verifyInPage(page, files['big.psephos.jsonl']!);
    const wall = Date.now() - started;
    const expected = await cli(files['big.psephos.jsonl']!);
    assert.equal(shown.ok, true);
    assert.equal(timeless(shown.text), timeless(renderReport(expected)));
    const seen = await progressSeen(page);
    assert.ok(seen.length >= 3, 'the progress moved in steps');
    assert.deepEqual(
      seen.map((s) => s.value),
      seen.map((s) => s.value).toSorted((a, b) => a - b),
      'the bar only moves forward',
    );
    assert.equal(seen.at(-1)!.value, 1000);
    const ms = Number(await page.getByTestId('verify-done').getAttribute('data-ms'));
    tc.diagnostic(
      `Chromium verified ${bigBallots} ballots in ${ms} ms (${(ms / bigBallots).toFixed(1)} ms per ballot; ${wall} ms from the click)`,
    );
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('Welsh on a 320 px phone; the pages’ integrity hashes as the HTML names them', async () => {
    const { context, page, problems } = await newPage(PHONE);
    await page.goto(`${server.baseUrl}/verify?election=${PUBLISHED}`);
    await page.getByRole('button', { name: 'Cymraeg' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dilysu etholiad' }).waitFor();
    await assertAccessible(page, 'the verifier page in Welsh on a phone');
    const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
    const published = [...html.matchAll(/integrity="(sha384-[^"]+)"/g)].map((m) => m[1]);
    assert.ok(published.length >= 2);
    assert.deepEqual(await page.getByTestId('page-hash').allTextContents(), published);

    await page.getByLabel('Ffeil cofnod yr etholiad').setInputFiles(files['tampered.psephos.jsonl']!);
    await page.getByRole('button', { name: "Dilysu'r ffeil hon" }).click();
    const shown = await shownReport(page);
    assert.match(shown.verdict, /^Mae'r cofnod yn METHU'R dilysu: bad-ballot yn nigwyddiad \d+ — /);
    // The report itself is the command line's, in English, and marked so for screen readers.
    assert.equal(await page.getByTestId('verify-report').getAttribute('lang'), 'en');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `nothing wider than the phone (${width} px)`);
    await assertAccessible(page, 'the verifier page in Welsh, a failing record');
    await screenshot(page, 'verifier-10-phone-welsh');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('the page’s verifier parts, in Node', () => {
  /** A pool whose "workers" are the runtime-free checker, run in this thread a tick later. */
  function inProcessPool(workers: number, fail = false): WorkerBallotPool {
    return new WorkerBallotPool({
      workers,
      spawn: (events: PoolWorkerEvents) => {
        const check = ballotChecker(group);
        let alive = true;
        return {
          post: (request) =>
            setImmediate(() => {
              if (!alive) return;
              try {
                if (fail && request.type === 'batch') throw new Error('this worker broke');
                const reply = check(request);
                if (reply) events.reply(reply);
              } catch (e) {
                events.crash(e as Error);
              }
            }),
          terminate: () => {
            alive = false;
          },
        };
      },
    });
  }

  const fileSource = (path: string) => blobSource(new Blob([readFileSync(path)]));

  test('the runtime-free pool gives the same reports as Node’s worker threads (and as no pool)', async () => {
    for (const name of [
      'published.psephos.jsonl',
      'tampered.psephos.jsonl',
      'cut-between-lines.psephos.jsonl',
    ]) {
      const run = (pool?: BallotPool) =>
        verifyRecord(fileSource(files[name]!), { group, ...(pool ? { pool } : {}) }).then(withoutMs);
      const alone = await run();
      const threads = await run(new NodeBallotPool({ workers: 2, backend: 'sodium' }));
      const page = await run(inProcessPool(3));
      assert.deepEqual(page, threads, `${name}: the page's pool and the CLI's`);
      assert.deepEqual(page.failure, alone.failure, `${name}: the same failure as without a pool`);
      // Without a pool a forged ballot is not counted as cast; with one it is (its proofs are checked
      // after the cheap checks): the reports of a sound record are the same either way.
      if (alone.ok) assert.deepEqual(page, alone, `${name}: the same report as without a pool`);
    }
    const pool = inProcessPool(2);
    const report = await verifyRecord(fileSource(files['big.psephos.jsonl']!), { group, pool });
    assert.equal(report.ok, true);
    assert.equal(pool.checked, bigBallots, 'every ballot went through the workers');
  });

  test('a worker that breaks stops verification with its error, not with a verdict', async () => {
    await assert.rejects(
      verifyRecord(fileSource(files['published.psephos.jsonl']!), { group, pool: inProcessPool(2, true) }),
      /this worker broke/,
    );
  });

  test('the download streams the record into a Blob: the bytes served, the events its last head claims', async () => {
    let reported = 0;
    const blob = await downloadRecord(PUBLISHED, { origin: server.baseUrl, onBytes: (n) => (reported = n) });
    assert.equal(await blob.text(), record);
    assert.equal(reported, blob.size);
    const events = linesOf(record).filter((l) => !isHead(l)).length - 1;
    assert.equal(await claimedEvents(blob), events);
    assert.equal(await claimedEvents(new Blob(['not a record\n'])), null);
    const passes: number[] = [];
    const report = await verifyRecord(
      blobSource(blob, (pass) => passes.push(pass)),
      { group },
    );
    assert.equal(report.ok, true);
    assert.deepEqual([...new Set(passes)], [1, 2], 'read twice: the events, then the tally');

    await assert.rejects(
      downloadRecord('no-such-election', { origin: server.baseUrl }),
      (e: unknown) => e instanceof RecordProblem && e.code === 'refused' && e.status === 404,
    );
    await assert.rejects(
      downloadRecord(PUBLISHED, { origin: server.baseUrl, maxBytes: 1000 }),
      (e: unknown) => e instanceof RecordProblem && e.code === 'too-large',
    );
    await assert.rejects(
      downloadRecord(PUBLISHED, { origin: 'http://127.0.0.1:9' }),
      (e: unknown) => e instanceof RecordProblem && e.code === 'offline',
    );
  });
});
