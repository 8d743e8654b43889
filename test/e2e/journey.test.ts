/**
 * The whole organiser journey in Chromium against a real server (SQLite, the local SMTP sink), as
 * GitHub issue #8 asks: the organiser logs into the console and creates a 2-of-3 election with three
 * candidates through the form; imports a 1 000-row membership roll (seeded, with planted duplicates),
 * confirms its columns, reads the audit, excludes a duplicate's copy and uses the roll; downloads the
 * voter list; sets the election up; the three trustees, each in a browser of their own, open the link
 * from their email and make the election key in the trustee console (key files downloaded); the
 * credential authority runs `psephos credentials generate` on the voter list and its public list is
 * uploaded; a practice election with one click — one member practises in the booth with the credential
 * from their email, and the practice runs to its (practice) result; the invitations go out, one per
 * member on the login list; voting opens and members vote on their phones with the link from their
 * invitation and the credential from the authority (more ballots from Node); the organiser closes and
 * tallies (each trustee is emailed the link to decrypt; one is reminded), two trustees decrypt with
 * their key files, and publishes. Then the public
 * results page, the verifier page and the command-line verifier must all agree with the votes cast.
 *
 * Only what a person would do with another tool happens in Node: the credential authority's command,
 * reading the inboxes (the sink), and the extra ballots. axe-core at the main states; screenshots in
 * test-artifacts/web/journey-*.png. Needs the built pages (PSEPHOS_WEB_DIST) and /usr/bin/chromium.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { api } from '../../src/cli/http-election.ts';
import { verifyFile } from '../../src/cli/verify.ts';
import { practiceMail } from '../../src/server/console/mail.ts';
import { en as mailEn } from '../../src/server/messages/en.ts';
import { hashPassword } from '../../src/server/passwords.ts';
import { en } from '../../src/web/i18n/en.ts';
import { en as verifierEn } from '../../src/web/verifier/messages.ts';
import { GENERATED_RULES, generateRoll } from '../fixtures/roll-generator.ts';
import { type Issued, issueCredentials } from '../server/members-fixtures.ts';
import { confirmStep, openKey } from '../support/console-pages.ts';
import { TRUSTEE_LINK, trusteeLinks } from '../support/console-trustees.ts';
import type { ParsedMessage } from '../support/smtp-sink.ts';
import { ballotElectionOf, castBallot } from '../support/voting.ts';
import {
  assertAccessible,
  group,
  launchChromium,
  openPage,
  requireBuild,
  screenshot,
  startWebServer,
  type WebServer,
} from '../web/fixtures.ts';
import { linkIn, mailAfter, mailsAfter, onServer } from './mail.ts';
import {
  askForLogin,
  castInBooth,
  heading,
  makeKey,
  type TrusteeBrowser,
  takeStep,
  trusteeBrowser,
} from './people.ts';

requireBuild();

const c = en.console;
const f = c.form;
const d = c.dashboard;
const r = en.roll;
const v = en.invitations;
const T = en.trustee;
const V = verifierEn.verifierPage;

const ID = 'leader-2026';
const TITLE = 'Leadership election 2026';
const QUESTION = 'Who should lead the party?';
const CANDIDATES = ['Ada Lovelace', 'Ben Jones', 'Cy Evans'];
const CLERK = 'membership-secretary';
const PASSWORD = 'a long and private passphrase';
const TRUSTEES = [
  { name: 'Returning officer', email: 'ro@example.org', passphrase: 'the returning officer’s passphrase' },
  { name: 'Ada’s agent', email: 'agent@example.org', passphrase: 'an agent keeps this one to herself' },
  {
    name: 'Independent scrutineer',
    email: 'scrutineer@example.org',
    passphrase: 'scrutiny needs long words',
  },
];
/** The roll: 1 000 rows of a seeded generator (945 clean-looking members and planted problems). */
const ROLL = { members: 945, seed: 2026, rows: 1000 };
/** Who votes in the booth (by place on the voter list), and for whom. */
const BOOTH_VOTES = [0, 0, 1, 2];
/** Ballots cast from Node by the next members on the list (candidate indices). */
const NODE_VOTES = [0, 1, 0, 2, 1, 0, 0, 1, 2, 0, 1, 0];
const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'en-GB', acceptDownloads: true };
const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'en-GB',
};

let server: WebServer;
let browser: Browser;
let page: Page;
let dir: string;
let problems: string[] = [];
const started = Date.now();

