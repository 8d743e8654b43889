/**
 * What the browser tests stand on: a real Psephos server (SQLite, an SMTP sink) serving the built voter
 * pages, elections opened through the HTTP API, the voters' emails, and Chromium driven by
 * playwright-core, with axe-core, screenshots and keyboard helpers. Not a test file.
 *
 * @example
 * ```ts
 * const server = await startWebServer();
 * const open = await openCustomElection(server, definition, voters);
 * const browser = await launchChromium();
 * ```
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { OpenElection } from '../../src/cli/http-election.ts';
import { api, loginVoter, openHttpElection } from '../../src/cli/http-election.ts';
import { fromBase64url, toBase64url } from '../../src/crypto/bytes.ts';
import type { ElectionDefinition } from '../../src/protocol/definition.ts';
import type { Store } from '../../src/store/store.ts';
import { group, startServer, type Voter } from '../server/fixtures.ts';
import { keyCeremony } from '../support/console-trustees.ts';
import type { SmtpSink } from '../support/smtp-sink.ts';
import { ballotElectionOf, issueElectorate } from '../support/voting.ts';

export { group };

export const WEB_DIST =
  process.env.PSEPHOS_WEB_DIST ?? fileURLToPath(new URL('../../dist/web/', import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/web/', import.meta.url));

/** Fails with the fix when the pages have not been built (npm test builds them first). */
export function requireBuild(): void {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(
      'the voter pages are not built (dist/web/index.html is missing): run `npm run build:web` first (`npm test` does)',
    );
  }
}

export interface WebServer {
  readonly baseUrl: string;
  readonly adminToken: string;
  readonly sink: SmtpSink;
  /** The server's store (to set an organiser's password, for example). */
  readonly store: Store;
  /** The next login link (or code) emailed to `email`, with the link moved onto this server. */
  nextLogin(email: string): Promise<{ link: string; code: string }>;
  close(): Promise<void>;
}

/**
 * The server over a fresh SQLite file on a free port of 127.0.0.1, with an SMTP sink (the server tests'
 * startServer), signing a head every second and logging warnings.
 */
