/**
 * The console's membership roll and invitations pages in Chromium against a real server (SQLite, the
 * SMTP sink refusing chosen addresses), as a membership secretary uses them: a file over the limit
 * refused before it is sent; a roll with row errors refused with its lines; a generated roll uploaded
 * (encoding, delimiter, first rows), its columns and rules, its check with progress, the audit and a
 * decision, the full report downloaded; the roll used, the voter list downloaded and read by the
 * credential authority's own command, a wrong public list refused and the right one publishing the
 * electorate; then the invitations: a bilingual paragraph, the preview, sending with progress, the
 * failure report, a retry and a resend to one member — whose new link logs in. axe-core on every state,
 * a 320 px phone, Welsh, no page error. Screenshots in test-artifacts/web/.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { api } from '../../src/cli/http-election.ts';
import { hashPassword } from '../../src/server/passwords.ts';
import { cy } from '../../src/web/i18n/cy.ts';
import { en } from '../../src/web/i18n/en.ts';
import { GENERATED_RULES, generateRoll } from '../fixtures/roll-generator.ts';
import { createDraft, issueCredentials, setUpWithOneTrustee } from '../server/members-fixtures.ts';
import {
  assertAccessible,
  launchChromium,
  requireBuild,
  screenshot,
  startWebServer,
  type WebServer,
  watchProblems,
} from './fixtures.ts';

requireBuild();

const r = en.roll;
const v = en.invitations;
const ID = 'members-2026';
const CLERK = 'membership-secretary';
const PASSWORD = 'a long and private passphrase';
const DESKTOP = { viewport: { width: 1024, height: 900 }, acceptDownloads: true };

let server: WebServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let dir: string;
let rollPath: string;
let votersCsv: string;
const problems: string[] = [];

const heading = (p: Page, name: string | RegExp, level = 1) => p.getByRole('heading', { level, name });

/** Page errors and console errors (a refused upload or a 4xx answer, logged as a failed resource, aside). */
const watch = (p: Page) => watchProblems(p, problems);

