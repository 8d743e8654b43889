/**
 * The voter pages in Chromium against a real server (SQLite, SMTP sink), as voters use them: the
 * email's link, a mistyped then a pasted credential, the ballot, the review, encryption in the worker,
 * a Benaloh audit checked here with the protocol's own checkAudit, a fresh encryption, a cast whose
 * answer is lost (retried without a second ballot), the receipt verified in the page and downloaded,
 * the receipt page (good, tampered, unreadable, other election), a refused second vote, the whole flow
 * by keyboard only, an approval ballot with HTML in candidate names on a 320 px screen in Welsh, and
 * axe-core on every page. Screenshots go to test-artifacts/web/.
 *
 * Needs the built pages (`npm run build:web`; `npm test` builds them first) and /usr/bin/chromium.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { verifyReceipt } from '../../src/board/receipt.ts';
import type { OpenElection } from '../../src/cli/http-election.ts';
import { api } from '../../src/cli/http-election.ts';
import { generateCredential } from '../../src/crypto/credential.ts';
import { checkAudit } from '../../src/protocol/audit.ts';
import { cy } from '../../src/web/i18n/cy.ts';
import { en } from '../../src/web/i18n/en.ts';
import { castBallot } from '../support/voting.ts';
import {
  ARTIFACTS,
  assertAccessible,
  CHAIR_QUESTION,
  COUNCIL_QUESTION,
  draftElection,
  flipFirstChar,
  group,
  launchChromium,
  loginByEmail,
  openCustomElection,
  openLeaderElection,
  openPage,
  phone,
  requireBuild,
  screenshot,
  startWebServer,
  tabTo,
  WEB_DIST,
  type WebServer,
  webVoters,
} from './fixtures.ts';

requireBuild();

const LEADER = 'leader-2026';
const COUNCIL = 'council-2026';
const LEADER_VOTERS = webVoters('leader', 4);
const COUNCIL_VOTERS = webVoters('council', 2);
const HTML_NAME = '<img src=x onerror="window.__injected=1">Ada <b>Bold</b>';

const PHONE = phone();

let server: WebServer;
let browser: Browser;
let leader: OpenElection;
let council: OpenElection;
let receiptPath: string;
let receiptText: string;

/** A new phone (or `options`) context and page; its page errors and CSP violations must be none. */
const newPage = (options: Parameters<Browser['newContext']>[0] = PHONE) => openPage(browser, options);

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

/**
 * A booth step shown and its heading focused, as a keyboard user meets it: each step moves the focus
 * to its heading once it has rendered, so a Tab pressed before that would be overtaken by the move.
 */
async function arrived(page: Page, name: string): Promise<void> {
  await heading(page, name).waitFor();
  await page.waitForFunction(
    (text) => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === text,
    name,
  );
}

