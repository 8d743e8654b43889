/**
 * Every page at 200 % zoom (WCAG 2.1 SC 1.4.4): a 1280 × 900 window zoomed to 200 % lays pages out in
 * 640 × 450 CSS pixels at twice the density, which is what this test gives Chromium. On each page —
 * the booth's login, credential, ballot and review steps, the receipt check, the election, results,
 * board, roll check and verifier pages, the trustee console and the organiser console's login — the
 * heading is on screen, nothing needs sideways scrolling, and axe-core finds nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { OpenElection } from '../../src/cli/http-election.ts';
import { api } from '../../src/cli/http-election.ts';
import { en } from '../../src/web/i18n/en.ts';
import {
  assertAccessible,
  launchChromium,
  openLeaderElection,
  openPage,
  requireBuild,
  screenshot,
  startWebServer,
  type WebServer,
  webVoters,
} from './fixtures.ts';

requireBuild();

const ZOOMED = { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 };
const ID = 'zoom-2026';
const VOTERS = webVoters('zoom', 1);

let server: WebServer;
let browser: Browser;
let election: OpenElection;

before(async () => {
  server = await startWebServer();
  election = await openLeaderElection(server, ID, VOTERS);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The page's h1 is on screen, the page is no wider than the window, and axe-core passes. */
async function fits(page: Page, title: string | RegExp, what: string): Promise<void> {
  const heading = page.getByRole('heading', { level: 1, name: title });
  await heading.waitFor();
  await heading.scrollIntoViewIfNeeded();
  assert.ok(await heading.isVisible(), `${what}: the heading is on screen`);
  const wide = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  assert.ok(wide <= 640, `${what}: ${wide} CSS px wide in a 640 px window (sideways scrolling)`);
  await assertAccessible(page, `${what} at 200 % zoom`);
  await screenshot(page, `zoom-${what.replaceAll(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
}

test('the booth, step by step, at 200 % zoom', async () => {
  const { context, page, problems } = await openPage(browser, ZOOMED);
  await page.goto(`${server.baseUrl}/vote/${ID}`);
  await fits(page, en.login.title, 'booth login');

  await api(server.baseUrl, 'POST', `/api/elections/${ID}/login`, undefined, { email: VOTERS[0]!.email });
  await page.goto((await server.nextLogin(VOTERS[0]!.email)).link);
  await fits(page, en.credential.title, 'booth credential');
  await page.getByLabel(en.credential.label).fill(election.credentials[0]!);
  await page.getByRole('button', { name: en.credential.button }).click();
  await fits(page, en.ballot.title, 'booth ballot');
  await page.getByLabel('Candidate 1').check();
  await page.getByRole('button', { name: en.ballot.next }).click();
  await fits(page, en.review.title, 'booth review');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the public pages and the consoles at 200 % zoom', async () => {
  const { context, page, problems } = await openPage(browser, ZOOMED);
  const pages: [string, string | RegExp, string][] = [
    [`/vote/${ID}/receipt`, en.check.title, 'receipt check'],
    [`/elections/${ID}`, /.+/, 'election page'],
    [`/elections/${ID}/results`, /.+/, 'results page'],
    [`/elections/${ID}/board`, /.+/, 'board explorer'],
    [`/elections/${ID}/roll-check`, /.+/, 'roll check'],
    ['/verify', /.+/, 'verifier page'],
    [`/trustee/${ID}`, /.+/, 'trustee console'],
    ['/console', /.+/, 'organiser console'],
  ];
  for (const [path, title, what] of pages) {
    // Loaded, and its first data in (the pages fetch it after loading).
    await page.goto(`${server.baseUrl}${path}`, { waitUntil: 'networkidle' });
    await fits(page, title, what);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
