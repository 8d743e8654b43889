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
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { OpenElection } from '../../src/cli/http-election.ts';
import { api } from '../../src/cli/http-election.ts';
import { loadGroup } from '../../src/crypto/backends.ts';
import { fromBase64url, toBase64url } from '../../src/crypto/bytes.ts';
import { deriveCredential, generateCredential } from '../../src/crypto/credential.ts';
import { createCommunicationKey, deal } from '../../src/crypto/dkg.ts';
import type { Group } from '../../src/crypto/group.ts';
import { decodeElement, encodeElement, encodeProof } from '../../src/protocol/codec.ts';
import type { ElectionDefinition } from '../../src/protocol/definition.ts';
import { parseDefinition } from '../../src/protocol/definition.ts';
import { buildServer } from '../../src/server/app.ts';
import { createAdminToken } from '../../src/server/auth.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createSmtpMailer } from '../../src/server/mail.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import type { SmtpSink } from '../support/smtp-sink.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';

export const group: Group = await loadGroup();

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

/** The server over a fresh SQLite file on a free port of 127.0.0.1, with an SMTP sink. */
export async function startWebServer(): Promise<WebServer> {
  const sink = await startSmtpSink();
  const store = await openStore(
    `sqlite:${join(mkdtempSync(join(tmpdir(), 'psephos-web-')), 'store.sqlite')}`,
  );
  const config = loadConfig({}, undefined, {
    port: 0,
    logLevel: 'warn',
    workers: 1,
    headSeconds: 1,
    rateLimit: { perIp: 1_000_000, castPerLogin: 1_000_000 },
    smtp: { host: '127.0.0.1', port: sink.port, from: 'Psephos <elections@example.org>' },
  });
  const server = await buildServer({ store, config, group, mailer: createSmtpMailer(config.smtp) });
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(server.app.server.address() as { port: number }).port}`;
  await store.setAdmin('returning-officer', 'not-used-with-tokens');
  const adminToken = await createAdminToken(store, 'returning-officer', 1);
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
    async close() {
      await server.app.close();
      await store.close();
      await sink.close();
    },
  };
}

/**
 * An election with the given questions and revoting policy, set up, keyed by one trustee, with one
 * credential per voter (and, given `members`, the electorate commitment: SPEC.md §16.4), and open.
 * (openHttpElection makes the standard one-question election.)
 */
export async function openCustomElection(
  server: WebServer,
  draft: Omit<ElectionDefinition, 'boardKey'>,
  voters: readonly { voterId: string; email: string; name: string }[],
  members?: { count: number; root: string },
): Promise<OpenElection> {
  const admin = <T>(method: string, path: string, body?: unknown) =>
    api<T>(server.baseUrl, method, path, server.adminToken, body);
  const base = `/api/elections/${draft.id}`;
  const created = await admin<{ definition: unknown }>('POST', '/api/elections', { definition: draft });
  const definition = parseDefinition(created.definition);
  await admin('POST', `${base}/voters`, { voters });
  const { trusteeTokens } = await admin<{ trusteeTokens: string[] }>('POST', `${base}/setup`);
  const fp = fromBase64url((await api<{ fingerprint: string }>(server.baseUrl, 'GET', base)).fingerprint, 32);
  const trustee = createCommunicationKey(group, fp, 1);
  await api(server.baseUrl, 'POST', `${base}/trustees/1/identity`, trusteeTokens[0], {
    communicationKey: encodeElement(group, trustee.identity.communicationKey),
    proof: encodeProof(trustee.identity.proof),
  });
  const dealing = deal(group, fp, { threshold: 1, trustees: 1 }, trustee, [trustee.identity]);
  await api(server.baseUrl, 'POST', `${base}/trustees/1/dealing`, trusteeTokens[0], {
    coefficients: dealing.commitment.coefficients.map((c) => encodeElement(group, c)),
    proofs: dealing.commitment.proofs.map(encodeProof),
    shares: [],
  });
  await admin('POST', `${base}/ceremony/finish`);
  const credentials = voters.map(() => generateCredential());
  const list = credentials
    .map((t) => encodeElement(group, deriveCredential(group, definition.id, t).publicCredential))
    .sort()
    .map((credential) => ({ credential, weight: 1 }));
  await admin('POST', `${base}/electorate`, { credentials: list, ...(members ? { members } : {}) });
  await admin('POST', `${base}/open`);
  const published = await api<{ fingerprint: string; electionKey: string }>(
    server.baseUrl,
    'GET',
    `${base}/ceremony`,
  );
  return {
    definition,
    ballotElection: {
      definition,
      fingerprint: fromBase64url(published.fingerprint, 32),
      publicKey: decodeElement(group, published.electionKey, 'electionKey'),
    },
    trusteeTokens,
    secretShares: [dealing.ownShare],
    credentials,
  };
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