before(async () => {
  server = await startWebServer();
  leader = await openLeaderElection(server, LEADER, LEADER_VOTERS);
  council = await openCustomElection(
    server,
    draftElection({
      id: COUNCIL,
      title: 'Council <em>election</em> 2026',
      questions: [
        {
          ...CHAIR_QUESTION,
          candidates: [
            {
              id: 'ada',
              name: HTML_NAME,
              statement: 'I will <script>alert(1)</script> listen to every member.',
            },
            { id: 'ben', name: 'Ben Jones', statement: 'Twenty years on the committee.' },
          ],
        },
        COUNCIL_QUESTION,
      ],
      revoting: 'last-counts',
    }),
    COUNCIL_VOTERS,
  );
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('the voter pages, built and served', () => {
  test('strict CSP, no inline script, Subresource Integrity that matches the served files', async () => {
    const response = await fetch(`${server.baseUrl}/vote/${LEADER}/login`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-cache');
    const csp = response.headers.get('content-security-policy') ?? '';
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    assert.match(scriptSrc, /'self'/);
    assert.doesNotMatch(scriptSrc, /'unsafe-inline'|'unsafe-eval'|https?:/);
    assert.match(csp, /style-src 'self'(;|$)/);
    const html = await response.text();
    assert.equal(html, readFileSync(join(WEB_DIST, 'index.html'), 'utf8'));
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
    assert.doesNotMatch(html, /<style|\sstyle=/, 'no inline style');
    assert.doesNotMatch(html, /\b(?:src|href)="(?:https?:)?\/\//, 'nothing from another origin');
    const tags = [...html.matchAll(/<(script|link)\b[^>]*\b(?:src|href)="(\/[^"]+)"[^>]*>/g)];
    assert.ok(tags.length >= 2, 'the page has its script and stylesheet');
    for (const [tag, , url] of tags) {
      const integrity = /\bintegrity="sha384-([^"]+)"/.exec(tag)?.[1];
      assert.ok(integrity, `${tag} carries an integrity hash`);
      const asset = await fetch(`${server.baseUrl}${url}`);
      assert.equal(asset.status, 200);
      assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
      const served = Buffer.from(await asset.arrayBuffer());
      assert.equal(createHash('sha384').update(served).digest('base64'), integrity, `the hash of ${url}`);
      assert.ok(served.equals(readFileSync(join(WEB_DIST, url!))));
    }
    // The API keeps its JSON answers; unknown addresses are a JSON 404, not the page.
    const missing = await fetch(`${server.baseUrl}/no-such-page`);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'not-found');
    const election = await fetch(`${server.baseUrl}/api/elections/${LEADER}`);
    assert.equal(((await election.json()) as { id: string }).id, LEADER);
  });

  test('a full vote on a phone: email, credential, audit, start again, cast over a lost connection, receipt', async (t) => {
    const { context, page, problems } = await newPage();
    const voter = LEADER_VOTERS[0]!;
    const credential = leader.credentials[0]!;

    // No login yet: the booth asks for one; the voter asks for an email.
    await page.goto(`${server.baseUrl}/vote/${LEADER}`);
    await heading(page, en.login.title).waitFor();
    await assertAccessible(page, 'the login page');
    await screenshot(page, '01-login');
    await page.getByLabel(en.login.emailLabel).fill(voter.email);
    await page.getByRole('button', { name: en.login.emailButton }).click();
    await page.getByText(en.login.emailSent).waitFor();

    // The link from the email logs in and leads to the credential.
    const { link } = await server.nextLogin(voter.email);
    await page.goto(link);
    await heading(page, en.credential.title).waitFor();
    assert.equal(new URL(page.url()).hash, '', 'the login token is gone from the address');
    await assertAccessible(page, 'the credential page');
    await screenshot(page, '02-credential');

    // A mistyped credential: the checksum catches it, in plain words.
    const typo = `${credential.slice(0, 10)}${credential[10] === 'q' ? 'p' : 'q'}${credential.slice(11)}`;
    await page.getByLabel(en.credential.label).fill(typo);
    await page.getByRole('button', { name: en.credential.button }).click();
    await page.getByText(en.credential.badChecksum).waitFor();
    await assertAccessible(page, 'the credential page with a typing mistake');
    await screenshot(page, '03-credential-typo');

    // Pasted, with the spaces and capitals of the printed form.
    const printed = `VOTE1 ${credential
      .slice(5)
      .match(/.{1,4}/g)!
      .join(' ')
      .toUpperCase()}`;
    await page.getByLabel(en.credential.label).fill(printed);
    await page.getByRole('button', { name: en.credential.button }).click();
    await heading(page, en.ballot.title).waitFor();

    // Nothing chosen: the ballot page says so.
    await page.getByRole('button', { name: en.ballot.next }).click();
    await page.getByRole('alert').getByText(en.ballot.needOne).waitFor();
    await assertAccessible(page, 'the ballot page with an error');
    await page.getByLabel('Candidate 2').check();
    await assertAccessible(page, 'the ballot page');
    await screenshot(page, '04-ballot');
    await page.getByRole('button', { name: en.ballot.next }).click();

    await heading(page, en.review.title).waitFor();
    assert.ok(await page.getByRole('definition').getByText('Candidate 2').isVisible());
    await assertAccessible(page, 'the review page');
    await screenshot(page, '05-review');
    await page.getByRole('button', { name: en.review.encrypt }).click();

    await heading(page, en.tracker.title).waitFor();
    const firstTracker = (await page.getByTestId('tracker').textContent())!;
    assert.match(firstTracker, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const backend = await page.getByTestId('tracker').getAttribute('data-backend');
    const ms = await page.getByTestId('tracker').getAttribute('data-ms');
    assert.equal(backend, 'sodium', 'the worker encrypts with libsodium (WASM)');
    t.diagnostic(`encryption in the worker: ${ms} ms (${backend})`);
    await assertAccessible(page, 'the tracker page');
    await screenshot(page, '06-tracker');

    // Audit: the booth reveals the encryption; the check runs here, as on another device.
    await page.getByRole('button', { name: en.tracker.audit }).click();
    await heading(page, en.audit.title).waitFor();
    const auditText = await page.getByLabel(en.audit.dataLabel).inputValue();
    const audited = checkAudit(group, leader.ballotElection, JSON.parse(auditText));
    assert.deepEqual(audited.chosen, [['c2']]);
    assert.equal(audited.tracker, firstTracker);
    await assertAccessible(page, 'the audit page');
    await screenshot(page, '07-audit');

    // Start again: a fresh encryption, with a new tracker; the choice is kept.
    await page.getByRole('button', { name: en.audit.again }).click();
    await heading(page, en.ballot.title).waitFor();
    assert.ok(await page.getByLabel('Candidate 2').isChecked());
    await page.getByRole('button', { name: en.ballot.next }).click();
    await page.getByRole('button', { name: en.review.encrypt }).click();
    await heading(page, en.tracker.title).waitFor();
    const tracker = (await page.getByTestId('tracker').textContent())!;
    assert.notEqual(tracker, firstTracker);

    // The ballot reaches the server, but its answer is lost on the way back.
    let lost = 0;
    await page.route('**/api/elections/*/ballots', async (route) => {
      if (lost++ === 0) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await page.getByRole('button', { name: en.tracker.cast }).click();
    await page.getByText(en.errors.offline).waitFor();
    await page.getByText(en.casting.retrySafe).waitFor();
    await assertAccessible(page, 'the lost-connection message');
    await screenshot(page, '08-connection-lost');
    await page.getByRole('button', { name: en.casting.retry }).click();

    await heading(page, en.receipt.title).waitFor();
    assert.equal(await page.getByTestId('receipt-tracker').textContent(), tracker);
    await page.getByText(en.receipt.replay).waitFor();
    await page.getByText(en.receipt.signed).waitFor();
    await page.getByText(/Your ballot is in the board’s record, at position \d+ of \d+\./).waitFor();
    await page.getByText(en.receipt.single).waitFor();
    const state = await api<{ ballots: { cast: number } }>(server.baseUrl, 'GET', `/api/elections/${LEADER}`);
    assert.equal(state.ballots.cast, 1, 'one ballot on the board, though it was sent twice');
    await assertAccessible(page, 'the receipt page');
    await screenshot(page, '09-receipt');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: en.receipt.download }).click(),
    ]);
    assert.match(download.suggestedFilename(), new RegExp(`^psephos-receipt-${LEADER}-${tracker}\\.json$`));
    receiptPath = join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(receiptPath);
    receiptText = readFileSync(receiptPath, 'utf8');
    verifyReceipt(leader.definition.boardKey, JSON.parse(receiptText), LEADER);

    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the receipt page: the downloaded receipt checks out; tampered, unreadable and foreign ones do not', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(`${server.baseUrl}/vote/${LEADER}/receipt`);
    await heading(page, en.check.title).waitFor();
    await assertAccessible(page, 'the receipt page');

    await page.getByLabel(en.check.fileLabel).setInputFiles(receiptPath);
    await page.getByTestId('check-ok').waitFor();
    await page.getByText(en.check.okBallot).waitFor();
    await page
      .getByText(/still includes your ballot, and nothing recorded before your receipt has changed/)
      .waitFor();
    await assertAccessible(page, 'a receipt that checks out');
    await screenshot(page, '10-receipt-check-ok');

    const check = async (text: string, expected: string, shot?: string) => {
      await page.getByLabel(en.check.pasteLabel).fill(text);
      await page.getByRole('button', { name: en.check.button }).click();
      await page.getByTestId('check-bad').getByText(expected).waitFor();
      if (shot) {
        await assertAccessible(page, `a refused receipt (${shot})`);
        await screenshot(page, shot);
      }
    };
    const receipt = JSON.parse(receiptText) as {
      leafHash: string;
      head: { signature: string; size: number };
      inclusion: string[];
    };
    // A receipt whose ballot was swapped: its proof no longer places it under the signed head.
    await check(
      JSON.stringify({ ...receipt, leafHash: flipFirstChar(receipt.leafHash) }),
      en.check.notIncluded,
      '11-receipt-check-tampered',
    );
    // A head the board did not sign.
    await check(
      JSON.stringify({ ...receipt, head: { ...receipt.head, size: receipt.head.size + 1 } }),
      en.check.badSignature,
    );
    await check('this is not a receipt', en.check.unreadable);
    await check('{"format":"psephos/receipt"}', en.check.malformed);

    // A receipt from another election, checked on this election's page.
    const token = await loginByEmail(server, COUNCIL, COUNCIL_VOTERS[1]!.email);
    const cast = await castBallot(
      server.baseUrl,
      group,
      COUNCIL,
      token,
      council.ballotElection,
      council.credentials[1]!,
      [[1], [0]],
    );
    await check(
      JSON.stringify(cast.receipt),
      en.check.wrongElection(COUNCIL),
      '12-receipt-check-other-election',
    );

    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a second ballot where only one is accepted: the plain message, and the first ballot stands', async () => {
    const { context, page, problems } = await newPage();
    const voter = LEADER_VOTERS[0]!;
    await page.goto(`${server.baseUrl}/vote/${LEADER}`);
    await heading(page, en.login.title).waitFor();
    await page.getByLabel(en.login.emailLabel).fill(voter.email);
    await page.getByRole('button', { name: en.login.emailButton }).click();
    await page.getByText(en.login.emailSent).waitFor();
    // This time by the code from the email.
    const { code } = await server.nextLogin(voter.email);
    await page.getByLabel(en.login.codeLabel).fill(code.toLowerCase());
    await page.getByRole('button', { name: en.login.codeButton }).click();
    await heading(page, en.credential.title).waitFor();

    // A well-formed credential that is not one of this election's: refused at casting, in plain words.
    await page.getByLabel(en.credential.label).fill(generateCredential());
    await page.getByRole('button', { name: en.credential.button }).click();
    await page.getByLabel('Candidate 1').check();
    await page.getByRole('button', { name: en.ballot.next }).click();
    await page.getByRole('button', { name: en.review.encrypt }).click();
    await page.getByRole('button', { name: en.tracker.cast }).click();
    await page.getByText(en.errors['unlisted-credential']).waitFor();
    await assertAccessible(page, 'the unlisted-credential message');
    await screenshot(page, '13-unlisted-credential');
    await page.getByRole('button', { name: en.casting.credentialAgain }).click();

    await heading(page, en.credential.title).waitFor();
    await page.getByLabel(en.credential.label).fill(leader.credentials[0]!);
    await page.getByRole('button', { name: en.credential.button }).click();
    await page.getByLabel('Candidate 3').check();
    await page.getByRole('button', { name: en.ballot.next }).click();
    await page.getByRole('button', { name: en.review.encrypt }).click();
    await page.getByRole('button', { name: en.tracker.cast }).click();
    await page.getByText(en.errors['already-voted']).waitFor();
    await assertAccessible(page, 'the already-voted message');
    await screenshot(page, '14-already-voted');
    const state = await api<{ ballots: { cast: number } }>(server.baseUrl, 'GET', `/api/elections/${LEADER}`);
    assert.equal(state.ballots.cast, 1);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the whole booth flow by keyboard only', async () => {
    const { context, page, problems } = await newPage({ viewport: { width: 1024, height: 768 } });
    const voter = LEADER_VOTERS[1]!;
    await loginVoterEmail(voter.email);
    const { link } = await server.nextLogin(voter.email);
    await page.goto(link);
    await heading(page, en.credential.title).waitFor();

    await tabTo(page, '#credential');
    await page.keyboard.type(leader.credentials[1]!);
    await page.keyboard.press('Enter');
    await arrived(page, en.ballot.title);

    await tabTo(page, '#q0-c0');
    await page.keyboard.press('ArrowDown'); // Candidate 2
    await page.keyboard.press('ArrowDown'); // Candidate 3
    assert.ok(await page.getByLabel('Candidate 3').isChecked());
    await tabTo(page, 'button[type=submit]');
    await page.keyboard.press('Enter');
    await arrived(page, en.review.title);

    await tabTo(page, 'button.primary');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), en.review.encrypt);
    await page.keyboard.press('Enter');
    await arrived(page, en.tracker.title);
    const tracker = await page.getByTestId('tracker').textContent();

    await tabTo(page, 'button.primary');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), en.tracker.cast);
    await page.keyboard.press('Enter');
    await arrived(page, en.receipt.title);
    assert.equal(await page.getByTestId('receipt-tracker').textContent(), tracker);

    await tabTo(page, 'button.primary');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const saved = join(ARTIFACTS, `keyboard-${download.suggestedFilename()}`);
    await download.saveAs(saved);
    verifyReceipt(leader.definition.boardKey, JSON.parse(readFileSync(saved, 'utf8')), LEADER);
    await screenshot(page, '15-keyboard-receipt');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('approval and blank answers, HTML in names shown as text, Welsh, a revote, at 320 px wide', async () => {
    const { context, page, problems } = await newPage({
      viewport: { width: 320, height: 640 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const voter = COUNCIL_VOTERS[0]!;
    await loginVoterEmail(voter.email, COUNCIL);
    const { link } = await server.nextLogin(voter.email);
    await page.goto(link);
    await heading(page, en.credential.title).waitFor();
    await page.getByLabel(en.credential.label).fill(council.credentials[0]!);
    await page.getByRole('button', { name: en.credential.button }).click();
    await heading(page, en.ballot.title).waitFor();

    // Organiser text is text: the markup shows as written, and nothing of it runs.
    await page.getByText(HTML_NAME, { exact: true }).waitFor();
    assert.equal(await page.locator('main img, main b, main script, main em').count(), 0);
    await page.getByText('Council <em>election</em> 2026').waitFor();
    await page.getByText('I will <script>alert(1)</script> listen to every member.').waitFor();
    assert.equal(await page.evaluate(() => (window as { __injected?: number }).__injected), undefined);

    // Too many approvals.
    await page.getByLabel(en.ballot.blank).check();
    for (const name of ['Cat Evans', 'Dai Hughes', 'Efa Morgan']) await page.getByLabel(name).check();
    await page.getByRole('button', { name: en.ballot.next }).click();
    await page.getByRole('alert').getByText(en.ballot.tooMany(2)).waitFor();
    await assertAccessible(page, 'an approval ballot with too many choices');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `nothing wider than the screen (scroll width ${width})`);
    await screenshot(page, '16-320px-ballot');
    await page.getByLabel('Efa Morgan').uncheck();

    // In Welsh.
    await page.getByRole('button', { name: 'Cymraeg' }).click();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'cy');
    await heading(page, cy.ballot.title).waitFor();
    await page.getByText(cy.ballot.chooseBetween(1, 2)).waitFor();
    await assertAccessible(page, 'the ballot in Welsh');
    await screenshot(page, '17-320px-ballot-cy');
    await page.getByRole('button', { name: cy.ballot.next }).click();
    await heading(page, cy.review.title).waitFor();
    await page.getByText(cy.review.blank).waitFor();
    await screenshot(page, '18-320px-review-cy');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: en.review.encrypt }).click();
    await page.getByRole('button', { name: en.tracker.cast }).click();
    await heading(page, en.receipt.title).waitFor();
    await page.getByText(en.receipt.lastCounts).waitFor();
    await screenshot(page, '19-320px-receipt');

    // Revoting: this election counts the last ballot.
    await page.getByRole('button', { name: en.receipt.voteAgain }).click();
    await heading(page, en.ballot.title).waitFor();
    await page.getByLabel('Ben Jones').check();
    await page.getByRole('button', { name: en.ballot.next }).click();
    await page.getByRole('button', { name: en.review.encrypt }).click();
    await page.getByRole('button', { name: en.tracker.cast }).click();
    await heading(page, en.receipt.title).waitFor();
    const state = await api<{ ballots: { cast: number; counted: number } }>(
      server.baseUrl,
      'GET',
      `/api/elections/${COUNCIL}`,
    );
    assert.deepEqual(state.ballots, { cast: 3, counted: 2 });
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a closed election, the start page and an unknown page: each a clear message', async () => {
    await api(server.baseUrl, 'POST', `/api/elections/${COUNCIL}/close`, server.adminToken);
    const { context, page, problems } = await newPage();
    await page.goto(`${server.baseUrl}/vote/${COUNCIL}`);
    await heading(page, en.election.notOpenTitle).waitFor();
    await page.getByText(en.election.closed).waitFor();
    await assertAccessible(page, 'a closed election');
    await screenshot(page, '20-closed');

    await page.goto(`${server.baseUrl}/`);
    await heading(page, en.home.title).waitFor();
    await page.getByRole('link', { name: en.home.vote('Leadership election (demonstration)') }).waitFor();
    await assertAccessible(page, 'the start page');
    await screenshot(page, '21-start');

    await page.goto(`${server.baseUrl}/vote/no-such-election`);
    await page.getByText(en.errors['unknown-election']).waitFor();
    await assertAccessible(page, 'an unknown election');
    await screenshot(page, '22-unknown-election');

    const wrongLink = await page.goto(`${server.baseUrl}/no-such-page`);
    assert.equal(wrongLink?.status(), 404);
    await heading(page, en.notFound.title).waitFor();
    assert.equal(await page.title(), `${en.notFound.title} – ${en.app.name}`);
    await assertAccessible(page, 'the page-not-found page');
    await screenshot(page, '23-not-found');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

/** Asks the server for a login email, as the booth's form does. */
async function loginVoterEmail(email: string, election = LEADER): Promise<void> {
  await api(server.baseUrl, 'POST', `/api/elections/${election}/login`, undefined, { email });
}