/** The text of a download the page offers when `click` runs. */
async function download(click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(dir, `download-${Date.now()}`);
  await file.saveAs(path);
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

before(async () => {
  server = await startWebServer();
  await server.store.setAdmin(CLERK, await hashPassword(PASSWORD));
  await createDraft(server, ID, {
    title: 'Leadership election 2026',
    eligibility: GENERATED_RULES as unknown as Record<string, unknown>,
  });
  dir = mkdtempSync(join(tmpdir(), 'psephos-members-web-'));
  rollPath = generateRoll(join(dir, 'members.csv'), { members: 150, seed: 11 }).path;
  browser = await launchChromium();
  context = await browser.newContext(DESKTOP);
  page = await context.newPage();
  watch(page);
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the membership roll page', () => {
  test('log in; the page says the file limit before anything is sent, and refuses a file over it', async () => {
    await page.goto(`${server.baseUrl}/console/${ID}/roll`);
    await page.getByLabel(en.console.login.username).fill(CLERK);
    await page.getByLabel(en.console.login.password).fill(PASSWORD);
    await page.getByRole('button', { name: en.console.login.submit }).click();
    await heading(page, r.title).waitFor();
    await page.getByText(r.upload.limit(40)).waitFor();
    await assertAccessible(page, 'the roll page, empty');
    await screenshot(page, 'members-01-roll-empty');

    const big = join(dir, 'too-big.csv');
    writeFileSync(big, Buffer.alloc(41 * 1024 * 1024, 'a,b\n'));
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/roll/file')) sent.push(request.url());
    });
    await page.getByLabel(r.upload.label).setInputFiles(big);
    await page.getByRole('button', { name: r.upload.button, exact: true }).click();
    await page.getByRole('alert').getByText(r.upload.tooLarge('41.0 MB', 40)).waitFor();
    assert.deepEqual(sent, [], 'nothing was sent');
    await assertAccessible(page, 'a file over the limit');
    await screenshot(page, 'members-02-too-large');
  });

  test('a column chosen by hand; a roll with row errors is refused with every line, nothing imported', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      [
        'Ref,name,email,join date,dues,country,date of birth',
        'B1,Ann,ann@example.org,2020-01-01,paid,GB,1980-01-01',
        'B2,Bo,bo@example.org,31/02/2020,paid,GB,1980-01-01',
        'B1,Cy,cy@example.org,2021-01-01,paid,GB,1980-01-01',
        '',
      ].join('\n'),
    );
    await page.getByLabel(r.upload.label).setInputFiles(bad);
    await page.getByRole('button', { name: r.upload.button, exact: true }).click();
    await heading(page, r.read.title, 2).waitFor();
    await page.getByRole('cell', { name: 'ann@example.org' }).waitFor();
    // "Ref" is no usual name for member ids: the organiser chooses the column.
    assert.equal(await page.getByLabel(r.map.fields.memberId).inputValue(), '');
    await page.getByRole('button', { name: r.map.check }).click();
    await page.getByText(r.map.missing(r.map.fields.memberId)).waitFor();
    await assertAccessible(page, 'a needed column not chosen');
    await page.getByLabel(r.map.fields.memberId).selectOption('Ref');
    await page.getByRole('button', { name: r.map.check }).click();
    const refusal = page.getByRole('alert').filter({ hasText: r.check.refused });
    await refusal.waitFor();
    await refusal.getByRole('cell', { name: '3', exact: true }).waitFor();
    await refusal.getByRole('cell', { name: '4', exact: true }).waitFor();
    await refusal.getByText(r.check.nothingImported).waitFor();
    await assertAccessible(page, 'a roll refused with its row errors');
    await screenshot(page, 'members-03-row-errors');
  });

  test('upload the roll: encoding, delimiter and first rows; the columns found and the definition’s rules', async () => {
    await page.getByLabel(r.upload.labelAgain).setInputFiles(rollPath);
    await page.getByRole('button', { name: r.upload.button, exact: true }).click();
    await page.getByText(r.upload.current('members.csv', '', '').split(' (')[0]!).waitFor();
    await page.getByText(r.read.encodings['utf-8'], { exact: true }).waitFor();
    await page.getByText(r.read.delimiters[','], { exact: true }).waitFor();
    await page.getByRole('columnheader', { name: 'Membership Number' }).waitFor();
    assert.equal(await page.getByLabel(r.map.fields.memberId).inputValue(), 'Membership Number');
    assert.equal(await page.getByLabel(r.map.fields.joinDate).inputValue(), 'Date Joined');
    assert.equal(
      await page.getByLabel(r.map.rules.joinedOnOrBefore).inputValue(),
      GENERATED_RULES.joinedOnOrBefore,
    );
    assert.equal(await page.getByLabel(r.map.rules.duesPaid).isChecked(), true);
    await assertAccessible(page, 'the roll read, columns and rules');
    await screenshot(page, 'members-04-read');
  });

  test('check the roll: progress, then the audit with its findings; decide one; download the report', async () => {
    await page.getByRole('button', { name: r.map.check }).click();
    await heading(page, r.audit.title, 2).waitFor({ timeout: 30_000 });
    const audit = page.getByRole('region', { name: r.audit.title });
    const open = Number(await audit.getByRole('definition').nth(5).textContent());
    await heading(page, /^Possible duplicates \(\d+\)$/, 4).waitFor();
    await assertAccessible(page, 'the audit');
    await screenshot(page, 'members-05-audit');

    const finding = page.getByRole('article').first();
    await finding.getByRole('radio', { name: /Exclude the copies/ }).check();
    await finding.getByLabel(r.audit.noteLabel).fill('The same member twice: <checked> with the branch');
    await finding.getByRole('button', { name: r.audit.save }).click();
    await finding.getByText(r.audit.saved).waitFor();
    await finding.getByText(r.audit.statusExcluded, { exact: true }).waitFor();
    await audit
      .getByRole('definition')
      .nth(5)
      .getByText(String(open - 1), { exact: true })
      .waitFor();
    await assertAccessible(page, 'a decision saved');

    const report = await download(() => page.getByRole('link', { name: r.audit.reportHtml }).click());
    assert.equal(report.name, `roll-audit-${ID}.html`);
    assert.match(report.text, /Roll audit: members\.csv/);
    assert.ok(report.text.includes('&lt;checked&gt;'), 'the note is escaped in the report');
  });

  test('use the roll; download the voter list; a wrong public list is refused, the right one publishes', async () => {
    const button = page.getByRole('button', { name: /^Use this roll \(\d+ members\)$/ });
    const planned = Number(/\((\d+) members\)/.exec((await button.textContent()) ?? '')?.[1]);
    await button.click();
    await heading(page, r.handOff.title, 2).waitFor();
    await page.getByText(r.handOff.never).waitFor();
    await page.getByText(r.handOff.commitment).waitFor();
    await page.getByText(`psephos credentials generate --election ${ID}`).waitFor();
    await assertAccessible(page, 'the roll used, the credential authority’s hand-off');
    await screenshot(page, 'members-06-hand-off');

    const list = await download(() =>
      page.getByRole('link', { name: r.handOff.downloadButton(String(planned)) }).click(),
    );
    assert.equal(list.name, `voters-${ID}.csv`);
    const lines = list.text.trim().split('\n');
    assert.equal(lines[0], 'member_id,email,name');
    assert.equal(lines.length, planned + 1);
    votersCsv = list.text;

    // The credential authority's command, on "its own machine"; then the trustee's ceremony.
    const issued = await issueCredentials(ID, votersCsv);
    await setUpWithOneTrustee(server, ID);
    await page.reload();
    await heading(page, r.handOff.title, 2).waitFor();
    const wrong = { ...issued.public, credentials: issued.public.credentials.slice(1) };
    const input = page.getByLabel(r.handOff.fileLabel);
    await input.setInputFiles({
      name: 'public-credentials.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(wrong)),
    });
    await page.getByRole('button', { name: r.handOff.publish }).click();
    await page
      .getByRole('alert')
      .getByText(r.handOff.wrongCount(String(planned - 1), String(planned)))
      .waitFor();
    await assertAccessible(page, 'a public list of the wrong length');
    await input.setInputFiles({
      name: 'public-credentials.json',
      mimeType: 'application/json',
      buffer: Buffer.from(issued.publicJson),
    });
    await page.getByRole('button', { name: r.handOff.publish }).click();
    await page.getByText(r.handOff.published(String(planned), String(planned))).waitFor();
    await assertAccessible(page, 'the electorate published');
    await screenshot(page, 'members-07-published');
    const election = await api<{ status: string; electorate: { credentials: number } }>(
      server.baseUrl,
      'GET',
      `/api/elections/${ID}`,
    );
    assert.deepEqual([election.status, election.electorate.credentials], ['ready', planned]);
  });
});

