/**
 * The public pages in Chromium against a real server, on a 360×740 phone: the election page (what the
 * API says, kept fresh as a ballot is cast, names shown as text), the results of a published practice
 * election (counts, shares, turnout, chart label and table agreeing, the practice marking, in Welsh too),
 * the results page before publication, the roll check (a committed member with the public roll file, a
 * member added by amendment, a wrong code, a wrong id, a wrong file — and nothing of the member sent to
 * the server), an unknown election, the start page's links, and every page at 320 px without sideways
 * scrolling. axe-core on every state; screenshots in test-artifacts/web/.
 *
 * Needs the built pages (`npm run build:web`, or PSEPHOS_WEB_DIST) and /usr/bin/chromium.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { OpenElection } from '../../src/cli/http-election.ts';
import { api, closeAndPublish } from '../../src/cli/http-election.ts';
import { fromBase64url, toBase64url } from '../../src/crypto/bytes.ts';
import { deriveCredential, generateCredential } from '../../src/crypto/credential.ts';
import { buildElectorate, memberLeaf, SALT_BYTES } from '../../src/electorate/commitment.ts';
import { encodeElement } from '../../src/protocol/codec.ts';
import type { ElectionDefinition } from '../../src/protocol/definition.ts';
import { cy } from '../../src/web/i18n/cy.ts';
import { en } from '../../src/web/i18n/en.ts';
import { questionResults } from '../../src/web/public/tally.ts';
import { castBallot } from '../support/voting.ts';
import {
  assertAccessible,
  CHAIR_QUESTION,
  COUNCIL_QUESTION,
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
  type WebServer,
  webVoters,
} from './fixtures.ts';

requireBuild();

const BRANCH = 'branch-2026';
const PRACTICE = 'practice-2026';
const HTML_NAME = '<img src=x onerror="window.__injected=1">Ada <b>Bold</b>';
const HTML_STATEMENT = 'I will <script>window.__injected=2</script> listen.';
const PHONE = phone(360, 740);
const NARROW = { ...PHONE, viewport: { width: 320, height: 640 } };
const MEMBERS = ['M0001', 'M0002', 'M0003', 'M0004'];
const LATE_MEMBER = 'M0005';
const LATE_REASON = 'Membership renewal posted before the cut-off, received late.';

const BRANCH_VOTERS = webVoters('branch', MEMBERS.length);
const PRACTICE_VOTERS = webVoters('practice', 6);

/** The branch's elections: HTML in a candidate's name and statement and in the trustee's name. */
function draft(id: string, title: string, practice: boolean): Omit<ElectionDefinition, 'boardKey'> {
  return draftElection({
    id,
    title,
    practice,
    questions: [
      {
        ...CHAIR_QUESTION,
        title: 'Who should chair the branch?',
        candidates: [
          { id: 'ada', name: HTML_NAME, statement: HTML_STATEMENT },
          { id: 'ben', name: 'Ben Jones', statement: 'Twenty years on the committee.' },
        ],
      },
      { ...COUNCIL_QUESTION, id: 'committee', title: 'Who should sit on the committee?' },
    ],
    trustees: [{ name: 'Returning Officer <i>RO</i>' }],
  });
}

let server: WebServer;
let browser: Browser;
let branch: OpenElection;
let electorate: ReturnType<typeof buildElectorate>;
let rollFile: string;
let otherRollFile: string;
const lateSalt = toBase64url(new Uint8Array(SALT_BYTES).fill(7));

/** Casts one ballot from Node, as a voter's booth would (login by the emailed link, then the ballot). */
async function cast(
  id: string,
  open: OpenElection,
  voter: { email: string },
  credential: string,
  choices: number[][],
): Promise<void> {
  const token = await loginByEmail(server, id, voter.email);
  await castBallot(server.baseUrl, group, id, token, open.ballotElection, credential, choices);
}

