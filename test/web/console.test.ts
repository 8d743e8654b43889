/**
 * The organiser console in Chromium against a real server (SQLite, SMTP sink), as a membership
 * secretary uses it: the login (empty fields, a wrong password), the "new election" form step by step
 * with its refusals first (an empty title, two candidates with the same name in different letter
 * widths, an opening date in the past), the live preview of the ballot, the draft saved; setup with
 * its confirmation, the trustees' invitations (their links read from the emails), a reminder, the key
 * ceremony run from Node with those links' tokens while the dashboard follows it, the electorate
 * uploaded, voting opened, ballots from Node and the turnout updating with its chart; two organisers
 * closing at once (the second is told voting is already closed), the tally, the trustees' shares from
 * Node, the result and its links, the record verified; a practice election with one click, run to its
 * result with buttons; a phone at 320 px; the console's code not loaded by voters. axe-core on every
 * state; screenshots in test-artifacts/web/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { api } from '../../src/cli/http-election.ts';
import { hashPassword } from '../../src/server/passwords.ts';
import { cy } from '../../src/web/i18n/cy.ts';
import { en } from '../../src/web/i18n/en.ts';
import { confirmStep } from '../support/console-pages.ts';
import { decrypt, keyCeremony, linkOf, type TrusteeLink, trusteeLinks } from '../support/console-trustees.ts';
import { ballotElectionOf, castBallot, issueElectorate } from '../support/voting.ts';
import {
  assertAccessible,
  CHAIR_QUESTION,
  draftElection,
  group,
  launchChromium,
  loginByEmail,
  requireBuild,
  screenshot,
  startWebServer,
  type WebServer,
  watchProblems,
} from './fixtures.ts';

requireBuild();

const c = en.console;
const f = c.form;
const d = c.dashboard;
const CLERK = 'membership-secretary';
const PASSWORD = 'a long and private passphrase';
const ID = 'leader-2026';
const TITLE = 'Leadership election 2026';
const VOTERS = Array.from({ length: 3 }, (_, i) => ({
  voterId: `M${i + 1}`,
  email: `member${i + 1}@example.org`,
  name: `Member ${i + 1}`,
}));
const TRUSTEES = [
  { name: 'Returning officer', email: 'ro@example.org' },
  { name: 'Independent scrutineer', email: 'scrutineer@example.org' },
];
const DESKTOP = { viewport: { width: 1024, height: 900 } };

let server: WebServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];
let links: TrusteeLink[] = [];
let shares: bigint[] = [];
let credentials: string[] = [];

const heading = (p: Page, name: string | RegExp) => p.getByRole('heading', { level: 1, name });
const dashboard = `/console/${ID}`;

/** Page errors and CSP violations: there must be none. */
const watch = (p: Page) => watchProblems(p, problems);

/** An organiser's JSON call with the bearer token. */
const admin = <T>(method: string, path: string, body?: unknown) =>
  api<T>(server.baseUrl, method, path, server.adminToken, body);