describe('the invitations page', () => {
  let refused: string[];

  test('write a bilingual paragraph, see the email, send with progress; failures are listed', async () => {
    const members = votersCsv
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    refused = [members[2]![1]!, members[5]![1]!];
    for (const address of refused) server.sink.rejected.add(address.toLowerCase());
    await page.getByRole('link', { name: r.handOff.next }).click();
    await heading(page, v.title).waitFor();
    await assertAccessible(page, 'the invitations page');

    await page.getByLabel(v.compose.languageChoice['cy-en']).check();
    await page.getByLabel(v.compose.introLabel.cy).fill('Annwyl aelod,\n\nMae’r bleidlais yn agor yn fuan.');
    await page
      .getByLabel(v.compose.introLabel.en)
      .fill('Dear member,\n\nVoting opens soon. <b>Not bold.</b>');
    await page.getByRole('button', { name: v.compose.preview }).click();
    const preview = page.getByRole('region', { name: v.compose.previewTitle });
    await preview.getByText(/Eich gwahoddiad i bleidleisio: .* \/ Your invitation to vote: /).waitFor();
    await preview.getByText(/Dear member,\s+Voting opens soon\. <b>Not bold\.<\/b>/).waitFor();
    await assertAccessible(page, 'the email previewed');
    await screenshot(page, 'members-08-preview');

    // The progress bar is caught as it appears (a small roll is sent in moments).
    await page.evaluate(() => {
      const seen = { progress: false };
      (globalThis as { __progress?: typeof seen }).__progress = seen;
      new MutationObserver(() => {
        if (document.querySelector('.members-progress progress')) seen.progress = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    const total = members.length;
    await page.getByRole('button', { name: v.compose.sendInvitations(String(total)) }).click();
    await page.getByText(v.result.invite(String(total - 2), '2')).waitFor({ timeout: 30_000 });
    assert.equal(
      await page.evaluate(() => (globalThis as { __progress?: { progress: boolean } }).__progress?.progress),
      true,
    );
    const failures = page.getByRole('table', { name: v.failures.caption });
    await failures.getByRole('cell', { name: refused[0]!, exact: true }).waitFor();
    await failures.getByRole('cell', { name: refused[1]!, exact: true }).waitFor();
    assert.equal(await failures.getByRole('cell', { name: /550|mailbox unavailable/ }).count(), 2);
    await assertAccessible(page, 'invitations sent, two failed');
    await screenshot(page, 'members-09-sent');
    const mail = await server.sink.waitFor((m) => m.to === members[0]![1]);
    assert.ok(mail.text.indexOf('Annwyl aelod') < mail.text.indexOf('Dear member'));
    assert.ok(mail.html.includes('&lt;b&gt;Not bold.&lt;/b&gt;'));
  });

  test('retry the failures: one mailbox fixed, the other still refusing; resend to one member, whose link works', async () => {
    server.sink.rejected.delete(refused[0]!.toLowerCase());
    await page.getByRole('button', { name: v.failures.retry('2') }).click();
    await page.getByText(v.result.retry('1', '1')).waitFor({ timeout: 30_000 });
    const failures = page.getByRole('table', { name: v.failures.caption });
    await failures.getByRole('cell', { name: refused[1]!, exact: true }).waitFor();
    assert.equal(await failures.getByRole('cell', { name: refused[0]!, exact: true }).count(), 0);
    await assertAccessible(page, 'a retry');

    server.sink.rejected.clear();
    const before = server.sink.messages.length;
    await page.getByLabel(v.resend.label).fill(refused[1]!);
    await page.getByRole('button', { name: v.resend.button }).click();
    await page.getByText(/^A new invitation went to member .+ at /).waitFor();
    await assertAccessible(page, 'an invitation sent again to one member');
    await screenshot(page, 'members-10-resent');
    const mail = await server.sink.waitFor(
      (m) => m.to === refused[1] && server.sink.messages.indexOf(m) >= before,
    );
    const token = /#([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    assert.ok(token, 'the email has its link');
    const session = await api<{ token: string }>(
      server.baseUrl,
      'POST',
      `/api/elections/${ID}/login/verify`,
      undefined,
      { token },
    );
    assert.ok(session.token, 'the new link logs the member in');
    await page.getByLabel(v.resend.label).fill('nobody@example.org');
    await page.getByRole('button', { name: v.resend.button }).click();
    await page
      .getByRole('alert')
      .getByText(v.errors['unknown-voter'] as string)
      .waitFor();
  });

  test('on a 320 px phone, in Welsh: both pages fit the screen and pass axe-core', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    for (const [path, title, shot] of [
      ['invitations', v.title, 'members-11-invitations-phone'],
      ['roll', r.title, 'members-12-roll-phone'],
    ] as const) {
      await page.goto(`${server.baseUrl}/console/${ID}/${path}`);
      await heading(page, title).waitFor();
      await page.getByRole('button', { name: 'Cymraeg' }).click();
      await heading(page, cy[path === 'roll' ? 'roll' : 'invitations'].title).waitFor();
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 320, `${path}: the page is ${wide} px wide on a 320 px screen`);
      await assertAccessible(page, `${path}, in Welsh, at 320 px`);
      await screenshot(page, shot);
      await page.getByRole('button', { name: 'English' }).click();
    }
    assert.deepEqual(problems, []);
  });
});