before(async () => {
  server = await startWebServer();
  // An open election over a committed roll of four members, with a fifth added by amendment.
  electorate = buildElectorate(BRANCH, MEMBERS);
  const { count, root } = electorate.commitment;
  branch = await openCustomElection(
    server,
    draft(BRANCH, 'Branch <em>officers</em> 2026', false),
    BRANCH_VOTERS,
    {
      count,
      root,
    },
  );
  const late = deriveCredential(group, BRANCH, generateCredential()).publicCredential;
  await api(server.baseUrl, 'POST', `/api/elections/${BRANCH}/amendments`, server.adminToken, {
    kind: 'add',
    reason: LATE_REASON,
    credential: encodeElement(group, late),
    leaf: toBase64url(memberLeaf(BRANCH, LATE_MEMBER, fromBase64url(lateSalt, SALT_BYTES))),
  });
  const dir = mkdtempSync(join(tmpdir(), 'psephos-roll-'));
  rollFile = join(dir, 'electorate.json');
  writeFileSync(rollFile, JSON.stringify({ commitment: electorate.commitment, leaves: electorate.leaves }));
  const other = buildElectorate('another-election', MEMBERS);
  otherRollFile = join(dir, 'other-electorate.json');
  writeFileSync(otherRollFile, JSON.stringify({ commitment: other.commitment, leaves: other.leaves }));

  // A practice election, voted, closed, counted and published: 3 of its 6 members vote.
  const practice = await openCustomElection(
    server,
    draft(PRACTICE, 'Practice ballot', true),
    PRACTICE_VOTERS,
  );
  const ballots = [
    [[0], [0, 1]],
    [[0], [0]],
    [[], [0]],
  ];
  for (const [i, choices] of ballots.entries())
    await cast(PRACTICE, practice, PRACTICE_VOTERS[i]!, practice.credentials[i]!, choices);
  await closeAndPublish(
    {
      baseUrl: server.baseUrl,
      adminToken: server.adminToken,
      group,
      electionId: PRACTICE,
      candidates: 2,
      trustees: 1,
      threshold: 1,
      revoting: 'single',
    },
    practice,
  );
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh phone page that records page errors and console errors: there must be none. */
const newPage = (options: Parameters<Browser['newContext']>[0] = PHONE) => openPage(browser, options);

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });
const testText = async (page: Page, id: string) => (await page.getByTestId(id).textContent())?.trim();

async function assertNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  assert.ok(width <= 320, `${what}: nothing wider than the 320 px screen (scroll width ${width})`);
}

/** The rows of a results table: [name cell (with its "most votes" mark), votes, share]. */
async function tableRows(page: Page, question: string): Promise<string[][]> {
  return page
    .getByTestId(`result-${question}`)
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('th, td'), (c) => (c.textContent ?? '').trim())),
    );
}