export async function startWebServer(): Promise<WebServer> {
  const server = await startServer({ logLevel: 'warn', headSeconds: 1 });
  const { baseUrl, adminToken, sink, store } = server;
  const used = new Map<string, number>();
  return {
    baseUrl,
    adminToken,
    sink,
    store,
    async nextLogin(email) {
      const seen = used.get(email) ?? 0;
      const deadline = Date.now() + 10_000;
      for (;;) {
        const mails = sink.messages.filter((m) => m.to === email);
        const mail = mails[seen];
        if (mail) {
          used.set(email, seen + 1);
          const link = /https?:\/\/\S+#[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
          const code = /\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/.exec(mail.text)?.[0];
          assert.ok(link && code, 'the login email has a link with its token, and a code');
          const url = new URL(link);
          return { link: `${baseUrl}${url.pathname}${url.hash}`, code };
        }
        if (Date.now() > deadline) throw new Error(`no new login email for ${email}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => server.close(),
  };
}

/**
 * `n` voters `<prefix><i>`, each with the address `<prefix><i>@example.org` and the name "Member <i>".
 *
 * @example
 * ```ts
 * const voters = webVoters('council', 2); // council0@example.org, council1@example.org
 * ```
 */
export function webVoters(prefix: string, n: number): Voter[] {
  return Array.from({ length: n }, (_, i) => ({
    voterId: `${prefix}${i}`,
    email: `${prefix}${i}@example.org`,
    name: `Member ${i}`,
  }));
}

/**
 * The standard election (openHttpElection's: one question of three candidates), one vote each, keyed by
 * one trustee, open.
 *
 * @example
 * ```ts
 * const leader = await openLeaderElection(server, 'leader-2026', webVoters('leader', 4));
 * ```
 */
export function openLeaderElection(
  server: WebServer,
  electionId: string,
  voters: readonly Voter[],
): Promise<OpenElection> {
  return openHttpElection({
    baseUrl: server.baseUrl,
    adminToken: server.adminToken,
    group,
    electionId,
    voters,
    candidates: 3,
    trustees: 1,
    threshold: 1,
    revoting: 'single',
  });
}

/**
 * An election with the given questions and revoting policy, set up, keyed by its trustees from Node,
 * with one credential per voter (and, given `members`, the electorate commitment: SPEC.md §16.4), and
 * open. (openLeaderElection makes the standard one-question election.)
 *
 * @example
 * ```ts
 * const council = await openCustomElection(server, draftElection({ id: 'council-2026' }), webVoters('c', 2));
 * ```
 */
export async function openCustomElection(
  server: WebServer,
  draft: Omit<ElectionDefinition, 'boardKey'>,
  voters: readonly Voter[],
  members?: { count: number; root: string },
): Promise<OpenElection> {
  const admin = <T>(method: string, path: string, body?: unknown) =>
    api<T>(server.baseUrl, method, path, server.adminToken, body);
  const base = `/api/elections/${draft.id}`;
  await admin('POST', '/api/elections', { definition: draft });
  await admin('POST', `${base}/voters`, { voters });
  const { trusteeTokens } = await admin<{ trusteeTokens: string[] }>('POST', `${base}/setup`);
  const secretShares = await keyCeremony(server.baseUrl, group, draft.id, trusteeTokens);
  await admin('POST', `${base}/ceremony/finish`);
  const credentials = await issueElectorate(
    server.baseUrl,
    server.adminToken,
    group,
    draft.id,
    voters.length,
    members,
  );
  await admin('POST', `${base}/open`);
  const ballotElection = await ballotElectionOf(server.baseUrl, group, draft.id);
  return { definition: ballotElection.definition, ballotElection, trusteeTokens, secretShares, credentials };
}

/** What `draftElection` may be given: the id, and whatever should differ from its defaults. */
export type DraftChanges = Partial<Omit<ElectionDefinition, 'boardKey'>> & { readonly id: string };

type Question = ElectionDefinition['questions'][number];

/** The question most tests' elections ask: a single choice of two, blank allowed. */
export const CHAIR_QUESTION: Extract<Question, { type: 'single' }> = {
  id: 'chair',
  type: 'single',
  title: 'Who should chair the council?',
  blankAllowed: true,
  candidates: [
    { id: 'ada', name: 'Ada Lovelace' },
    { id: 'ben', name: 'Ben Jones' },
  ],
};

/** An approval question: one or two of three. */
export const COUNCIL_QUESTION: Extract<Question, { type: 'approval' }> = {
  id: 'members',
  type: 'approval',
  title: 'Who should sit on the council?',
  min: 1,
  max: 2,
  candidates: [
    { id: 'cat', name: 'Cat Evans' },
    { id: 'dai', name: 'Dai Hughes' },
    { id: 'efa', name: 'Efa Morgan' },
  ],
};

/**
 * A draft definition for openCustomElection (the server adds the board key): by default "Council
 * election 2026", not a practice, CHAIR_QUESTION only, open from a minute ago for a week, one vote
 * each (`single`), one trustee needed of one; `changes` replace any of these.
 *
 * @example
 * ```ts
 * const open = await openCustomElection(server, draftElection({ id: 'council-2026', revoting: 'last-counts' }), voters);
 * ```
 */
export function draftElection(changes: DraftChanges): Omit<ElectionDefinition, 'boardKey'> {
  const now = Date.now();
  return {
    format: 'psephos/election',
    version: 1,
    title: 'Council election 2026',
    practice: false,
    questions: [CHAIR_QUESTION],
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 7 * 86_400_000).toISOString(),
    revoting: 'single',
    maxWeight: 1,
    trustees: [{ name: 'Trustee 1' }],
    threshold: 1,
    ...changes,
  };
}

/**
 * A voter of `election` logs in from Node by the link in the email the server sent; the bearer token
 * for casting.
 *
 * @example
 * ```ts
 * const token = await loginByEmail(server, 'council-2026', 'member0@example.org');
 * ```
 */
export function loginByEmail(server: WebServer, election: string, email: string): Promise<string> {
  const readLoginLink = async (to: string) => (await server.nextLogin(to)).link;
  return loginVoter({ baseUrl: server.baseUrl, electionId: election, readLoginLink }, email);
}

/**
 * A touch phone's context options: 390×844 CSS pixels unless given, at twice the density.
 *
 * @example
 * ```ts
 * const { page } = await openPage(browser, phone(320, 640));
 * ```
 */
export function phone(width = 390, height = 844) {
  return { viewport: { width, height }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
}

/** Debian's Chromium, headless, without network side traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Collects a page's errors and console errors into `problems` (a resource that fails to load aside: a
 * refused request or a 4xx answer is often what a test is about); a test asserts there are none.
 *
 * @example
 * ```ts
 * const problems: string[] = [];
 * watchProblems(page, problems);
 * // … the test …
 * assert.deepEqual(problems, []);
 * ```
 */
export function watchProblems(page: Page, problems: string[]): void {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
}

/**
 * A new context with `options` and a page in it, its problems watched (watchProblems).
 *
 * @example
 * ```ts
 * const { context, page, problems } = await openPage(browser, { viewport: { width: 320, height: 640 } });
 * ```
 */
export async function openPage(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems: string[] = [];
  watchProblems(page, problems);
  return { context, page, problems };
}

const AXE_SOURCE = readFileSync(fileURLToPath(import.meta.resolve('axe-core/axe.min.js')), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe-core on the page as it is (every rule but the experimental ones); asserts no violation. */
export async function assertAccessible(page: Page, what: string): Promise<void> {
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  assert.deepEqual(
    violations,
    [],
    `axe-core found accessibility violations on ${what}:\n${JSON.stringify(violations, null, 2)}`,
  );
}

/** A full-page screenshot in test-artifacts/web/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Presses Tab (only the keyboard) until the focused element matches `selector`; fails after `max`
 * presses. Proves the element is reachable by keyboard in the page's tab order.
 */
export async function tabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  assert.fail(`${selector} was not reached by ${max} presses of Tab (focus is on ${focused})`);
}

/** base64url of a receipt field with one character changed (still valid base64url of the same length). */
export function flipFirstChar(text: string): string {
  const bytes = fromBase64url(text, 32);
  bytes[0] = bytes[0]! ^ 1;
  return toBase64url(bytes);
}