/** The login list as the credential authority received it: member id, email, name. */
let voters: { member_id: string; email: string; name: string }[] = [];
let votersCsv = '';
let issued: Issued;
const trustees: TrusteeBrowser[] = [];
const dashboard = () => `${server.baseUrl}/console/${ID}`;
const n = (value: number) => value.toLocaleString('en-GB');

/** Saves what the organiser's page downloads when `click` runs; the file's name and text. */
async function download(click: () => Promise<void>): Promise<{ name: string; path: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path, text: readFileSync(path, 'utf8') };
}

/** A member's own phone: a new browser context, its page's problems watched. */
const phone = () => openPage(browser, PHONE);

/** The date-and-time field's value `days` from now, in local time. */
function local(days: number): string {
  const t = new Date(Date.now() + days * 86_400_000);
  const p2 = (x: number) => String(x).padStart(2, '0');
  return `${t.getFullYear()}-${p2(t.getMonth() + 1)}-${p2(t.getDate())}T${p2(t.getHours())}:${p2(t.getMinutes())}`;
}

/**
 * Clicks the form's "Next" and waits for the step headed `step`; if the form refuses instead, fails
 * with what it said (and a screenshot), so a refusal reads as one rather than as a timeout.
 */
async function nextStep(p: Page, step: string): Promise<void> {
  await p.getByRole('button', { name: f.next }).click();
  const shown = p.getByRole('heading', { level: 2, name: step });
  const refused = p.getByRole('alert');
  // Whichever comes first; the other wait is left to time out quietly.
  const quietly = (wait: Promise<void>) => wait.catch(() => undefined);
  await Promise.race([quietly(shown.waitFor()), quietly(refused.first().waitFor())]);
  const arrived = await shown.waitFor({ timeout: 2_000 }).then(
    () => true,
    () => false,
  );
  if (arrived) return;
  await screenshot(p, `journey-refused-${step.replaceAll(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
  assert.fail(`the form refused to go on to "${step}": ${(await refused.allInnerTexts()).join(' | ')}`);
}

/** A results table's votes by candidate, read from the table named `caption`. */
async function votesIn(p: Page, caption: string, names: readonly string[]): Promise<number[]> {
  const table = p.getByRole('table', { name: caption });
  const votes: number[] = [];
  for (const name of names) {
    const row = table
      .getByRole('row')
      .filter({ has: p.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
    votes.push(Number(await row.getByRole('cell').first().textContent()));
  }
  return votes;
}

/** The counts the votes cast must give, candidate by candidate. */
function expectedCounts(): number[] {
  const counts = CANDIDATES.map(() => 0);
  for (const choice of [...BOOTH_VOTES, ...NODE_VOTES]) counts[choice]!++;
  return counts;
}

/** Two email addresses are the same mailbox (the domain and, in practice, the local part ignore case). */
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The invitation of a member on the login list. */
const isInvitation = (m: ParsedMessage) => m.subject === mailEn.members.invitation.subject(TITLE);
let invitations: ParsedMessage[] = [];
const invitationOf = (email: string) => {
  const mail = invitations.find((m) => same(m.to, email));
  assert.ok(mail, `${email} has an invitation`);
  return mail;
};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'psephos-journey-'));
  server = await startWebServer();
  await server.store.setAdmin(CLERK, await hashPassword(PASSWORD));
  browser = await launchChromium();
  const opened = await openPage(browser, DESKTOP);
  page = opened.page;
  problems = opened.problems;
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the organiser journey (issue #8)', () => {
  test('the organiser logs in and creates a 2-of-3 election with three candidates through the form', async () => {
    await page.goto(`${server.baseUrl}/console`);
    await heading(page, c.login.title).waitFor();
    await assertAccessible(page, 'the console login');
    await page.getByLabel(c.login.username).fill(CLERK);
    await page.getByLabel(c.login.password).fill(PASSWORD);
    await page.getByRole('button', { name: c.login.submit }).click();
    await heading(page, c.list.title).waitFor();

    await page.getByRole('link', { name: c.list.new }).first().click();
    await heading(page, f.newTitle).waitFor();
    await page.getByLabel(f.title, { exact: true }).fill(TITLE);
    await page.getByLabel(f.id, { exact: true }).fill(ID);
    await nextStep(page, f.steps.questions);
    await page.getByLabel(f.questionTitle, { exact: true }).fill(QUESTION);
    await page.getByLabel(f.candidateName(1)).fill(CANDIDATES[0]!);
    await page.getByLabel(f.candidateName(2)).fill(CANDIDATES[1]!);
    await page.getByRole('button', { name: f.addCandidate }).click();
    await page.getByLabel(f.candidateName(3)).fill(CANDIDATES[2]!);
    await nextStep(page, f.steps.voting);

    // Voting from tomorrow for a week; the eligibility rules the roll will be checked against.
    await page.getByLabel(f.opensAt, { exact: true }).fill(local(1));
    await page.getByLabel(f.closesAt, { exact: true }).fill(local(8));
    await page.getByLabel(f.eligibility, { exact: true }).check();
    await page.getByLabel(f.joinedOnOrBefore, { exact: true }).fill(GENERATED_RULES.joinedOnOrBefore!);
    await page.getByLabel(f.duesPaid, { exact: true }).check();
    await page.getByLabel(f.residency, { exact: true }).fill('GB');
    await page.getByLabel(f.excludeSuspended, { exact: true }).check();
    await nextStep(page, f.steps.trustees);
    for (const added of [1, 2]) {
      await page.getByRole('button', { name: f.addTrustee }).click();
      // The form moves the focus to the new trustee's name at the next frame; typing before that move
      // would be overtaken by it (as it would be for a person typing that fast).
      await page.waitForFunction((id) => document.activeElement?.id === id, `f-t${added}-name`);
    }
    for (const [k, trustee] of TRUSTEES.entries()) {
      const fields = page.getByRole('group', { name: f.trusteeLegend(k + 1) });
      await fields.getByLabel(f.trusteeName, { exact: true }).fill(trustee.name);
      await fields.getByLabel(f.trusteeEmail, { exact: true }).fill(trustee.email);
    }
    await page.getByLabel(f.threshold, { exact: true }).fill('2');
    await nextStep(page, f.steps.check);
    await assertAccessible(page, 'the form, checked before saving');
    await page.getByRole('button', { name: f.save }).click();
    await heading(page, TITLE).waitFor();
    assert.equal(new URL(page.url()).pathname, `/console/${ID}`);
    await page.getByText(c.status.draft, { exact: true }).waitFor();
    await screenshot(page, 'journey-01-draft');
  });

  test('the roll: 1 000 rows uploaded, columns and rules confirmed, the audit, a duplicate excluded, the roll used, the voter list downloaded', async () => {
    const roll = generateRoll(join(dir, 'members.csv'), ROLL);
    assert.equal(roll.rows, ROLL.rows);
    assert.ok(roll.planted.some((p) => p.kind === 'duplicate'));

    await page.getByRole('link', { name: d.roll }).click();
    await heading(page, r.title).waitFor();
    await page.getByLabel(r.upload.label).setInputFiles(roll.path);
    await page.getByRole('button', { name: r.upload.button, exact: true }).click();
    await page.getByRole('heading', { level: 2, name: r.read.title }).waitFor();
    // The columns found by their names, the rules from the election's definition.
    assert.equal(await page.getByLabel(r.map.fields.memberId).inputValue(), 'Membership Number');
    assert.equal(await page.getByLabel(r.map.fields.email).inputValue(), 'Email Address');
    assert.equal(await page.getByLabel(r.map.fields.joinDate).inputValue(), 'Date Joined');
    assert.equal(
      await page.getByLabel(r.map.rules.joinedOnOrBefore).inputValue(),
      GENERATED_RULES.joinedOnOrBefore,
    );
    assert.equal(await page.getByLabel(r.map.rules.duesPaid).isChecked(), true);
    await page.getByRole('button', { name: r.map.check }).click();

    await page.getByRole('heading', { level: 2, name: r.audit.title }).waitFor({ timeout: 60_000 });
    const audit = page.getByRole('region', { name: r.audit.title });
    assert.equal(await audit.getByRole('definition').first().textContent(), n(ROLL.rows), 'every row read');
    const duplicates = page.getByRole('region', { name: /^Possible duplicates \(\d+\)$/ });
    await duplicates.waitFor();
    await assertAccessible(page, 'the roll audit');
    await screenshot(page, 'journey-02-audit');

    // The first possible duplicate: the same member twice; its copy is excluded.
    const finding = duplicates.getByRole('article').first();
    const named = await finding
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.querySelectorAll('td')[1]!.textContent ?? ''));
    assert.ok(named.length >= 2, `a duplicate names two members or more (${named.join(', ')})`);
    await finding.getByRole('radio', { name: /Exclude the copies/ }).check();
    await finding.getByLabel(r.audit.noteLabel).fill('The same member twice: checked with the branch');
    await finding.getByRole('button', { name: r.audit.save }).click();
    await finding.getByText(r.audit.saved).waitFor();
    await finding.getByText(r.audit.statusExcluded, { exact: true }).waitFor();

    const use = page.getByRole('button', { name: /^Use this roll \([\d,]+ members\)$/ });
    const planned = Number(
      /\(([\d,]+) members\)/.exec((await use.textContent()) ?? '')![1]!.replace(/,/g, ''),
    );
    assert.ok(planned > 0 && planned < ROLL.rows, `the login list leaves out the ineligible (${planned})`);
    await use.click();
    await page.getByRole('heading', { level: 2, name: r.handOff.title }).waitFor();
    await page.getByText(r.handOff.setUpFirst).waitFor();

    const list = await download(() =>
      page.getByRole('link', { name: r.handOff.downloadButton(n(planned)) }).click(),
    );
    assert.equal(list.name, `voters-${ID}.csv`);
    votersCsv = list.text;
    voters = parse(votersCsv, { columns: true, skip_empty_lines: true });
    assert.deepEqual(Object.keys(voters[0]!), ['member_id', 'email', 'name']);
    assert.equal(voters.length, planned);
    const ids = new Set(voters.map((x) => x.member_id));
    for (const copy of named.slice(1)) assert.ok(!ids.has(copy), `the excluded copy ${copy} is not listed`);
    await assertAccessible(page, 'the roll used, the hand-off');
    await screenshot(page, 'journey-03-hand-off');
  });

  test('setup: the three trustees make the election key in their own browsers, from their emailed links', async (t) => {
    const stepStarted = Date.now();
    await page.goto(dashboard());
    await heading(page, TITLE).waitFor();
    const mark = server.sink.messages.length;
    await confirmStep(page, c.steps.setup, 'setup');
    await page.getByRole('status').getByText(c.steps.setup.done).waitFor();
    const links = await trusteeLinks(server.sink, ID, 3, mark);
    assert.deepEqual(
      links.map((l) => l.to),
      TRUSTEES.map((x) => x.email),
    );

    // Each trustee on their own browser, with the link from their own email.
    for (const link of links) {
      const trusteeDir = join(dir, `trustee-${link.trustee}`);
      mkdirSync(trusteeDir);
      const address = onServer(server.baseUrl, linkIn(link.mail, TRUSTEE_LINK));
      trustees.push(await trusteeBrowser(browser, address, link.trustee, trusteeDir));
    }
    for (const [k, trustee] of trustees.entries()) {
      if (k === 0) await assertAccessible(trustee.page, 'the trustee console: make a key');
      await makeKey(trustee, TRUSTEES[k]!.passphrase, ID);
    }
    for (const trustee of trustees)
      await takeStep(trustee, ID, T.deal, [T.waitDealings.title, T.check.title]);
    for (const trustee of trustees) await takeStep(trustee, ID, T.check, [T.waitTally.title]);
    await trustees[0]!.page.getByText(T.check.valid(T.trustees([2, 3]), 2)).waitFor();
    await assertAccessible(trustees[0]!.page, 'the trustee console: the ceremony done');
    await screenshot(trustees[0]!.page, 'journey-04-trustee-done');

    // The dashboard follows by itself; the organiser finishes the ceremony.
    await page.getByRole('button', { name: c.steps.finish.button }).waitFor({ timeout: 15_000 });
    await confirmStep(page, c.steps.finish, 'finishing the ceremony');
    await page.getByRole('status').getByText(c.steps.finish.done).waitFor();
    await page.getByText(d.waitElectorate).waitFor();
    for (const trustee of trustees) {
      assert.equal(trustee.keyFiles.length, 3, 'three key files: the key, the dealing, the checked shares');
      assert.deepEqual(trustee.problems, []);
      await trustee.context.close();
    }
    t.diagnostic(`setup and the key ceremony in three browsers: ${Date.now() - stepStarted} ms`);
  });

  test('the credential authority issues credentials from the voter list, offline; its public list publishes the electorate', async (t) => {
    const stepStarted = Date.now();
    issued = await issueCredentials(ID, votersCsv);
    assert.equal(issued.credentials.size, voters.length);
    t.diagnostic(`psephos credentials generate for ${voters.length} members: ${Date.now() - stepStarted} ms`);

    await page.getByRole('link', { name: d.toRoll }).click();
    await page.getByRole('heading', { level: 2, name: r.handOff.title }).waitFor();
    await page.getByLabel(r.handOff.fileLabel).setInputFiles({
      name: 'public-credentials.json',
      mimeType: 'application/json',
      buffer: Buffer.from(issued.publicJson),
    });
    await page.getByRole('button', { name: r.handOff.publish }).click();
    await page.getByText(r.handOff.published(n(voters.length), n(voters.length))).waitFor();
    await page.goto(dashboard());
    await page.getByText(c.status.ready, { exact: true }).waitFor();
    await page.getByText(d.electorate(voters.length, voters.length)).waitFor();
    await assertAccessible(page, 'the dashboard of an election ready to open');
    await screenshot(page, 'journey-05-ready');
  });

  test('a practice election with one click: its emails, a practice vote in the booth, its practice result', async () => {
    const mark = server.sink.messages.length;
    await page.getByRole('button', { name: d.practiceButton }).click();
    await page
      .getByRole('dialog', { name: d.practiceTitle })
      .getByText(d.practiceText(voters.length))
      .waitFor();
    await page.getByRole('dialog').getByRole('button', { name: d.practiceButton }).click();
    await page.getByRole('status').getByText(d.practiceDone).waitFor({ timeout: 60_000 });

    const subject = practiceMail('en', {
      electionTitle: `Practice: ${TITLE}`,
      boothLink: 'https://x',
      credential: '',
    }).subject;
    const practice = await mailsAfter(server.sink, mark, (m) => m.subject === subject, voters.length);
    assert.equal(practice.length, voters.length, 'one practice email per member on the login list');
    assert.deepEqual(
      practice.map((m) => m.to.toLowerCase()).sort(),
      voters.map((x) => x.email.toLowerCase()).sort(),
    );

    // One member practises: the booth's address and the credential from the email.
    const member = voters[0]!;
    const mail = practice.find((m) => same(m.to, member.email))!;
    const booth = onServer(server.baseUrl, linkIn(mail, /https?:\/\/\S+\/vote\/[a-z0-9-]+/));
    const credential = /vote1(?: [a-z0-9]{1,4})+/.exec(mail.text)?.[0];
    assert.ok(credential, 'the practice email has the practice credential');
    const m = await phone();
    await m.page.goto(booth);
    const loginMark = server.sink.messages.length;
    await askForLogin(m.page, member.email);
    const login = await mailAfter(
      server.sink,
      loginMark,
      (x) => same(x.to, member.email) && x.subject === mailEn.login.subject(`Practice: ${TITLE}`),
    );
    await m.page.goto(onServer(server.baseUrl, linkIn(login)));
    await castInBooth(m.page, credential, 'Summer');
    await assertAccessible(m.page, 'the practice receipt');
    await screenshot(m.page, 'journey-06-practice-receipt');
    assert.deepEqual(m.problems, []);
    await m.context.close();

    // The practice runs to its result with the dashboard's buttons.
    await page.getByRole('link', { name: d.practiceOpen(c.status.open) }).click();
    await heading(page, `Practice: ${TITLE}`).waitFor();
    await page.getByText(d.practiceBanner).waitFor();
    await confirmStep(page, c.steps.close, 'closing the practice');
    await page.getByRole('status').getByText(c.steps.close.done).waitFor();
    await confirmStep(page, c.steps.tally, 'the practice tally');
    await page.getByRole('status').getByText(c.steps.tally.done).waitFor();
    await confirmStep(page, c.steps['practice-publish'], 'the practice result');
    await page.getByRole('status').getByText(c.steps['practice-publish'].done).waitFor();
    await page.getByRole('heading', { name: d.practiceResultTitle }).waitFor();

    await page.goto(`${server.baseUrl}/elections/${ID}-practice/results`);
    await heading(page, en.results.title).waitFor();
    await page.getByTestId('practice').getByText(en.results.practice).waitFor();
    const seasons = ['Spring', 'Summer', 'Autumn', 'Winter'];
    assert.deepEqual(
      await votesIn(page, en.results.caption('Practice: pick your favourite season'), seasons),
      [0, 1, 0, 0],
    );
    await assertAccessible(page, 'the practice results');
    await screenshot(page, 'journey-07-practice-results');
  });

  test('invitations: one email per member on the login list, with their own login link', async () => {
    await page.goto(dashboard());
    await heading(page, TITLE).waitFor();
    await page.getByRole('link', { name: d.invitations }).click();
    await heading(page, v.title).waitFor();
    const mark = server.sink.messages.length;
    await page.getByRole('button', { name: v.compose.sendInvitations(n(voters.length)) }).click();
    await page.getByText(v.result.invite(n(voters.length), '0')).waitFor({ timeout: 90_000 });
    await assertAccessible(page, 'the invitations sent');
    await screenshot(page, 'journey-08-invitations');

    invitations = await mailsAfter(server.sink, mark, isInvitation, voters.length);
    assert.equal(invitations.length, voters.length, 'exactly one invitation per member on the login list');
    assert.deepEqual(
      invitations.map((m) => m.to.toLowerCase()).sort(),
      voters.map((x) => x.email.toLowerCase()).sort(),
    );
    const tokens = new Set(invitations.map((m) => linkIn(m).split('#')[1]));
    assert.equal(tokens.size, voters.length, 'each member has a link of their own');
  });

  test('voting opens; members vote on their phones with their invitation and credential (more from Node)', async (t) => {
    await page.goto(dashboard());
    await heading(page, TITLE).waitFor();
    await confirmStep(page, c.steps.open, 'opening');
    await page.getByRole('status').getByText(c.steps.open.done).waitFor();

    for (const [k, choice] of BOOTH_VOTES.entries()) {
      const member = voters[k]!;
      const m = await phone();
      await m.page.goto(onServer(server.baseUrl, linkIn(invitationOf(member.email))));
      const credential = issued.credentials.get(member.member_id);
      assert.ok(credential, `the authority issued ${member.member_id} a credential`);
      if (k === 0) await assertAccessible(m.page, 'the booth: the credential, from an invitation');
      const before = Date.now();
      await castInBooth(m.page, credential, CANDIDATES[choice]!);
      t.diagnostic(`member ${k + 1} in the booth: ${Date.now() - before} ms`);
      if (k === 0) {
        await assertAccessible(m.page, 'the booth: the receipt');
        await screenshot(m.page, 'journey-09-booth-receipt');
      }
      assert.deepEqual(m.problems, []);
      await m.context.close();
    }

    // The next members vote from Node, each logging in with their invitation's link.
    const election = await ballotElectionOf(server.baseUrl, group, ID);
    for (const [k, choice] of NODE_VOTES.entries()) {
      const member = voters[BOOTH_VOTES.length + k]!;
      const { token } = await api<{ token: string }>(
        server.baseUrl,
        'POST',
        `/api/elections/${ID}/login/verify`,
        undefined,
        { token: linkIn(invitationOf(member.email)).split('#')[1] },
      );
      const credential = issued.credentials.get(member.member_id)!;
      await castBallot(server.baseUrl, group, ID, token, election, credential, [[choice]]);
    }
    const cast = BOOTH_VOTES.length + NODE_VOTES.length;
    const state = await api<{ ballots: { cast: number } }>(server.baseUrl, 'GET', `/api/elections/${ID}`);
    assert.equal(state.ballots.cast, cast);
  });

  test('close and tally: the trustees emailed, one reminded; two decrypt with their key files; publish', async () => {
    const cast = BOOTH_VOTES.length + NODE_VOTES.length;
    await page.goto(dashboard());
    await heading(page, TITLE).waitFor();
    const share = Math.round((1000 * cast) / voters.length) / 10;
    await page.getByText(c.turnout.counted(cast, voters.length, share)).waitFor();
    await confirmStep(page, c.steps.close, 'closing');
    await page.getByRole('status').getByText(c.steps.close.done).waitFor();
    const called = server.sink.messages.length;
    await confirmStep(page, c.steps.tally, 'the tally');
    await page.getByRole('status').getByText(c.steps.tally.done).waitFor();
    await page.getByText(d.waitShares(0, 2)).waitFor();

    for (const trustee of trustees.slice(0, 2)) {
      const who = TRUSTEES[trustee.trustee - 1]!;
      // Every trustee was emailed when the totals were published; trustee 2 asks for the link again.
      let mark = called;
      if (trustee.trustee === 2) {
        mark = server.sink.messages.length;
        await page.getByRole('button', { name: d.remind(who.name) }).click();
        await page
          .getByRole('dialog', { name: d.remindTitle(who.name) })
          .getByRole('button', { name: d.remindButton })
          .click();
        await page.getByRole('status').getByText(d.reminded(who.name, who.email)).waitFor();
      }
      const subject = trustee.trustee === 2 ? /^Reminder: Decrypting the result/ : /^Decrypting the result/;
      const mail = await mailAfter(
        server.sink,
        mark,
        (m) => same(m.to, who.email) && subject.test(m.subject),
      );
      const link = onServer(server.baseUrl, linkIn(mail, TRUSTEE_LINK));
      // Another day, the same trustee: a new browser, the newest key file from their folder.
      const again = await trusteeBrowser(browser, link, trustee.trustee, trustee.dir, trustee.keyFiles);
      await heading(again.page, T.openKey.title).waitFor();
      await openKey(again.page, T, trustee.keyFiles.at(-1)!, who.passphrase);
      await heading(again.page, T.decrypt.title).waitFor({ timeout: 30_000 });
      if (trustee.trustee === 1) await assertAccessible(again.page, 'the trustee console: decrypt');
      await again.page.getByRole('button', { name: T.decrypt.button }).click();
      await heading(again.page, T.done.title).waitFor({ timeout: 30_000 });
      if (trustee.trustee === 1) await screenshot(again.page, 'journey-10-trustee-decrypted');
      assert.deepEqual(again.problems, []);
      await again.context.close();
    }

    await page.getByRole('button', { name: c.steps.publish.button }).waitFor({ timeout: 15_000 });
    await confirmStep(page, c.steps.publish, 'publishing');
    await page.getByRole('status').getByText(c.steps.publish.done).waitFor();
    assert.deepEqual(await votesIn(page, QUESTION, CANDIDATES), expectedCounts());
    await assertAccessible(page, 'the dashboard of the published election');
    await screenshot(page, 'journey-11-published');
  });

  test('the public results, the verifier page and the command-line verifier all agree with the votes cast', async (t) => {
    const counts = expectedCounts();
    const cast = BOOTH_VOTES.length + NODE_VOTES.length;
    await page.goto(`${server.baseUrl}/elections/${ID}/results`);
    await heading(page, en.results.title).waitFor();
    assert.deepEqual(await votesIn(page, en.results.caption(QUESTION), CANDIDATES), counts);
    assert.match(
      (await page.getByTestId('turnout').textContent()) ?? '',
      new RegExp(`^${cast} of ${voters.length} `),
    );
    assert.equal(await page.getByTestId('practice').count(), 0, 'the real result is not marked practice');
    await assertAccessible(page, 'the results page');
    await screenshot(page, 'journey-12-results');

    // The verifier page, as an observer opens it from the results page.
    await page.getByRole('link', { name: en.results.verify }).click();
    await page.getByText(V.electionIntro(TITLE)).waitFor();
    assert.equal(new URL(page.url()).search, `?election=${ID}`);
    const verifyStarted = Date.now();
    await page.getByRole('button', { name: V.fetchButton }).click();
    const done = page.getByTestId('verify-done');
    await done.waitFor({ timeout: 60_000 });
    t.diagnostic(`the verifier page: ${Date.now() - verifyStarted} ms`);
    assert.equal(await done.getAttribute('data-ok'), 'true');
    assert.equal(await page.getByTestId('verdict').getByRole('heading').textContent(), V.okTitle);
    const shown = await page
      .getByTestId('result-table')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Number(tr.querySelector('td')!.textContent)));
    assert.deepEqual(shown.slice(0, CANDIDATES.length), counts);
    await assertAccessible(page, 'the verifier page, the record checked');
    await screenshot(page, 'journey-13-verifier');

    // The same record, saved from the page, checked by the command line's verifier.
    const record = await download(() => page.getByRole('button', { name: V.saveRecord }).click());
    assert.equal(record.name, `${ID}.psephos.jsonl`);
    const report = await verifyFile(record.path, { workers: 1, backend: 'sodium' });
    assert.equal(report.ok, true, JSON.stringify(report.failure));
    assert.equal(report.phase, 'published');
    assert.equal(report.counts.ballots, cast);
    assert.deepEqual(
      report.result!.questions[0]!.candidates.map((x) => [x.name, x.votes]),
      CANDIDATES.map((name, i) => [name, counts[i]]),
    );
    assert.deepEqual(problems, []);
    t.diagnostic(`the whole journey: ${Date.now() - started} ms`);
  });
});