before(async () => {
  server = await startWebServer();
  await server.store.setAdmin(CLERK, await hashPassword(PASSWORD));
  browser = await launchChromium();
  context = await browser.newContext(DESKTOP);
  page = await context.newPage();
  watch(page);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('the organiser console', () => {
  test('login: empty fields and a wrong password are refused in plain words; then the list of elections', async () => {
    await page.goto(`${server.baseUrl}/console`);
    await heading(page, c.login.title).waitFor();
    await assertAccessible(page, 'the login page');
    await page.getByRole('button', { name: c.login.submit }).click();
    await page.getByText(c.login.usernameMissing).waitFor();
    await page.getByText(c.login.passwordMissing).waitFor();
    await assertAccessible(page, 'the login page with empty fields');
    await page.getByLabel(c.login.username).fill(CLERK);
    await page.getByLabel(c.login.password).fill('not the password');
    await page.getByRole('button', { name: c.login.submit }).click();
    await page.getByRole('alert').getByText(c.errors.codes['bad-login']).waitFor();
    await assertAccessible(page, 'a wrong password');
    await screenshot(page, 'console-01-login-wrong');
    await page.getByLabel(c.login.password).fill(PASSWORD);
    await page.getByRole('button', { name: c.login.submit }).click();
    await heading(page, c.list.title).waitFor();
    await page.getByText(c.list.none).waitFor();
    await assertAccessible(page, 'the empty list of elections');
    // A reload keeps the session (the CSRF token comes back from GET /api/session).
    await page.reload();
    await heading(page, c.list.title).waitFor();
  });

  test('a new election, step by step: refusals first, the preview, then the draft saved', async () => {
    await page.getByRole('link', { name: c.list.new }).first().click();
    await heading(page, f.newTitle).waitFor();
    await assertAccessible(page, 'the form, step 1');

    // An empty title.
    await page.getByRole('button', { name: f.next }).click();
    const summary = page.getByRole('alert');
    await summary.getByText(`${f.labels.fields.title}: ${f.errors.required}`).waitFor();
    await assertAccessible(page, 'step 1 with an empty title');
    await screenshot(page, 'console-02-form-empty-title');
    await page.getByLabel(f.title, { exact: true }).fill(TITLE);
    assert.equal(await page.getByLabel(f.id, { exact: true }).inputValue(), 'leadership-election-2026');
    await page.getByLabel(f.id, { exact: true }).fill(ID);
    await page.getByRole('button', { name: f.next }).click();

    // Two candidates whose names differ only in letter width and case.
    await page.getByRole('heading', { level: 2, name: f.steps.questions }).waitFor();
    await page.getByLabel(f.questionTitle, { exact: true }).fill('Who should lead the party?');
    await page.getByLabel(f.candidateName(1)).fill('Ada Lovelace');
    await page.getByLabel(f.candidateName(2)).fill('ＡＤＡ LOVELACE');
    await page.getByRole('button', { name: f.next }).click();
    await page
      .getByRole('alert')
      .getByText(`${f.labels.candidateName(1, 2)}: ${f.errors.duplicateName}`)
      .waitFor();
    assert.equal(await page.getByLabel(f.candidateName(2)).getAttribute('aria-invalid'), 'true');
    await assertAccessible(page, 'step 2 with duplicate names');
    await screenshot(page, 'console-03-form-duplicate-names');
    await page.getByLabel(f.candidateName(2)).fill('Ben Jones');
    await page.getByRole('button', { name: f.addCandidate }).click();
    await page.getByLabel(f.candidateName(3)).fill('Cy Evans');
    await page.getByLabel(f.statement(3)).fill('Twenty years on the committee.');
    // The preview shows the ballot as the booth will.
    const preview = page.getByRole('region', { name: c.preview.title });
    await preview.getByRole('group', { name: 'Who should lead the party?' }).waitFor();
    await preview.getByLabel('Cy Evans').waitFor();
    await preview.getByText(en.ballot.chooseOneOrBlank).waitFor();
    await preview.getByLabel(en.ballot.blank).check();
    await assertAccessible(page, 'step 2 with its preview');
    await page.getByRole('button', { name: f.next }).click();

    // An opening date in the past.
    await page.getByRole('heading', { level: 2, name: f.steps.voting }).waitFor();
    const local = (days: number) => {
      const t = new Date(Date.now() + days * 86_400_000);
      const p2 = (n: number) => String(n).padStart(2, '0');
      return `${t.getFullYear()}-${p2(t.getMonth() + 1)}-${p2(t.getDate())}T${p2(t.getHours())}:${p2(t.getMinutes())}`;
    };
    await page.getByLabel(f.opensAt, { exact: true }).fill(local(-1));
    await page.getByRole('button', { name: f.next }).click();
    await page.getByRole('alert').getByText(`${f.labels.fields.opensAt}: ${f.errors.openInPast}`).waitFor();
    await assertAccessible(page, 'step 3 with a date in the past');
    await screenshot(page, 'console-04-form-date-in-past');
    await page.getByLabel(f.opensAt, { exact: true }).fill(local(1));
    await page.getByLabel(f.closesAt, { exact: true }).fill(local(8));
    await page.getByText(f.revotingReasons.single).waitFor();
    await page.getByText(f.revotingReasons['last-counts']).waitFor();
    assert.ok(
      await page.getByLabel(new RegExp(f.revotingPolicies.single)).isChecked(),
      '`single` by default',
    );
    await page.getByRole('button', { name: f.next }).click();

    // Two trustees, both needed.
    await page.getByRole('heading', { level: 2, name: f.steps.trustees }).waitFor();
    await page.getByRole('button', { name: f.addTrustee }).click();
    // The focus moves to the new trustee's name at the next frame: typing waits for it.
    await page.waitForFunction(() => document.activeElement?.id === 'f-t1-name');
    for (const [k, trustee] of TRUSTEES.entries()) {
      const group = page.getByRole('group', { name: f.trusteeLegend(k + 1) });
      await group.getByLabel(f.trusteeName, { exact: true }).fill(trustee.name);
      await group.getByLabel(f.trusteeEmail, { exact: true }).fill(trustee.email);
    }
    await page.getByLabel(f.threshold, { exact: true }).fill('2');
    await assertAccessible(page, 'step 4');
    await page.getByRole('button', { name: f.next }).click();

    await page.getByRole('heading', { level: 2, name: f.steps.check }).waitFor();
    await page.getByRole('definition').getByText('ro@example.org', { exact: false }).waitFor();
    await assertAccessible(page, 'step 5');
    await screenshot(page, 'console-05-form-check');
    await page.getByRole('button', { name: f.save }).click();
    await heading(page, TITLE).waitFor();
    assert.equal(new URL(page.url()).pathname, dashboard);
    await page.getByText(c.status.draft, { exact: true }).waitFor();
    await assertAccessible(page, 'the dashboard of a draft');

    // The draft, edited: the form comes back filled in; a description is added.
    await page.getByRole('link', { name: d.edit }).click();
    await heading(page, f.editTitle).waitFor();
    assert.equal(await page.getByLabel(f.title, { exact: true }).inputValue(), TITLE);
    await page.getByLabel(f.description, { exact: true }).fill('Choose the next leader of the party.');
    for (let step = 0; step < 4; step++) await page.getByRole('button', { name: f.next }).click();
    await page.getByRole('heading', { level: 2, name: f.steps.check }).waitFor();
    await page.getByRole('button', { name: f.save }).click();
    await heading(page, TITLE).waitFor();

    const stored = await admin<{
      definition: {
        questions: { candidates: { name: string; statement?: string }[] }[];
        threshold: number;
        description?: string;
      };
    }>('GET', `/api/admin/elections/${ID}`);
    assert.deepEqual(
      stored.definition.questions[0]!.candidates.map((x) => x.name),
      ['Ada Lovelace', 'Ben Jones', 'Cy Evans'],
    );
    assert.equal(stored.definition.threshold, 2);
    assert.equal(stored.definition.description, 'Choose the next leader of the party.');
    assert.ok(!JSON.stringify(stored.definition).includes('@'), 'no trustee address in the definition');
  });

  test('setup invites the trustees by email; a reminder; the ceremony run from their links, followed live', async () => {
    const before = server.sink.messages.length;
    await confirmStep(page, c.steps.setup, 'setup');
    await page.getByRole('status').getByText(c.steps.setup.done).waitFor();
    await page.getByText(c.status['key-ceremony'], { exact: true }).waitFor();
    links = await trusteeLinks(server.sink, ID, 2, before);
    assert.deepEqual(
      links.map((l) => l.to),
      TRUSTEES.map((t) => t.email),
    );
    await page.getByText(d.waitCeremony(0, 0, 2)).waitFor();
    await assertAccessible(page, 'the dashboard during the key ceremony');
    await screenshot(page, 'console-06-ceremony');

    // A reminder for the scrutineer: a fresh link, which is then the one used.
    const mails = server.sink.messages.length;
    await page.getByRole('button', { name: d.remind(TRUSTEES[1]!.name) }).click();
    await page
      .getByRole('dialog', { name: d.remindTitle(TRUSTEES[1]!.name) })
      .getByRole('button', { name: d.remindButton })
      .click();
    await page.getByRole('status').getByText(d.reminded(TRUSTEES[1]!.name, TRUSTEES[1]!.email)).waitFor();
    const reminder = linkOf(
      await server.sink.waitFor(
        (m) => server.sink.messages.indexOf(m) >= mails && m.to === TRUSTEES[1]!.email,
      ),
      ID,
    );
    assert.equal(reminder.trustee, 2);
    assert.notEqual(reminder.token, links[1]!.token, 'a fresh link');
    links[1] = reminder;

    shares = await keyCeremony(
      server.baseUrl,
      group,
      ID,
      links.map((l) => l.token),
    );
    // The dashboard follows the ceremony by itself.
    await page.getByRole('button', { name: c.steps.finish.button }).waitFor({ timeout: 15_000 });
    await confirmStep(page, c.steps.finish, 'finishing the ceremony');
    await page.getByRole('status').getByText(c.steps.finish.done).waitFor();
    await page.getByText(d.waitElectorate).waitFor();
    await page.getByRole('link', { name: d.toRoll }).waitFor();
    assert.equal(await page.getByRole('link', { name: d.toRoll }).getAttribute('href'), `${dashboard}/roll`);
    await assertAccessible(page, 'waiting for the electorate');

    // The credential authority: one credential per member; only the public list goes to the server.
    await admin('POST', `/api/elections/${ID}/voters`, { voters: VOTERS });
    credentials = await issueElectorate(server.baseUrl, server.adminToken, group, ID, VOTERS.length);
    await page.getByText(c.status.ready, { exact: true }).waitFor({ timeout: 15_000 });
    await page.getByText(d.electorate(3, null)).waitFor();
  });

  test('open with confirmation; ballots from Node; the turnout updates, with its chart and table', async () => {
    await confirmStep(page, c.steps.open, 'opening');
    await page.getByRole('status').getByText(c.steps.open.done).waitFor();
    await page.getByText(c.turnout.counted(0, 3, 0)).waitFor();
    await page.getByText(c.turnout.noBallots).waitFor();

    const election = await ballotElectionOf(server.baseUrl, group, ID);
    for (const v of [0, 1]) {
      const token = await loginByEmail(server, ID, VOTERS[v]!.email);
      await castBallot(server.baseUrl, group, ID, token, election, credentials[v]!, [[v]]);
    }
    await page.getByText(c.turnout.counted(2, 3, 66.7)).waitFor({ timeout: 15_000 });
    await page.getByRole('img', { name: c.turnout.chartTitle }).waitFor();
    await page.getByText(c.turnout.showTable).click();
    const table = page.getByRole('table', { name: c.turnout.tableCaption });
    assert.equal(await table.getByRole('row').last().getByRole('cell').last().textContent(), '2');
    await assertAccessible(page, 'the turnout while voting is open');
    await screenshot(page, 'console-07-turnout');
    const csv = await page.evaluate(
      async (url) => (await fetch(url)).text(),
      `/api/admin/elections/${ID}/turnout.csv`,
    );
    assert.match(csv, /^hour,ballots,cumulative\r\n/);
    assert.match(csv, /,2\r\n$/);
  });

  test('two organisers close at once: the second is told voting is already closed, and nothing changes', async () => {
    const other = await context.newPage();
    watch(other);
    await other.goto(`${server.baseUrl}${dashboard}`);
    await heading(other, TITLE).waitFor();
    // The other organiser has the confirmation open while the first closes voting.
    await other.getByRole('button', { name: c.steps.close.button }).click();
    await other.getByRole('dialog', { name: c.steps.close.title }).waitFor();
    await confirmStep(page, c.steps.close, 'closing');
    await page.getByRole('status').getByText(c.steps.close.done).waitFor();
    const size = (await api<{ boardSize: number }>(server.baseUrl, 'GET', `/api/elections/${ID}`)).boardSize;
    await other.getByRole('dialog').getByRole('button', { name: c.steps.close.button }).click();
    await other.getByRole('alert').getByText(c.steps.close.already).waitFor();
    await other.getByText(c.status.closed, { exact: true }).waitFor();
    await assertAccessible(other, 'a second close');
    await screenshot(other, 'console-08-closed-twice');
    assert.equal(
      (await api<{ boardSize: number }>(server.baseUrl, 'GET', `/api/elections/${ID}`)).boardSize,
      size,
    );
    await other.close();
  });

  test('tally; the trustees decrypt from Node; publish; the result, its links and the verified record', async () => {
    await confirmStep(page, c.steps.tally, 'the tally');
    await page.getByRole('status').getByText(c.steps.tally.done).waitFor();
    await page.getByText(d.waitShares(0, 2)).waitFor();
    await decrypt(
      server.baseUrl,
      group,
      ID,
      [1, 2],
      links.map((l) => l.token),
      shares,
    );
    await page.getByRole('button', { name: c.steps.publish.button }).waitFor({ timeout: 15_000 });
    await page.getByText(d.shareDone).first().waitFor();
    await confirmStep(page, c.steps.publish, 'publishing');
    await page.getByRole('status').getByText(c.steps.publish.done).waitFor();
    const result = page.getByRole('table', { name: 'Who should lead the party?' });
    assert.equal(
      await result
        .getByRole('row', { name: /Ada Lovelace/ })
        .getByRole('cell')
        .textContent(),
      '1',
    );
    assert.equal(
      await result
        .getByRole('row', { name: /Ben Jones/ })
        .getByRole('cell')
        .textContent(),
      '1',
    );
    assert.equal(
      await result
        .getByRole('row', { name: /Cy Evans/ })
        .getByRole('cell')
        .textContent(),
      '0',
    );
    assert.equal(
      await page.getByRole('link', { name: d.results }).first().getAttribute('href'),
      `/elections/${ID}/results`,
    );
    assert.equal(
      await page.getByRole('link', { name: d.record }).getAttribute('href'),
      `/api/elections/${ID}/record`,
    );
    await page.getByRole('button', { name: d.verify }).click();
    await page.getByRole('heading', { name: d.verified }).waitFor({ timeout: 30_000 });
    await assertAccessible(page, 'the published election, its record verified');
    await screenshot(page, 'console-09-published');
  });

  test('a practice election with one click, run to its practice result with buttons', async () => {
    const real = 'council-2026';
    await admin('POST', '/api/admin/elections', {
      definition: draftElection({
        id: real,
        questions: [
          {
            ...CHAIR_QUESTION,
            blankAllowed: false,
            candidates: [
              { id: 'a', name: 'Ann' },
              { id: 'b', name: 'Bob' },
            ],
          },
        ],
        opensAt: new Date(Date.now() + 86_400_000).toISOString(),
        closesAt: new Date(Date.now() + 8 * 86_400_000).toISOString(),
        trustees: [{ name: 'Returning officer' }],
      }),
      trustees: [{ email: 'ro@example.org' }],
    });
    await page.goto(`${server.baseUrl}/console/${real}`);
    await heading(page, 'Council election 2026').waitFor();
    await page.getByText(d.practiceNoVoters).waitFor();
    await admin('POST', `/api/elections/${real}/voters`, { voters: VOTERS });
    await page.reload();
    const before = server.sink.messages.length;
    await page.getByRole('button', { name: d.practiceButton }).click();
    await page.getByRole('dialog', { name: d.practiceTitle }).getByText(d.practiceText(3)).waitFor();
    await assertAccessible(page, 'the practice confirmation');
    await page.getByRole('dialog').getByRole('button', { name: d.practiceButton }).click();
    await page.getByRole('status').getByText(d.practiceDone).waitFor();
    for (const v of VOTERS)
      await server.sink.waitFor(
        (m) =>
          server.sink.messages.indexOf(m) >= before && m.to === v.email && /Practice vote/.test(m.subject),
      );

    await page.getByRole('link', { name: d.practiceOpen(c.status.open) }).click();
    await heading(page, 'Practice: Council election 2026').waitFor();
    await page.getByText(d.practiceBanner).waitFor();
    await page.getByText(c.practiceTag, { exact: true }).first().waitFor();
    await assertAccessible(page, 'the practice dashboard');
    await screenshot(page, 'console-10-practice');
    await confirmStep(page, c.steps.close, 'closing the practice');
    await page.getByRole('status').getByText(c.steps.close.done).waitFor();
    await confirmStep(page, c.steps.tally, 'the practice tally');
    await page.getByRole('status').getByText(c.steps.tally.done).waitFor();
    await confirmStep(page, c.steps['practice-publish'], 'the practice result');
    await page.getByRole('status').getByText(c.steps['practice-publish'].done).waitFor();
    await page.getByRole('heading', { name: d.practiceResultTitle }).waitFor();
    await assertAccessible(page, 'the practice result');
    const listed = await api<{ id: string; practice: boolean; status: string }[]>(
      server.baseUrl,
      'GET',
      '/api/elections',
    );
    assert.ok(listed.some((e) => e.id === `${real}-practice` && e.practice && e.status === 'published'));
  });

  test('on a 320 px phone: the list, the form and the dashboard fit, and pass axe', async () => {
    const phone = await browser.newContext({
      viewport: { width: 320, height: 640 },
      isMobile: true,
      hasTouch: true,
    });
    const p = await phone.newPage();
    watch(p);
    await p.goto(`${server.baseUrl}/console`);
    await heading(p, c.login.title).waitFor();
    await p.getByLabel(c.login.username).fill(CLERK);
    await p.getByLabel(c.login.password).fill(PASSWORD);
    await p.getByRole('button', { name: c.login.submit }).click();
    await heading(p, c.list.title).waitFor();
    for (const [path, name, shot] of [
      ['/console', c.list.title, 'console-11-phone-list'],
      ['/console/new', f.newTitle, 'console-12-phone-form'],
      [dashboard, TITLE, 'console-13-phone-dashboard'],
    ] as const) {
      await p.goto(`${server.baseUrl}${path}`);
      await heading(p, name).waitFor();
      const width = await p.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 320, `${path} fits 320 px (scroll width ${width})`);
      await assertAccessible(p, `${path} at 320 px`);
      await screenshot(p, shot);
    }
    // In Welsh.
    await p.getByRole('button', { name: cy.languageName }).click();
    await p.getByText(cy.console.status.published, { exact: true }).waitFor();
    await p.getByRole('heading', { level: 2, name: cy.console.dashboard.nextTitle }).waitFor();
    await assertAccessible(p, 'the dashboard in Welsh at 320 px');
    await screenshot(p, 'console-14-phone-dashboard-cy');
    // Logging out ends the session: the console asks for a login again, even after a reload.
    await p.getByRole('button', { name: cy.console.nav.logout }).click();
    await heading(p, cy.console.login.title).waitFor();
    await p.reload();
    await heading(p, cy.console.login.title).waitFor();
    await phone.close();
  });

  test('voters never load the console’s code or styles', async () => {
    const voter = await browser.newContext(DESKTOP);
    const p = await voter.newPage();
    const loaded: string[] = [];
    p.on('request', (r) => {
      if (r.resourceType() === 'script' || r.resourceType() === 'stylesheet') loaded.push(r.url());
    });
    await p.goto(`${server.baseUrl}/vote/${ID}`);
    await p.getByRole('heading', { level: 1 }).waitFor();
    assert.ok(loaded.some((u) => u.endsWith('.js')));
    assert.ok(!loaded.some((u) => /\/assets\/Console-/.test(u)), loaded.join('\n'));
    // The console's own page does load them (so the check above looks for the right names).
    const organiser = await voter.newPage();
    const consoleAssets: string[] = [];
    organiser.on('request', (r) => consoleAssets.push(r.url()));
    await organiser.goto(`${server.baseUrl}/console`);
    await heading(organiser, c.login.title).waitFor();
    assert.ok(
      consoleAssets.some((u) => /\/assets\/Console-[^/]*\.js$/.test(u)),
      consoleAssets.join('\n'),
    );
    assert.ok(
      consoleAssets.some((u) => /\/assets\/Console-[^/]*\.css$/.test(u)),
      consoleAssets.join('\n'),
    );
    await voter.close();
    assert.deepEqual(problems, []);
  });
});