describe('the public pages', () => {
  test('the election page shows what the API says, and follows a ballot being cast', async () => {
    const { context, page, problems } = await newPage();
    const info = (await api(server.baseUrl, 'GET', `/api/elections/${BRANCH}`)) as {
      fingerprint: string;
      electorate: { credentials: number; members: number };
    };
    assert.deepEqual(info.electorate, { credentials: 5, members: 4 });

    await page.goto(`${server.baseUrl}/elections/${BRANCH}`);
    await heading(page, 'Branch <em>officers</em> 2026').waitFor();
    assert.equal(await testText(page, 'phase'), en.electionPage.phase.open);
    assert.equal(await testText(page, 'credentials'), '5');
    assert.equal(await testText(page, 'members'), '4');
    assert.equal(await testText(page, 'cast'), '0');
    assert.equal(await testText(page, 'counted'), '0');
    assert.equal(await testText(page, 'key'), en.electionPage.keyReady);
    assert.equal((await testText(page, 'fingerprint'))!.replaceAll(' ', ''), info.fingerprint);
    // The questions and candidates, with HTML in names and statements as plain text.
    await page.getByRole('heading', { level: 3, name: 'Who should chair the branch?' }).waitFor();
    await page.getByText(HTML_NAME, { exact: true }).waitFor();
    await page.getByText(HTML_STATEMENT).waitFor();
    await page.getByText('Returning Officer <i>RO</i>', { exact: true }).waitFor();
    await page.getByText(en.electionPage.trusteeDealt).waitFor();
    assert.equal(await page.locator('main img, main script, main b, main em').count(), 0);
    assert.equal(await page.evaluate(() => (globalThis as { __injected?: unknown }).__injected), undefined);
    await page.getByText(en.electionPage.revotingSingle).waitFor();
    assert.equal(await page.getByTestId('practice').count(), 0, 'a real election is not marked practice');
    // Its links: vote (open), the roll check (committed roll), no results yet.
    const links = page.getByRole('navigation', { name: en.electionPage.linksHeading });
    assert.equal(
      await links.getByRole('link', { name: en.electionPage.vote }).getAttribute('href'),
      `/vote/${BRANCH}`,
    );
    assert.equal(
      await links.getByRole('link', { name: en.electionPage.rollCheck }).getAttribute('href'),
      `/elections/${BRANCH}/roll-check`,
    );
    assert.equal(
      await links.getByRole('link', { name: en.electionPage.verify }).getAttribute('href'),
      `/verify?election=${BRANCH}`,
    );
    assert.equal(
      await links.getByRole('link', { name: en.electionPage.record }).getAttribute('href'),
      `/api/elections/${BRANCH}/record`,
    );
    assert.equal(await links.getByRole('link', { name: en.electionPage.results }).count(), 0);
    await assertAccessible(page, 'the election page (open)');
    await screenshot(page, 'public-01-election-open');

    // A ballot is cast elsewhere: the page shows it at its next refresh, without a reload.
    await cast(BRANCH, branch, BRANCH_VOTERS[0]!, branch.credentials[0]!, [[1], [2]]);
    await page.getByTestId('cast').getByText('1', { exact: true }).waitFor({ timeout: 25_000 });
    assert.equal(await testText(page, 'counted'), '1');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the results of a published practice election: counts, shares, turnout, chart and table', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(`${server.baseUrl}/elections/${PRACTICE}/results`);
    await heading(page, en.results.title).waitFor();
    assert.match((await testText(page, 'practice'))!, /^Practice — not a real result/);
    // 3 of the 6 credentials voted.
    assert.equal(await testText(page, 'turnout'), en.results.turnout(3, 6, '50%'));
    // Who should chair: Ada 2, Ben 0, blank 1 — of 3 ballots.
    assert.deepEqual(await tableRows(page, 'chair'), [
      [`${HTML_NAME}${en.results.mostVotes}`, '2', '66.7%'],
      ['Ben Jones', '0', '0%'],
      [en.results.blank, '1', '33.3%'],
    ]);
    // Who should sit on the committee (up to 2 each): Cat 3, Dai 1, Efa 0 — of 3 ballots.
    assert.deepEqual(await tableRows(page, 'committee'), [
      [`Cat Evans${en.results.mostVotes}`, '3', '100%'],
      ['Dai Hughes', '1', '33.3%'],
      ['Efa Morgan', '0', '0%'],
    ]);
    await page.getByText(en.results.approvalNote(2), { exact: false }).waitFor();
    // Each chart's label says the same numbers as its table, and names the leader.
    const chair = await page.getByTestId('result-chair').getByRole('img').getAttribute('aria-label');
    assert.equal(
      chair,
      en.results.chartLabel(
        'Who should chair the branch?',
        [
          en.results.chartPart(HTML_NAME, 2, '66.7%'),
          en.results.chartPart('Ben Jones', 0, '0%'),
          en.results.chartPart(en.results.blank, 1, '33.3%'),
          en.results.chartWinner(HTML_NAME),
        ].join('; '),
      ),
    );
    const committee = await page.getByTestId('result-committee').getByRole('img').getAttribute('aria-label');
    assert.match(
      committee!,
      /Cat Evans, 3 votes \(100%\); Dai Hughes, 1 vote \(33\.3%\); Efa Morgan, 0 votes \(0%\)/,
    );
    const captions = await page.locator('table caption').allTextContents();
    assert.deepEqual(captions, [
      en.results.caption('Who should chair the branch?'),
      en.results.caption('Who should sit on the committee?'),
    ]);
    assert.equal(await page.evaluate(() => (globalThis as { __injected?: unknown }).__injected), undefined);
    const links = page.getByRole('navigation', { name: en.results.linksHeading });
    assert.equal(
      await links.getByRole('link', { name: en.results.record }).getAttribute('href'),
      `/api/elections/${PRACTICE}/record`,
    );
    assert.equal(
      await links.getByRole('link', { name: en.results.verify }).getAttribute('href'),
      `/verify?election=${PRACTICE}`,
    );
    assert.equal(
      await links.getByRole('link', { name: en.results.board }).getAttribute('href'),
      `/elections/${PRACTICE}/board`,
    );
    await assertAccessible(page, 'the results page');
    await screenshot(page, 'public-02-results');

    // In Welsh, the same numbers and the practice marking.
    await page.getByRole('button', { name: 'Cymraeg' }).click();
    await heading(page, cy.results.title).waitFor();
    assert.match((await testText(page, 'practice'))!, /^Ymarfer — nid canlyniad go iawn/);
    assert.equal((await tableRows(page, 'chair'))[0]![1], '2');
    await assertAccessible(page, 'the results page in Welsh');
    await screenshot(page, 'public-03-results-cy');
    await page.getByRole('button', { name: 'English' }).click();

    // The practice election's page: published, with its results link, no vote link, marked practice.
    await page.goto(`${server.baseUrl}/elections/${PRACTICE}`);
    await heading(page, 'Practice ballot').waitFor();
    assert.equal(await testText(page, 'phase'), en.electionPage.phase.published);
    assert.match((await testText(page, 'practice'))!, /^Practice/);
    assert.equal(await testText(page, 'cast'), '3');
    const pageLinks = page.getByRole('navigation', { name: en.electionPage.linksHeading });
    assert.equal(
      await pageLinks.getByRole('link', { name: en.electionPage.results }).getAttribute('href'),
      `/elections/${PRACTICE}/results`,
    );
    assert.equal(await pageLinks.getByRole('link', { name: en.electionPage.vote }).count(), 0);
    assert.equal(await pageLinks.getByRole('link', { name: en.electionPage.rollCheck }).count(), 0);
    await assertAccessible(page, 'the election page (published, practice)');
    await screenshot(page, 'public-04-election-published');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('no results before publication, and an unknown election, each in plain words', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(`${server.baseUrl}/elections/${BRANCH}/results`);
    await heading(page, en.results.title).waitFor();
    const notYet = await testText(page, 'not-yet');
    assert.ok(notYet?.includes('Voting is open until'), notYet);
    assert.equal(await page.locator('table').count(), 0);
    await assertAccessible(page, 'the results page before publication');
    await screenshot(page, 'public-05-results-not-yet');

    for (const [path, title] of [
      ['', en.electionPage.title],
      ['/results', en.results.title],
      ['/roll-check', en.rollCheck.title],
    ] as const) {
      await page.goto(`${server.baseUrl}/elections/no-such-election${path}`);
      await heading(page, title).waitFor();
      await page.getByRole('alert').getByText(en.electionPage.unknownElection).waitFor();
      await assertAccessible(page, `an unknown election (${path || 'page'})`);
    }
    await screenshot(page, 'public-06-unknown-election');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the roll check finds members, refuses a wrong code, id or file, and sends nothing of theirs', async () => {
    const { context, page, problems } = await newPage();
    const sent: string[] = [];
    page.on('request', (r) => sent.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`));
    const member = electorate.members[1]!;
    const result = page.locator('#roll-result');
    const check = async (id: string, salt: string, file?: string) => {
      await page.getByLabel(en.rollCheck.memberLabel).fill(id);
      await page.getByLabel(en.rollCheck.saltLabel).fill(salt);
      await page.locator('#roll-file').setInputFiles(file ?? []);
      await page.getByRole('button', { name: en.rollCheck.button }).click();
    };

    await page.goto(`${server.baseUrl}/elections/${BRANCH}/roll-check`);
    await heading(page, en.rollCheck.title).waitFor();
    await page.getByText(en.rollCheck.private).waitFor();
    await assertAccessible(page, 'the roll check form');
    await screenshot(page, 'public-07-roll-check');

    // Empty and malformed codes are refused before anything is read.
    await check(member.memberId, 'not a code');
    await page.getByText(en.rollCheck.saltBad).waitFor();
    assert.equal(await page.getByLabel(en.rollCheck.saltLabel).getAttribute('aria-invalid'), 'true');
    await assertAccessible(page, 'the roll check with a malformed code');

    // A committed member without the roll file: asked for it.
    await check(member.memberId, member.salt);
    await page.getByTestId('roll-more').getByText(en.rollCheck.needFile).waitFor();

    // With the roll file: found, as one of the 4 committed members (5 with the amendment).
    await check(member.memberId, member.salt, rollFile);
    await page.getByTestId('roll-ok').waitFor();
    assert.equal(await result.textContent(), en.rollCheck.foundTitle);
    await page.getByText(en.rollCheck.found(4)).waitFor();
    await page.getByText(en.rollCheck.currentSize(5)).waitFor();
    assert.ok(await result.evaluate((h) => h === document.activeElement), 'the verdict takes the focus');
    await assertAccessible(page, 'the roll check: found');
    await screenshot(page, 'public-08-roll-check-found');

    // Another member's code with this id, and this code with another id: not found, in plain words.
    await check(member.memberId, electorate.members[2]!.salt, rollFile);
    await page.getByTestId('roll-bad').getByText(en.rollCheck.notFound).waitFor();
    assert.equal(await result.textContent(), en.rollCheck.notFoundTitle);
    await assertAccessible(page, 'the roll check: not found');
    await screenshot(page, 'public-09-roll-check-not-found');
    await check('M0009', member.salt, rollFile);
    await page.getByTestId('roll-bad').getByText(en.rollCheck.notFound).waitFor();
    await check(member.memberId.toLowerCase(), member.salt, rollFile);
    await page.getByTestId('roll-bad').getByText(en.rollCheck.notFound).waitFor();

    // A roll file that is not this election's committed roll is refused as such.
    await check(member.memberId, member.salt, otherRollFile);
    await page.getByTestId('roll-bad').getByText(en.rollCheck.wrongFile).waitFor();

    // The member added by amendment is found from the board alone, with the amendment's reason.
    await check(LATE_MEMBER, lateSalt);
    await page.getByTestId('roll-ok').getByText(LATE_REASON).waitFor();
    assert.equal(await result.textContent(), en.rollCheck.foundTitle);
    await assertAccessible(page, 'the roll check: added by amendment');

    // Nothing the member typed went to the server: only reads of the public board and election.
    const secrets = [member.memberId, member.salt, LATE_MEMBER, lateSalt, 'M0009'];
    for (const line of sent) {
      assert.ok(line.startsWith('GET '), `only reads: ${line}`);
      for (const secret of secrets) assert.ok(!line.includes(secret), `"${secret}" was sent: ${line}`);
    }
    assert.ok(sent.some((l) => l.includes(`/api/elections/${BRANCH}/board/events`)));
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the start page links to each election page and to published results', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(server.baseUrl);
    await page.getByRole('heading', { level: 2, name: en.home.elections }).waitFor();
    assert.equal(
      await page
        .getByRole('link', { name: en.home.page('Branch <em>officers</em> 2026') })
        .getAttribute('href'),
      `/elections/${BRANCH}`,
    );
    assert.equal(
      await page.getByRole('link', { name: en.home.results('Branch <em>officers</em> 2026') }).count(),
      0,
    );
    assert.equal(
      await page.getByRole('link', { name: en.home.results('Practice ballot') }).getAttribute('href'),
      `/elections/${PRACTICE}/results`,
    );
    await assertAccessible(page, 'the start page');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('every public page fits a 320 px screen', async () => {
    const { context, page, problems } = await newPage(NARROW);
    const pages = [
      [`/elections/${BRANCH}`, 'Branch <em>officers</em> 2026'],
      [`/elections/${PRACTICE}`, 'Practice ballot'],
      [`/elections/${PRACTICE}/results`, en.results.title],
      [`/elections/${BRANCH}/results`, en.results.title],
      [`/elections/${BRANCH}/roll-check`, en.rollCheck.title],
    ] as const;
    for (const [path, title] of pages) {
      await page.goto(`${server.baseUrl}${path}`);
      await heading(page, title).waitFor();
      await assertNoSidewaysScroll(page, path);
    }
    await screenshot(page, 'public-10-roll-check-320px');
    await page.goto(`${server.baseUrl}/elections/${PRACTICE}/results`);
    await heading(page, en.results.title).waitFor();
    await screenshot(page, 'public-11-results-320px');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('what the results mean (src/web/public/tally.ts)', () => {
  const definition = (maxWeight: number) =>
    ({ ...draft('sums', 'Sums', false), maxWeight, boardKey: 'A'.repeat(43) }) as ElectionDefinition;

  test('unweighted: shares of the ballots counted, blank votes on a single-choice question, ties', () => {
    const [chair, committee] = questionResults(definition(1), {
      counted: 4,
      trustees: [1],
      counts: [
        [2, 2],
        [3, 3, 0],
      ],
    });
    assert.deepEqual(
      chair!.rows.map((r) => [r.votes, r.share, r.top]),
      [
        [2, 0.5, true],
        [2, 0.5, true],
      ],
    );
    assert.equal(chair!.tied, true);
    assert.deepEqual(chair!.blank, { votes: 0, share: 0 });
    assert.equal(committee!.basis, 'ballots');
    assert.deepEqual(
      committee!.rows.map((r) => r.share),
      [0.75, 0.75, 0],
    );
    assert.equal(committee!.approvalMax, 2);
    assert.equal(committee!.blank, undefined, 'approval ballots do not tell blank votes apart');
  });

  test('weighted: totals are weighted votes, never divided by the number of ballots', () => {
    // 3 ballots, weights 5, 1 and 1: Ada has 5 weighted votes, Ben 1, one ballot blank.
    const [chair] = questionResults(definition(10), {
      counted: 3,
      trustees: [1],
      counts: [
        [5, 1],
        [5, 1, 0],
      ],
    });
    assert.equal(chair!.basis, 'weighted-votes');
    assert.deepEqual(
      chair!.rows.map((r) => [r.votes, r.share]),
      [
        [5, 5 / 6],
        [1, 1 / 6],
      ],
    );
    assert.equal(chair!.blank, undefined);
  });

  test('nobody has the most votes when nothing was counted', () => {
    const [chair] = questionResults(definition(1), {
      counted: 0,
      trustees: [1],
      counts: [
        [0, 0],
        [0, 0, 0],
      ],
    });
    assert.deepEqual(
      chair!.rows.map((r) => [r.share, r.top]),
      [
        [0, false],
        [0, false],
      ],
    );
  });
});
