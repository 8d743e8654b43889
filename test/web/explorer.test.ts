/**
 * The board explorer (/elections/:id/board) in Chromium against a real server (SQLite), with ballots
 * cast from Node as the booth casts them: the live figures and the signed head, updated after a new
 * ballot (its consistency with the head before checked in the page); a search by the short tracker code
 * (any case, spaces) and by the long form, proof checked in the page; typos refused without asking the
 * server; an unknown tracker; a server that tampers with the inclusion proof, a head or a consistency
 * proof (Playwright intercepts and changes bytes) shown as a failure; paging through more than one page
 * by keyboard, with the focus on the range heading and the events as recorded; an unknown election, a
 * definition that does not match its fingerprint and a lost connection; Welsh on a 320 px screen. axe-core on every state; screenshots in
 * test-artifacts/web/explorer-*.png. The tracker reading and the event summaries are also checked here
 * without a browser.
 *
 * Needs the built pages (`npm run build:web`, or PSEPHOS_WEB_DIST) and /usr/bin/chromium.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page, Request } from 'playwright-core';
import type { Receipt } from '../../src/board/receipt.ts';
import type { SignedTreeHead } from '../../src/board/tree-head.ts';
import type { OpenElection } from '../../src/cli/http-election.ts';
import { api } from '../../src/cli/http-election.ts';
import { toBase64url } from '../../src/crypto/bytes.ts';
import { canonicalJson } from '../../src/protocol/canonical.ts';
import type { BoardEvent } from '../../src/protocol/events.ts';
import { tracker, trackerCode } from '../../src/protocol/tracker.ts';
import { acceptHead } from '../../src/web/explorer/board-client.ts';
import { describeEvent } from '../../src/web/explorer/describe.ts';
import { matchesCode, parseTrackerInput } from '../../src/web/explorer/tracker-input.ts';
import { cy } from '../../src/web/i18n/cy.ts';
import { en } from '../../src/web/i18n/en.ts';
import { castBallot } from '../support/voting.ts';
import {
  assertAccessible,
  CHAIR_QUESTION,
  draftElection,
  flipFirstChar,
  group,
  launchChromium,
  loginByEmail,
  openCustomElection,
  openPage,
  phone,
  requireBuild,
  screenshot,
  startWebServer,
  tabTo,
  type WebServer,
} from './fixtures.ts';

requireBuild();

const ID = 'board-2026';
const TITLE = 'Board <b>test</b> election';
const VOTERS = Array.from({ length: 3 }, (_, i) => ({
  voterId: `b${i}`,
  email: `board${i}@example.org`,
  name: `Member ${i}`,
}));
/** Ballots cast before the pages are opened: with the 6 set-up events, more than one page of 50. */
const EARLY_BALLOTS = 50;
const SETUP_EVENTS = 6;
const PHONE = phone();
const DESKTOP = { viewport: { width: 1100, height: 900 } };
/** Longer than one reading of the board (every 5 s) and a signed head (every second here). */
const LIVE_WAIT = 20_000;

let server: WebServer;
let browser: Browser;
let election: OpenElection;
const tokens = new Map<number, string>();
const m = en.explorer;
const boardUrl = () => `${server.baseUrl}/elections/${ID}/board`;

/** Casts a ballot for voter `v` (logged in once, by the emailed link), as the booth does. */
async function cast(v: number, choice = v % 2): Promise<{ code: string; receipt: Receipt }> {
  let token = tokens.get(v);
  if (!token) {
    token = await loginByEmail(server, ID, VOTERS[v]!.email);
    tokens.set(v, token);
  }
  const { ballot, receipt } = await castBallot(
    server.baseUrl,
    group,
    ID,
    token,
    election.ballotElection,
    election.credentials[v]!,
    [[choice]],
  );
  return { code: trackerCode(tracker(ballot)), receipt };
}

async function boardEvents(from: number, limit: number): Promise<BoardEvent[]> {
  const page = await api<{ events: BoardEvent[] }>(
    server.baseUrl,
    'GET',
    `/api/elections/${ID}/board/events?from=${from}&limit=${limit}`,
  );
  return page.events;
}

/** A new phone (or `options`) context and page; its page errors and console errors must be none. */
const newPage = (options: Parameters<Browser['newContext']>[0] = PHONE) => openPage(browser, options);

