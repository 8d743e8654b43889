/**
 * Scheduled opening and closing in the organiser console, in Chromium on a 320 px phone, against a real
 * server whose scheduler looks every 0.2 s: an election ready to open in half a minute; the dashboard
 * says it will neither open nor close by itself; the organiser ticks both boxes and saves, and the
 * status message says what will happen; then, with nobody pressing anything, the dashboard shows voting
 * open at the opening time and closed at the closing time, and the board has exactly one `open` and one
 * `close` event. axe-core on every state; screenshots in test-artifacts/web/.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { api } from '../../src/cli/http-election.ts';
import { hashPassword } from '../../src/server/passwords.ts';
import { en } from '../../src/web/i18n/en.ts';
import { readyElection, type ScheduleServer, startScheduleServer } from '../support/schedule-server.ts';
import {
  assertAccessible,
  draftElection,
  launchChromium,
  openPage,
  phone,
  requireBuild,
  screenshot,
} from './fixtures.ts';

requireBuild();

const c = en.console;
const d = c.dashboard;
const CLERK = 'returning-officer-desk';
const PASSWORD = 'a long and private passphrase';
const ID = 'council-2026';
const TITLE = 'Council election 2026';

let server: ScheduleServer;
let browser: Browser;

before(async () => {
  server = await startScheduleServer({ scheduleSeconds: 0.2, logLevel: 'warn' });
  await server.store.setAdmin(CLERK, await hashPassword(PASSWORD));
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.dispose();
});

/** A time as the dashboard writes it (the page's own Intl, so the same time zone and language). */
const shown = (page: Page, iso: string) =>
  page.evaluate(
    (t) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(t)),
    iso,
  );

/** Waits for the dashboard's status tag to say `status`, up to `until` (ms since the epoch) plus 20 s. */
async function statusShown(page: Page, status: string, until: number): Promise<void> {
  await page
    .locator('.election-meta .status')
    .getByText(status, { exact: true })
    .waitFor({ timeout: Math.max(0, until - Date.now()) + 20_000 });
}

test('the organiser schedules opening and closing on the dashboard; the server does both on time', async () => {
  // Half a minute to set it up and schedule it (the opening time must still be ahead), then ten seconds of voting.
  const opensAt = new Date(Date.now() + 30_000);
  const closesAt = new Date(opensAt.getTime() + 10_000);
  await readyElection(
    server,
    draftElection({ id: ID, opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() }),
  );

  const { context, page, problems } = await openPage(browser, phone(320, 640));
  await page.goto(`${server.baseUrl}/console`);
  await page.getByLabel(c.login.username).fill(CLERK);
  await page.getByLabel(c.login.password).fill(PASSWORD);
  await page.getByRole('button', { name: c.login.submit }).click();
  await page.getByRole('heading', { level: 1, name: c.list.title }).waitFor();
  await page.goto(`${server.baseUrl}/console/${ID}`);
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();

  // Ready, nothing scheduled: said in words; the button to open by hand is there.
  const section = page.getByRole('region', { name: d.scheduleTitle });
  await section.getByText(`${d.wontOpen} ${d.wontClose}`).waitFor();
  await page.getByRole('button', { name: c.steps.open.button }).waitFor();
  const opening = d.openAt(await shown(page, opensAt.toISOString()));
  const closing = d.closeAt(await shown(page, closesAt.toISOString()));
  assert.equal(await section.getByRole('checkbox', { name: opening }).isChecked(), false);
  assert.equal(await section.getByRole('checkbox', { name: closing }).isChecked(), false);
  await assertAccessible(page, 'the dashboard, ready, nothing scheduled');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `the dashboard fits 320 px (scroll width ${width})`);

  await section.getByRole('checkbox', { name: opening }).check();
  await section.getByRole('checkbox', { name: closing }).check();
  await section.getByRole('button', { name: d.scheduleSave }).click();
  const willOpen = d.willOpen(await shown(page, opensAt.toISOString()));
  const willClose = d.willClose(await shown(page, closesAt.toISOString()));
  await page
    .getByRole('status')
    .getByText(d.scheduleSaved(`${willOpen} ${willClose}`))
    .waitFor();
  await section.getByText(`${willOpen} ${willClose}`).waitFor();
  await assertAccessible(page, 'the dashboard, both scheduled');
  await screenshot(page, 'schedule-01-scheduled');
  const view = await api<{ status: string; schedule: unknown }>(
    server.baseUrl,
    'GET',
    `/api/admin/elections/${ID}`,
    server.adminToken,
  );
  assert.deepEqual([view.status, view.schedule], ['ready', { open: true, close: true }]);
  assert.ok(Date.now() < opensAt.getTime(), 'the schedule was saved before the opening time');

  // Nobody presses anything: the server opens voting at the opening time, and the dashboard follows.
  await statusShown(page, c.status.open, opensAt.getTime());
  assert.ok(Date.now() >= opensAt.getTime(), 'not opened before the opening time');
  await section.getByText(willClose, { exact: true }).waitFor();
  assert.equal(
    await section.getByRole('checkbox', { name: opening }).count(),
    0,
    'opening is no longer offered',
  );
  assert.equal(await section.getByRole('checkbox', { name: closing }).isChecked(), true);
  await page.getByRole('button', { name: c.steps.close.button }).waitFor();
  await assertAccessible(page, 'the dashboard, opened by the schedule');
  await screenshot(page, 'schedule-02-opened');

  await statusShown(page, c.status.closed, closesAt.getTime());
  assert.ok(Date.now() >= closesAt.getTime(), 'not closed before the closing time');
  assert.equal(await section.count(), 0, 'nothing left to schedule once closed');
  await assertAccessible(page, 'the dashboard, closed by the schedule');
  await screenshot(page, 'schedule-03-closed');

  const { events } = await api<{ events: { type: string }[] }>(
    server.baseUrl,
    'GET',
    `/api/elections/${ID}/board/events?limit=500`,
  );
  assert.deepEqual(
    events.filter((e) => e.type === 'open' || e.type === 'close').map((e) => e.type),
    ['open', 'close'],
  );
  assert.deepEqual(problems, []);
  await context.close();
});