/** Opens the explorer and waits for the first signed head to be checked. */
async function openBoard(page: Page): Promise<void> {
  await page.goto(boardUrl());
  await page.getByRole('heading', { level: 1, name: m.title }).waitFor();
  await page.getByTestId('head-signature').waitFor();
  await page.getByTestId('events-range').waitFor();
}

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.trim();

async function search(page: Page, typed: string, texts = m.search): Promise<void> {
  await page.getByLabel(texts.label, { exact: true }).fill(typed);
  await page.getByRole('button', { name: texts.button, exact: true }).click();
}

async function assertNoHorizontalScroll(page: Page, what: string): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `${what}: the page scrolls sideways (${scroll} > ${client} px)`);
}

before(async () => {
  server = await startWebServer();
  election = await openCustomElection(
    server,
    draftElection({
      id: ID,
      title: TITLE,
      questions: [{ ...CHAIR_QUESTION, title: 'Who should chair the board?', blankAllowed: false }],
      // Under last-counts a member may cast again: a few members make a board of many ballots.
      revoting: 'last-counts',
    }),
    VOTERS,
  );
  for (let v = 0; v < VOTERS.length; v++) await cast(v);
  await Promise.all(
    VOTERS.map(async (_, v) => {
      for (let i = v + VOTERS.length; i < EARLY_BALLOTS; i += VOTERS.length) await cast(v, i % 2);
    }),
  );
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('reading a tracker, describing events and checking heads, without a browser', () => {
  test('short codes in any case, with spaces or dashes, and the long form; typos refused', () => {
    for (let i = 0; i < 20; i++) {
      const full = new Uint8Array(randomBytes(32));
      const code = trackerCode(full);
      const shown = parseTrackerInput(code);
      assert.equal(shown.kind, 'code');
      assert.ok(shown.kind === 'code' && matchesCode(full, shown.prefix) && shown.code === code);
      const typed = parseTrackerInput(` ${code.toLowerCase().replaceAll('-', ' ')} `);
      assert.ok(typed.kind === 'code' && matchesCode(full, typed.prefix));
      assert.ok(!matchesCode(flip(full), (shown as { prefix: Uint8Array }).prefix));
      assert.deepEqual(parseTrackerInput(toBase64url(full)), { kind: 'full', tracker: toBase64url(full) });
    }
    // Crockford reads O as 0 and I, L as 1.
    const withLetters = parseTrackerInput('OIL0-1100-0000-0000');
    assert.ok(withLetters.kind === 'code' && withLetters.code === '0110-1100-0000-0000');
    assert.deepEqual(parseTrackerInput('   '), { kind: 'invalid', problem: 'empty' });
    assert.deepEqual(parseTrackerInput('K3F9-2QXM-7TBD'), { kind: 'invalid', problem: 'length', length: 12 });
    assert.deepEqual(parseTrackerInput('K3F9-2QXM-7TBD-W1CEE'), {
      kind: 'invalid',
      problem: 'length',
      length: 17,
    });
    assert.deepEqual(parseTrackerInput('K3F9-2QXM-7TBD-W1CU'), {
      kind: 'invalid',
      problem: 'character',
      character: 'U',
    });
    // 43 base64url characters whose last one leaves stray bits: not the text of any 32 bytes.
    assert.deepEqual(parseTrackerInput(`${'A'.repeat(42)}B`), { kind: 'invalid', problem: 'full-form' });
  });

  test('each event type in one line; unknown and malformed events said to be so', async () => {
    const [setup, identity, dealing, key, electorate, open, ballot] = await boardEvents(0, 7);
    const e = m.events;
    assert.equal(describeEvent(e, setup), `Election set up: “${TITLE}”`);
    assert.equal(describeEvent(e, identity), e.trusteeIdentity(1));
    assert.equal(describeEvent(e, dealing), e.trusteeDealing(1, 0));
    assert.equal(describeEvent(e, key), e.electionKey(1));
    assert.equal(describeEvent(e, electorate), 'Electorate published: 3 voting credentials');
    assert.equal(describeEvent(e, open), 'Voting opened');
    assert.ok(ballot?.type === 'ballot');
    assert.equal(describeEvent(e, ballot), `Ballot, tracker ${trackerCode(tracker(ballot.payload.ballot))}`);
    assert.equal(describeEvent(e, { ...open, type: 'shuffle' }), e.unknown('shuffle'));
    assert.equal(describeEvent(e, { ...open, payload: { extra: 1 } }), e.malformed('open'));
    assert.equal(describeEvent(e, null), e.unknown('?'));
    assert.equal(
      describeEvent(e, {
        ...open,
        type: 'result',
        payload: { counted: 1, trustees: [1, 3], counts: [[1, 0]] },
      }),
      'Result published: 1 ballot counted, decrypted by trustees 1, 3',
    );
    assert.equal(
      describeEvent(cy.explorer.events, { ...open, type: 'tally', payload: { counted: 3, answers: [] } }),
      "Cyfrif: adiwyd 3 pleidlais, wedi'u hamgryptio o hyd",
    );
  });

  test('a head is taken only if the board signed it and it extends the head shown before', async () => {
    const record = await (await fetch(`${server.baseUrl}/api/elections/${ID}/record`)).text();
    const heads = record
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as SignedTreeHead)
      .filter((line) => line.format === 'psephos/tree-head');
    const first = heads.find((h) => h.size > 0)!;
    const last = heads.at(-1)!;
    assert.ok(first.size < last.size);
    const proofs = async (from: number, to: number): Promise<string[]> =>
      (
        await api<{ proof: string[] }>(
          server.baseUrl,
          'GET',
          `/api/elections/${ID}/board/consistency?from=${from}&to=${to}`,
        )
      ).proof;
    const target = { id: ID, definition: election.definition };
    assert.deepEqual(await acceptHead(target, undefined, first, proofs), { head: first });
    assert.deepEqual(await acceptHead(target, first, last, proofs), { head: last, extends: first.size });
    assert.deepEqual(
      await acceptHead(target, last, first, proofs),
      { head: last },
      'an older head changes nothing',
    );
    assert.deepEqual(
      await acceptHead(target, last, { ...last }, async () => assert.fail('no proof needed')),
      {
        head: last,
      },
    );
    const tampered = async (from: number, to: number) => {
      const proof = await proofs(from, to);
      proof[0] = flipFirstChar(proof[0]!);
      return proof;
    };
    await assert.rejects(acceptHead(target, first, last, tampered), { code: 'inconsistent-heads' });
    await assert.rejects(acceptHead(target, last, first, tampered), { code: 'inconsistent-heads' });
    await assert.rejects(
      acceptHead(target, first, last, async () => 'not a proof'),
      {
        code: 'inconsistent-heads',
      },
    );
    await assert.rejects(acceptHead(target, first, { ...last, root: flipFirstChar(last.root) }, proofs), {
      code: 'bad-head-signature',
    });
    await assert.rejects(acceptHead(target, first, { ...last, size: 'many' }, proofs), {
      code: 'malformed-head',
    });
  });
});

describe('the board explorer in the browser', () => {
  test('the board now: ballots, size and the signed head, updated after a ballot is cast', async () => {
    const { context, page, problems } = await newPage();
    await openBoard(page);
    const size = (await boardEvents(0, 500)).length;
    assert.equal(await text(page, 'ballot-count'), String(EARLY_BALLOTS));
    assert.equal(await text(page, 'board-size'), String(size));
    assert.equal(await text(page, 'head-size'), String(size));
    const head = await api<{ root: string }>(server.baseUrl, 'GET', `/api/elections/${ID}/board/head`);
    assert.equal((await text(page, 'head-root'))?.replace(/\s/g, ''), head.root);
    assert.equal(await text(page, 'head-signature'), m.live.signatureOk);
    assert.equal(await page.getByTestId('head-problem').count(), 0);
    assert.equal(
      await page.getByRole('link', { name: m.electionPage }).getAttribute('href'),
      `/elections/${ID}`,
    );
    const record = page.getByRole('link', { name: m.record });
    assert.equal(await record.getAttribute('href'), `/api/elections/${ID}/record`);
    const download = await (await page.request.get(`${server.baseUrl}/api/elections/${ID}/record`)).text();
    assert.equal(download.trim().split('\n').length > size, true, 'the record holds every event and heads');
    await assertAccessible(page, 'the explorer');
    await screenshot(page, 'explorer-01-board');

    await cast(0);
    await page
      .getByTestId('ballot-count')
      .filter({ hasText: String(EARLY_BALLOTS + 1) })
      .waitFor({
        timeout: LIVE_WAIT,
      });
    await page
      .getByTestId('head-size')
      .filter({ hasText: String(size + 1) })
      .waitFor({ timeout: LIVE_WAIT });
    // The new head was checked against the one shown before, and the change was announced, once.
    assert.equal(await text(page, 'head-extends'), m.live.extendsOk(size));
    assert.equal(await page.getByTestId('announcer').getAttribute('role'), 'status');
    assert.equal(await text(page, 'announcer'), m.live.announce(EARLY_BALLOTS + 1, size + 1));
    await assertAccessible(page, 'the explorer after a new ballot');
    await screenshot(page, 'explorer-02-updated');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('search by tracker: the short code in any case and the long form, proof checked here', async () => {
    const { context, page, problems } = await newPage();
    const { code, receipt } = await cast(1);
    await openBoard(page);
    await search(page, ` ${code.toLowerCase().replaceAll('-', ' ')}`);
    const found = page.getByTestId('search-found');
    await found.waitFor();
    const answer = await api<Receipt>(
      server.baseUrl,
      'GET',
      `/api/elections/${ID}/board/ballots/${receipt.tracker}`,
    );
    assert.equal(answer.index, receipt.index);
    assert.match(
      (await found.textContent()) ?? '',
      new RegExp(literally(m.search.found(receipt.index + 1, answer.head.size))),
    );
    assert.match((await found.textContent()) ?? '', new RegExp(code));
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-result');
    await assertAccessible(page, 'a ballot found');
    await screenshot(page, 'explorer-03-found');

    // The long form from the receipt, after a ballot cast since the page read the board.
    const later = await cast(2);
    await search(page, later.receipt.tracker);
    await page.getByTestId('search-found').filter({ hasText: later.code }).waitFor();
    assert.match(
      (await page.getByTestId('search-found').textContent()) ?? '',
      new RegExp(literally(`Found at position ${later.receipt.index + 1} of`)),
    );
    // And the short code of that newer ballot: the page reads on from where it stopped.
    const newest = await cast(0);
    await search(page, newest.code);
    await page.getByTestId('search-found').filter({ hasText: newest.code }).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a tracker with a typo is refused here, without asking the server', async () => {
    const { context, page, problems } = await newPage();
    await openBoard(page);
    const asked: string[] = [];
    const record = (r: Request) => {
      if (/\/board\/(ballots|events)/.test(r.url())) asked.push(r.url());
    };
    page.on('request', record);
    const field = page.getByLabel(m.search.label, { exact: true });
    const refused = async (typed: string, message: string) => {
      await search(page, typed);
      await page.locator('#tracker-error').filter({ hasText: message }).waitFor();
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'tracker');
    };
    await refused('K3F9-2QXM-7TBD-W1C', m.search.length(15));
    await assertAccessible(page, 'a tracker with a missing character');
    await screenshot(page, 'explorer-04-typo');
    await refused('K3F9-2QXM-7TBD-W1CU', m.search.character('U'));
    await refused('', m.search.empty);
    await refused(`${'A'.repeat(42)}B`, m.search.fullForm);
    page.off('request', record);
    assert.deepEqual(asked, [], 'no search went to the server');
    assert.equal(await page.getByTestId('search-found').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a valid tracker that no ballot has: not on the board', async () => {
    const { context, page, problems } = await newPage();
    await openBoard(page);
    await search(page, trackerCode(new Uint8Array(randomBytes(32))));
    await page.getByTestId('search-not-found').filter({ hasText: m.search.notFound }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-result');
    await assertAccessible(page, 'a tracker not found');
    await screenshot(page, 'explorer-05-not-found');
    // The long form goes to the board, which answers 404 unknown-tracker.
    await search(page, toBase64url(new Uint8Array(randomBytes(32))));
    await page.getByTestId('search-not-found').waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a server that tampers with an inclusion proof, a head or a consistency proof is caught', async () => {
    const { context, page } = await newPage();
    const { code } = await cast(1);
    await openBoard(page);

    // One changed hash in the inclusion proof of a search answer.
    await page.route('**/board/ballots/*', async (route) => {
      const response = await route.fetch();
      const json = (await response.json()) as Receipt;
      json.inclusion[0] = flipFirstChar(json.inclusion[0]!);
      await route.fulfill({ response, json });
    });
    await search(page, code);
    await page.getByTestId('search-failed').filter({ hasText: m.search.badProof }).waitFor();
    await assertAccessible(page, 'a tampered inclusion proof');
    await screenshot(page, 'explorer-06-bad-proof');
    await page.unroute('**/board/ballots/*');

    // A head whose root was changed: its signature no longer verifies.
    const shownRoot = await text(page, 'head-root');
    await page.route('**/board/head', async (route) => {
      const response = await route.fetch();
      const json = (await response.json()) as { root: string };
      await route.fulfill({ response, json: { ...json, root: flipFirstChar(json.root) } });
    });
    const warning = page.getByTestId('head-problem');
    await warning.filter({ hasText: m.live.badHeadTitle }).waitFor({ timeout: LIVE_WAIT });
    assert.equal(await warning.getAttribute('role'), 'alert');
    assert.match((await warning.textContent()) ?? '', new RegExp(literally(m.live.lastGood)));
    assert.equal(await text(page, 'head-root'), shownRoot, 'the refused head is not shown');
    await assertAccessible(page, 'a head with a bad signature');
    await screenshot(page, 'explorer-07-bad-head');
    await context.close();

    // A consistency proof with one changed hash, for the head after a new ballot.
    const second = await newPage();
    await openBoard(second.page);
    const before = Number(await text(second.page, 'head-size'));
    await second.page.route('**/board/consistency*', async (route) => {
      const response = await route.fetch();
      const json = (await response.json()) as { proof: string[] };
      json.proof[0] = flipFirstChar(json.proof[0]!);
      await route.fulfill({ response, json });
    });
    await cast(2);
    const inconsistent = second.page.getByTestId('head-problem');
    await inconsistent.filter({ hasText: m.live.inconsistentTitle }).waitFor({ timeout: LIVE_WAIT });
    assert.match(
      (await inconsistent.textContent()) ?? '',
      new RegExp(
        literally(`its first ${before} entries are not the same in its tree head of ${before + 1} entries`),
      ),
    );
    assert.equal(await text(second.page, 'head-size'), String(before), 'the unproven head is not shown');
    await assertAccessible(second.page, 'an inconsistent head');
    await screenshot(second.page, 'explorer-08-inconsistent');
    await second.context.close();
  });

  test('paging through the board by keyboard, events as recorded', async () => {
    const { context, page, problems } = await newPage(DESKTOP);
    await openBoard(page);
    const events = await boardEvents(0, 500);
    const size = events.length;
    assert.ok(size > 50 && size <= 100, 'two pages');
    const range = page.getByTestId('events-range');
    assert.equal((await range.textContent())?.trim(), m.events.range(1, 50, size));
    const summaries = page.locator('ol.events summary');
    assert.equal(await summaries.count(), 50);
    assert.match(
      (await summaries.nth(0).textContent()) ?? '',
      new RegExp(literally(`Election set up: “${TITLE}”`)),
    );
    assert.match((await summaries.nth(5).textContent()) ?? '', /Voting opened/);
    const ballot = events[SETUP_EVENTS]!;
    assert.ok(ballot.type === 'ballot');
    assert.match(
      (await summaries.nth(SETUP_EVENTS).textContent()) ?? '',
      new RegExp(`Ballot, tracker ${trackerCode(tracker(ballot.payload.ballot))}`),
    );

    // Next, by keyboard: the focus lands on the heading naming the entries shown.
    await tabTo(page, '[data-testid="next"]');
    await page.keyboard.press('Enter');
    await range.filter({ hasText: m.events.range(51, size, size) }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'events-range');
    assert.match((await summaries.nth(0).textContent()) ?? '', /No\. 51\b/);
    await assertAccessible(page, 'the second page of events');
    await screenshot(page, 'explorer-09-page-2');

    // The first entry of this page opens, by keyboard, on the event as recorded.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'SUMMARY');
    await page.keyboard.press('Enter');
    const pre = page.locator('ol.events details[open] pre');
    await pre.waitFor();
    assert.equal(await pre.textContent(), canonicalJson(events[50]));
    await assertAccessible(page, 'an event opened');

    // Back, then a jump to a position typed in the field.
    await shiftTabTo(page, '[data-testid="previous"]');
    await page.keyboard.press('Enter');
    await range.filter({ hasText: m.events.range(1, 50, size) }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'events-range');
    await shiftTabTo(page, '#jump');
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    await page
      .locator('#jump-error')
      .filter({ hasText: m.events.jumpInvalid(size) })
      .waitFor();
    await assertAccessible(page, 'a position out of range');
    await page.locator('#jump').fill('');
    await page.keyboard.type(String(size - 1));
    await page.keyboard.press('Enter');
    await range.filter({ hasText: m.events.range(size - 1, size, size) }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'events-range');
    assert.equal(await summaries.count(), 2);
    assert.equal(await page.locator('#jump-error').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('an unknown election, a lost connection and a retry: never a blank page', async () => {
    const { context, page } = await newPage();
    await page.goto(`${server.baseUrl}/elections/no-such-election/board`);
    await page.getByRole('alert').filter({ hasText: en.errors['unknown-election'] }).waitFor();
    await page.getByRole('link', { name: m.home }).waitFor();
    await assertAccessible(page, 'an unknown election');
    await screenshot(page, 'explorer-10-unknown');

    // A definition that does not match its fingerprint: the board key in it cannot be trusted.
    await page.route(`**/api/elections/${ID}`, async (route) => {
      const response = await route.fetch();
      const json = (await response.json()) as { definition: { title: string } };
      json.definition.title = 'Another title';
      await route.fulfill({ response, json });
    });
    await page.goto(boardUrl());
    await page.getByRole('alert').filter({ hasText: m.fingerprintMismatch }).waitFor();
    assert.equal(await page.getByTestId('head').count(), 0);
    await page.unroute(`**/api/elections/${ID}`);

    // The server cannot be reached when the page opens: a message and a button to try again.
    await page.route(`**/api/elections/${ID}`, (route) => route.abort('internetdisconnected'));
    await page.goto(boardUrl());
    await page.getByRole('alert').filter({ hasText: en.errors.offline }).waitFor();
    await assertAccessible(page, 'no connection at the start');
    await page.unroute(`**/api/elections/${ID}`);
    await page.getByRole('button', { name: m.retry }).click();
    await page.getByTestId('head-signature').waitFor();

    // The connection drops while the page is open; the figures stay, with a warning and a retry.
    await page.route('**/board/head', (route) => route.abort('internetdisconnected'));
    await page.getByTestId('offline').filter({ hasText: m.live.offline }).waitFor({ timeout: LIVE_WAIT });
    await page.getByTestId('ballot-count').waitFor();
    await assertAccessible(page, 'a lost connection');
    await screenshot(page, 'explorer-11-offline');
    await page.unroute('**/board/head');
    await page.getByTestId('offline').getByRole('button', { name: m.retry }).click();
    await page.getByTestId('offline').waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'board-now', 'the focus is not lost');
    assert.equal(await page.getByTestId('head-problem').count(), 0);
    await context.close();
  });

  test('in Welsh on a 320 px screen: no sideways scrolling', async () => {
    const { context, page, problems } = await newPage({ ...PHONE, viewport: { width: 320, height: 640 } });
    await openBoard(page);
    await page.getByRole('button', { name: cy.languageName }).click();
    await page.getByRole('heading', { level: 1, name: cy.explorer.title }).waitFor();
    await page.locator('ol.events summary').first().click();
    await page.locator('ol.events details[open] pre').waitFor();
    await search(page, 'K3F9', cy.explorer.search);
    await page
      .locator('#tracker-error')
      .filter({ hasText: cy.explorer.search.length(4) })
      .waitFor();
    await assertNoHorizontalScroll(page, 'the explorer in Welsh at 320 px');
    await assertAccessible(page, 'the explorer in Welsh at 320 px');
    await screenshot(page, 'explorer-12-welsh-320');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

/** Presses Shift+Tab until the focused element matches `selector`. */
async function shiftTabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Shift+Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  assert.fail(`${selector} was not reached by ${max} presses of Shift+Tab`);
}

function literally(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function flip(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  copy[0] = copy[0]! ^ 1;
  return copy;
}
