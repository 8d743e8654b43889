/**
 * The trustee console in Chromium against a real server (SQLite, SMTP sink), as trustees use it: a
 * 2-of-3 key ceremony with one browser context per trustee (one on a 320 px screen, one in Welsh),
 * trustee 3 starting with the command line's keygen and going on in the browser with that key file;
 * after a vote cast from Node and tallied by the organiser, trustees 1 and 2 come back another day,
 * re-open their downloaded key files and decrypt in the browser, trustee 3 decrypts with the command
 * line from the key file the browser downloaded; the organiser's publish gives the right counts. Then:
 * a wrong passphrase, a missing and a wrong link, a bad share answered by a complaint that leaves its
 * dealer out; every request body the pages sent and their storage hold none of the trustees' secrets;
 * axe-core on every state; screenshots in test-artifacts/web/.
 *
 * Needs the built pages (`npm run build:web`, or PSEPHOS_WEB_DIST) and /usr/bin/chromium.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { api } from '../../src/cli/http-election.ts';
import { nodeScrypt } from '../../src/cli/key-file.ts';
import { sampleDraft } from '../../src/cli/simulate.ts';
import { trusteeDecrypt, trusteeKeygen } from '../../src/cli/trustee.ts';
import { fromBase64url, toBase64url, toHex } from '../../src/crypto/bytes.ts';
import type { TrusteeIdentity } from '../../src/crypto/dkg.ts';
import { createCommunicationKey, deal } from '../../src/crypto/dkg.ts';
import { decodeElement, decodeProof, encodeElement, encodeProof } from '../../src/protocol/codec.ts';
import { type ElectionDefinition, parseDefinition } from '../../src/protocol/definition.ts';
import { openKeyFile, parseKeyFile, type TrusteeSecrets } from '../../src/protocol/trustee-key.ts';
import { cy } from '../../src/web/i18n/cy.ts';
import { en } from '../../src/web/i18n/en.ts';
import type { Board } from '../../src/web/trustee/board.ts';
import { passphraseStrength } from '../../src/web/trustee/keys.ts';
import { tokenOfFragment } from '../../src/web/trustee/link.ts';
import { assertMatchesBoard, nextStep, TrusteeProblem } from '../../src/web/trustee/steps.ts';
import { openKey } from '../support/console-pages.ts';
import { ballotElectionOf, castBallot, issueElectorate } from '../support/voting.ts';
import {
  assertAccessible,
  group,
  launchChromium,
  loginByEmail,
  openPage,
  requireBuild,
  screenshot,
  startWebServer,
  type WebServer,
} from './fixtures.ts';

requireBuild();

const ELECTION = 'trustees-2026';
const DISPUTED = 'disputed-2026';
const T = en.trustee;
const W = cy.trustee;
const PASSPHRASES = [
  'first trustee passphrase',
  'ail ymddiriedolwr: cyfrinair hir',
  'third one, via the CLI',
];
const VOTERS = Array.from({ length: 3 }, (_, i) => ({
  voterId: `m${i}`,
  email: `member${i}@example.org`,
  name: `Member ${i}`,
}));
/** Each voter's choice: the counts are [1, 0, 2]. */
const CHOICES = [0, 2, 2];

let server: WebServer;
let browser: Browser;
let dir: string;
let tokens: string[];
let disputed: { definition: ElectionDefinition; tokens: string[] };
/** Every request the trustee pages sent: method, address and body. */
const sent: string[] = [];
/** Every trustee page's storage (local and session), as seen after each step. */
const stored: string[] = [];
/** The key files each trustee downloaded (or, for trustee 3 at first, the CLI wrote), newest last. */
const keyFiles: string[][] = [[], [], []];

const admin = <R>(method: string, path: string, body?: unknown) =>
  api<R>(server.baseUrl, method, path, server.adminToken, body);
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

/** A draft with three trustees (names with HTML, shown as text), any two of whom decrypt. */
function draft(id: string) {
  const now = Date.now();
  return {
    ...sampleDraft({
      id,
      title: `Trustee test ${id}`,
      candidates: 3,
      trustees: 3,
      threshold: 2,
      revoting: 'single',
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
    }),
    trustees: [{ name: 'Ada <b>Returning</b> Officer' }, { name: 'Bryn Jones' }, { name: 'Catrin Evans' }],
  };
}

/** Creates an election with voters and sets it up: the trustees' tokens. */
async function setUp(id: string): Promise<{ definition: ElectionDefinition; tokens: string[] }> {
  const created = await admin<{ definition: unknown }>('POST', '/api/elections', { definition: draft(id) });
  await admin('POST', `/api/elections/${id}/voters`, { voters: VOTERS });
  const { trusteeTokens } = await admin<{ trusteeTokens: string[] }>('POST', `/api/elections/${id}/setup`);
  return { definition: parseDefinition(created.definition), tokens: trusteeTokens };
}

interface Console {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly problems: string[];
}

/** A trustee's own browser, on the console at `link`; it records what it sends. */
async function openConsole(
  link: string,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<Console> {
  const opened = await openPage(browser, { acceptDownloads: true, ...options });
  opened.context.on('request', (r) => sent.push(`${r.method()} ${r.url()}\n${r.postData() ?? ''}`));
  await opened.page.goto(link);
  return opened;
}

/** A trustee's link: as the organiser's console writes it, or (no trustee number given) the bare form. */
const linkOf = (id: string, token: string, trustee?: number) =>
  `${server.baseUrl}/trustee/${id}#${trustee === undefined ? token : `trustee=${trustee}&token=${token}`}`;

/** Records the page's storage, and checks it holds only the token (session) and the language (local). */
async function checkStorage(page: Page, id: string): Promise<void> {
  const { local, session } = await page.evaluate(() => ({
    local: Object.fromEntries(Object.entries(localStorage)),
    session: Object.fromEntries(Object.entries(sessionStorage)),
  }));
  assert.deepEqual(Object.keys(session), [`psephos-trustee-token:${id}`]);
  assert.ok(
    Object.keys(local).every((k) => k === 'psephos-lang'),
    JSON.stringify(local),
  );
  stored.push(JSON.stringify({ local, session }));
}

/** Clicks `button` and saves the key file the page downloads; returns its path. */
async function download(page: Page, trustee: number, button: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  assert.equal(file.suggestedFilename(), `${ELECTION}-trustee-${trustee}.key`);
  const path = join(dir, `t${trustee}-${keyFiles[trustee - 1]!.length}.key`);
  await file.saveAs(path);
  keyFiles[trustee - 1]!.push(path);
  return path;
}

/** The secrets in a key file (the test knows the passphrases). */
async function secretsOf(path: string, passphrase: string): Promise<TrusteeSecrets> {
  const stored = parseKeyFile(readFileSync(path, 'utf8'), path);
  return openKeyFile(stored, await nodeScrypt(passphrase, stored.kdf), path);
}

/** Makes a key in the page, checks the form's errors on the way, and publishes (downloading the file). */
async function makeKey(c: Console, trustee: number, texts: typeof T, shots: string): Promise<void> {
  const { page } = c;
  await heading(page, texts.makeKey.title).waitFor();
  await checkStorage(page, ELECTION);
  await page.getByLabel(texts.makeKey.passphraseLabel, { exact: true }).fill('too short');
  await page.getByText(texts.makeKey.strength.short(9, 12)).waitFor();
  await page.getByRole('button', { name: texts.makeKey.button }).click();
  await page.getByText(texts.makeKey.shortError(12)).waitFor();
  await page.getByLabel(texts.makeKey.passphraseLabel, { exact: true }).fill(PASSPHRASES[trustee - 1]!);
  await page.getByLabel(texts.makeKey.confirmLabel, { exact: true }).fill('something else entirely');
  await page.getByRole('button', { name: texts.makeKey.button }).click();
  await page.getByText(texts.makeKey.mismatchError).waitFor();
  await assertAccessible(page, `trustee ${trustee}: the passphrase form with an error`);
  await screenshot(page, `${shots}-passphrase-errors`);
  await page.getByLabel(texts.makeKey.confirmLabel, { exact: true }).fill(PASSPHRASES[trustee - 1]!);
  await page.getByRole('button', { name: texts.makeKey.button }).click();
  await heading(page, texts.publishIdentity.title).waitFor();
  await assertAccessible(page, `trustee ${trustee}: save and publish`);
  await screenshot(page, `${shots}-publish-key`);
  await download(page, trustee, texts.publishIdentity.saveAndPublish);
  await page.getByText(texts.saved(`${ELECTION}-trustee-${trustee}.key`)).waitFor();
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'psephos-trustee-web-'));
  server = await startWebServer();
  ({ tokens } = await setUp(ELECTION));
  disputed = await setUp(DISPUTED);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the console's rules, without a browser", () => {
  const X = 'A'.repeat(43);
  const proof = { c: X, s: X };
  const identity = (trustee: number, key = X) => ({ trustee, communicationKey: key, proof });
  const dealing = (trustee: number, coefficient = X) => ({
    trustee,
    coefficients: [coefficient, X],
    proofs: [proof, proof],
    shares: [],
  });
  const board = (o: Partial<Board>): Board => ({
    status: 'key-ceremony',
    definition: parseDefinition({ ...draft('rules'), boardKey: X }),
    fingerprint: new Uint8Array(32),
    fingerprintText: X,
    threshold: 2,
    trustees: 3,
    identities: [],
    dealings: [],
    disqualified: [],
    electionKey: null,
    tally: null,
    decryptionShares: [],
    ...o,
  });
  const secrets = (o: Partial<TrusteeSecrets> = {}): TrusteeSecrets => ({
    fingerprint: X,
    communicationSecret: X,
    identity: { communicationKey: X, proof },
    ...o,
  });
  const keys = [1, 2, 3].map((n) => identity(n));
  const dealings = [1, 2, 3].map((n) => dealing(n));
  const tally = { counted: 1, answers: [[{ alpha: X, beta: X }]] };

  test('the next step follows the board, and the key file once it is open', () => {
    const kind = (b: Board, s?: TrusteeSecrets) => nextStep(b, 2, s).kind;
    assert.equal(kind(board({})), 'make-key');
    assert.equal(kind(board({}), secrets()), 'publish-identity');
    assert.equal(kind(board({ status: 'ready' })), 'too-late');
    assert.deepEqual(nextStep(board({ identities: [identity(2)] }), 2, secrets()), {
      kind: 'wait-identities',
      missing: [1, 3],
    });
    // Without the key file: open it when something may be due; between ceremony and count, wait.
    assert.equal(kind(board({ identities: keys })), 'open-key');
    assert.equal(kind(board({ identities: keys, dealings: [dealing(2)] })), 'wait-dealings');
    assert.equal(kind(board({ identities: keys, dealings })), 'open-key');
    assert.equal(kind(board({ identities: keys, dealings, status: 'open' })), 'wait-tally');
    assert.equal(kind(board({ identities: keys, dealings, status: 'tallying', tally })), 'open-key');
    // With it: deal, wait, check, then wait for the count, decrypt, done.
    const dealt = secrets({
      dealing: { ownShare: X, coefficients: [X, X], proofs: [proof, proof], shares: [] },
    });
    const checked = { ...dealt, received: { '1': X, '3': X }, combinedShare: X };
    assert.equal(kind(board({ identities: keys }), dealt), 'deal');
    assert.equal(kind(board({ identities: keys, dealings: [dealing(2)] }), dealt), 'wait-dealings');
    assert.equal(kind(board({ identities: keys, dealings }), dealt), 'check');
    assert.equal(kind(board({ identities: keys, dealings }), { ...dealt, received: { '1': X } }), 'check');
    assert.equal(kind(board({ identities: keys, dealings, status: 'ready' }), checked), 'wait-tally');
    assert.equal(kind(board({ identities: keys, dealings, status: 'tallying', tally }), checked), 'decrypt');
    const shared = board({ identities: keys, dealings, status: 'tallying', tally, decryptionShares: [2] });
    assert.equal(kind(shared), 'done');
    assert.equal(kind({ ...shared, status: 'published' }), 'published');
    // A complaint: pending until the board leaves the dealer out.
    const complained = { ...dealt, received: { '3': X }, complaints: [1] };
    assert.deepEqual(nextStep(board({ identities: keys, dealings }), 2, complained), {
      kind: 'complaint-pending',
      dealers: [1],
    });
    assert.equal(kind(board({ identities: keys, dealings, disqualified: [1] }), complained), 'wait-tally');
  });

  test('a key file that does not belong with the board is named as such', () => {
    const other = 'B'.repeat(43);
    const refused = (code: string) => (e: unknown) => e instanceof TrusteeProblem && e.code === code;
    assert.throws(
      () => assertMatchesBoard(board({ identities: [identity(2, other)] }), 2, secrets()),
      refused('identity-mismatch'),
    );
    assert.throws(
      () => assertMatchesBoard(board({ identities: keys, dealings: [dealing(2)] }), 2, secrets()),
      refused('dealing-mismatch'),
      'an older key file, from before the dealing',
    );
    const dealt = secrets({
      dealing: { ownShare: X, coefficients: [X, X], proofs: [proof, proof], shares: [] },
    });
    assert.throws(
      () => assertMatchesBoard(board({ identities: keys, dealings: [dealing(2, other)] }), 2, dealt),
      refused('dealing-mismatch'),
    );
    assert.doesNotThrow(() =>
      assertMatchesBoard(board({ identities: keys, dealings: [dealing(2)] }), 2, dealt),
    );
  });

  test('the link carries the token alone (or as token=), and the passphrase hint grows with it', () => {
    const token = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO_-';
    assert.equal(tokenOfFragment(token), token);
    assert.equal(tokenOfFragment(`trustee=2&token=${token}`), token, "the organiser console's form");
    assert.equal(tokenOfFragment(token.slice(1)), undefined);
    assert.equal(tokenOfFragment(''), undefined);
    assert.equal(tokenOfFragment(`${token}<script>`), undefined);
    assert.equal(passphraseStrength('short'), 'short');
    assert.equal(passphraseStrength('aaaaaaaaaaaaaaaaaaaaaaaa'), 'weak');
    assert.equal(passphraseStrength('tabledonkey7'), 'fair');
    assert.equal(passphraseStrength('correct horse battery staple'), 'strong');
  });
});

describe('the trustee console', () => {
  const consoles: Console[] = [];

  test('without its link, with a wrong one, or for an unknown election, the page says what to do', async () => {
    const missing = await openConsole(`${server.baseUrl}/trustee/${ELECTION}`);
    await heading(missing.page, T.link.missingTitle).waitFor();
    await missing.page.getByText(T.link.missing).waitFor();
    await assertAccessible(missing.page, 'the console without a link');
    await screenshot(missing.page, 'trustee-01-no-link');

    const wrong = await openConsole(linkOf(ELECTION, 'A'.repeat(43)));
    await heading(wrong.page, T.link.badTitle).waitFor();
    await wrong.page.getByText(T.link.bad).waitFor();
    assert.equal(new URL(wrong.page.url()).hash, '', 'the token is taken out of the address');
    const kept = await wrong.page.evaluate(() => sessionStorage.length);
    assert.equal(kept, 0, 'a refused token is not kept');
    await assertAccessible(wrong.page, 'the console with a wrong link');
    await screenshot(wrong.page, 'trustee-02-bad-link');

    // A real trustee token, but of another election.
    const other = await openConsole(linkOf(DISPUTED, tokens[0]!));
    await heading(other.page, T.link.badTitle).waitFor();
    await other.page.getByText(T.link.otherElection).waitFor();
    assert.equal(await other.page.evaluate(() => sessionStorage.length), 0, 'a foreign token is not kept');
    await assertAccessible(other.page, "the console with another election's link");
    // An election that does not exist: the page says so, and offers to try again.
    const unknown = await openConsole(linkOf('no-such-election', tokens[0]!));
    await heading(unknown.page, en.app.problemTitle).waitFor();
    await unknown.page.getByText(en.errors['unknown-election']).waitFor();
    await assertAccessible(unknown.page, 'the console of an unknown election');
    for (const c of [missing, wrong, other, unknown]) {
      assert.deepEqual(c.problems, []);
      await c.context.close();
    }
  });

  test('three trustees make the election key, one of them starting with the command line', async (t) => {
    const [t1, t2] = [
      await openConsole(linkOf(ELECTION, tokens[0]!, 1)),
      await openConsole(linkOf(ELECTION, tokens[1]!, 2), {
        viewport: { width: 320, height: 720 },
        locale: 'cy-GB',
      }),
    ];
    consoles.push(t1, t2);
    assert.equal(new URL(t1.page.url()).hash, '', 'the token is taken out of the address');
    await assertAccessible(t1.page, 'trustee 1: make a key');
    await screenshot(t1.page, 'trustee-03-make-key');

    // Trustee 1 in English; the others' keys are awaited.
    await makeKey(t1, 1, T, 'trustee-04');
    await heading(t1.page, T.waitKeys.title).waitFor();
    await t1.page.getByText(T.waitKeys.text('trustees 2 and 3')).waitFor();
    await t1.page.getByText('1. Ada <b>Returning</b> Officer (you)', { exact: true }).waitFor();
    assert.equal(await t1.page.locator('main b').count(), 0, 'a name is shown as text, never as HTML');
    await assertAccessible(t1.page, 'trustee 1: waiting for keys');
    await screenshot(t1.page, 'trustee-05-waiting-for-keys');
    await checkStorage(t1.page, ELECTION);

    // Trustee 3 makes its key with the command line.
    const cliKey = join(dir, 't3-cli.key');
    const made = await trusteeKeygen({
      election: ELECTION,
      trustee: 3,
      keyFile: cliKey,
      passphrase: PASSPHRASES[2]!,
      link: { kind: 'server', server: server.baseUrl, token: tokens[2]! },
    });
    assert.equal(made.published, 'now');
    keyFiles[2]!.push(cliKey);

    // Trustee 2, in Welsh on a 320 px screen: once its key is out, every key is, and it deals.
    await makeKey(t2, 2, W, 'trustee-06-cy');
    await heading(t2.page, W.deal.title).waitFor();
    await assertAccessible(t2.page, 'trustee 2 (Welsh, 320 px): deal');
    await screenshot(t2.page, 'trustee-07-cy-deal');
    await download(t2.page, 2, W.deal.button);
    await heading(t2.page, W.waitDealings.title).waitFor();
    await assertAccessible(t2.page, 'trustee 2: waiting for dealings');

    // Trustee 1's page notices by itself that every key is out.
    await heading(t1.page, T.deal.title).waitFor({ timeout: 15_000 });
    await assertAccessible(t1.page, 'trustee 1: deal');
    await screenshot(t1.page, 'trustee-08-deal');
    await download(t1.page, 1, T.deal.button);
    await heading(t1.page, T.waitDealings.title).waitFor();
    await t1.page.getByText(T.waitDealings.text('trustee 3')).waitFor();
    await screenshot(t1.page, 'trustee-09-waiting-for-dealings');

    // Trustee 3 goes on in the browser with the command line's key file: a wrong passphrase first.
    const t3 = await openConsole(linkOf(ELECTION, tokens[2]!));
    consoles.push(t3);
    await heading(t3.page, T.openKey.title).waitFor();
    await assertAccessible(t3.page, 'trustee 3: open the key file');
    await openKey(t3.page, T, cliKey, 'not the passphrase at all');
    await t3.page.getByText(T.problems['wrong-passphrase']).waitFor();
    const field = t3.page.getByLabel(T.openKey.passphraseLabel, { exact: true });
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    await assertAccessible(t3.page, 'trustee 3: a wrong passphrase');
    await screenshot(t3.page, 'trustee-10-wrong-passphrase');
    const started = Date.now();
    await openKey(t3.page, T, cliKey, PASSPHRASES[2]!);
    await heading(t3.page, T.deal.title).waitFor();
    t.diagnostic(`opening a key file (scrypt N = 2^17 in the page): ${Date.now() - started} ms`);
    await download(t3.page, 3, T.deal.button);

    // Every dealing is in: each checks the shares dealt to it.
    for (const [i, c] of [t1, t2, t3].entries()) {
      const texts = i === 1 ? W : T;
      await heading(c.page, texts.check.title).waitFor({ timeout: 15_000 });
      if (i === 0) {
        await assertAccessible(c.page, 'trustee 1: check');
        await screenshot(c.page, 'trustee-11-check');
      }
      await download(c.page, i + 1, texts.check.button);
      await heading(c.page, texts.waitTally.title).waitFor();
      const others = [1, 2, 3].filter((n) => n !== i + 1);
      await c.page.getByText(texts.check.valid(texts.trustees(others), 2)).waitFor();
      await checkStorage(c.page, ELECTION);
    }
    await assertAccessible(t1.page, 'trustee 1: the ceremony done');
    await screenshot(t1.page, 'trustee-12-ceremony-done');
    await screenshot(t2.page, 'trustee-13-cy-ceremony-done');

    // The organiser publishes the election key: every trustee's share fits it.
    await admin('POST', `/api/elections/${ELECTION}/ceremony/finish`);
    const ceremony = await api<{ electionKey: string | null; disqualified: number[] }>(
      server.baseUrl,
      'GET',
      `/api/elections/${ELECTION}/ceremony`,
    );
    assert.ok(ceremony.electionKey);
    assert.deepEqual(ceremony.disqualified, []);
    await t1.page.getByText(T.status.electionKey).waitFor({ timeout: 15_000 });
    for (const [i, c] of consoles.splice(0).entries()) {
      const secrets = await secretsOf(keyFiles[i]!.at(-1)!, PASSPHRASES[i]!);
      assert.ok(secrets.combinedShare, `trustee ${i + 1}'s newest key file holds its share`);
      const others = ['1', '2', '3'].filter((n) => n !== `${i + 1}`);
      assert.deepEqual(Object.keys(secrets.received ?? {}).sort(), others);
      assert.deepEqual(c.problems, []);
      await c.context.close();
    }
  });

  test('after the vote, two trustees decrypt in the browser and one with the command line; the result is right', async (t) => {
    // The credential authority, the opening, three ballots cast from Node; then close and tally.
    const base = `/api/elections/${ELECTION}`;
    const credentials = await issueElectorate(
      server.baseUrl,
      server.adminToken,
      group,
      ELECTION,
      VOTERS.length,
    );
    await admin('POST', `${base}/open`);
    const election = await ballotElectionOf(server.baseUrl, group, ELECTION);
    for (const [i, voter] of VOTERS.entries()) {
      const token = await loginByEmail(server, ELECTION, voter.email);
      await castBallot(server.baseUrl, group, ELECTION, token, election, credentials[i]!, [[CHOICES[i]!]]);
    }
    await admin('POST', `${base}/close`);
    await admin('POST', `${base}/tally`);

    // Trustees 1 and 2 come back with their links, in new browsers: they open their newest key files.
    for (const [i, texts] of [T, W].entries()) {
      const c = await openConsole(
        linkOf(ELECTION, tokens[i]!, i + 1),
        i === 1 ? { viewport: { width: 320, height: 720 }, locale: 'cy-GB' } : {},
      );
      await heading(c.page, texts.openKey.title).waitFor();
      await openKey(c.page, texts, keyFiles[i]!.at(-1)!, PASSPHRASES[i]!);
      await heading(c.page, texts.decrypt.title).waitFor();
      await assertAccessible(c.page, `trustee ${i + 1}: decrypt`);
      await screenshot(c.page, `trustee-14-decrypt-${i + 1}`);
      const started = Date.now();
      const posted = c.page.waitForRequest((r) => r.url().endsWith(`/trustees/${i + 1}/decryption-share`));
      await c.page.getByRole('button', { name: texts.decrypt.button }).click();
      await posted;
      t.diagnostic(
        `trustee ${i + 1}: decryption shares of 3 totals in the worker: ${Date.now() - started} ms`,
      );
      await heading(c.page, texts.done.title).waitFor();
      await assertAccessible(c.page, `trustee ${i + 1}: decrypted`);
      await screenshot(c.page, `trustee-15-done-${i + 1}`);
      await checkStorage(c.page, ELECTION);
      assert.deepEqual(c.problems, []);
      consoles.push(c);
    }

    // Trustee 3 decrypts with the command line, from the key file its browser downloaded.
    const cli = await trusteeDecrypt({
      keyFile: keyFiles[2]!.at(-1)!,
      passphrase: PASSPHRASES[2]!,
      link: { kind: 'server', server: server.baseUrl, token: tokens[2]! },
    });
    assert.deepEqual([cli.published, cli.qualified, cli.ciphertexts], ['now', [1, 2, 3], 3]);

    await admin('POST', `${base}/publish`);
    const published = await api<{ status: string; result: { counts: number[][]; trustees: number[] } }>(
      server.baseUrl,
      'GET',
      base,
    );
    assert.equal(published.status, 'published');
    assert.deepEqual(published.result.counts, [[1, 0, 2]]);
    assert.deepEqual(published.result.trustees, [1, 2], "the browsers' shares made the result");

    const t1 = consoles[0]!;
    await heading(t1.page, T.published.title).waitFor({ timeout: 15_000 });
    await assertAccessible(t1.page, 'trustee 1: the result is published');
    await screenshot(t1.page, 'trustee-16-published');
    for (const c of consoles.splice(0)) await c.context.close();
  });

  test("no trustee secret left the browsers: not in any request, not in the pages' storage", async () => {
    const secrets: string[] = [...PASSPHRASES];
    for (const [i, files] of keyFiles.entries()) {
      const s = await secretsOf(files.at(-1)!, PASSPHRASES[i]!);
      const scalars = [
        s.communicationSecret,
        s.dealing!.ownShare,
        s.combinedShare!,
        ...Object.values(s.received!),
      ];
      for (const scalar of scalars) secrets.push(scalar, toHex(fromBase64url(scalar, 32)));
    }
    assert.equal(secrets.length, 3 + 3 * 5 * 2);
    const posts = sent.filter((r) => r.startsWith('POST ') && r.includes('/trustees/'));
    // What the pages published: trustee 1's and 2's keys (3's came from the CLI), three dealings, two
    // decryptions; no complaint (every share was good).
    const routes = posts.map((r) => /\/trustees\/\d+\/([a-z-]+)/.exec(r)![1]).sort();
    const expected = [
      'dealing',
      'dealing',
      'dealing',
      'decryption-share',
      'decryption-share',
      'identity',
      'identity',
    ];
    assert.deepEqual(routes, expected);
    assert.ok(
      posts.some((r) => r.includes('"coefficients"')),
      'the bodies were recorded',
    );
    for (const secret of secrets) {
      for (const request of sent) assert.ok(!request.includes(secret), `a secret in ${request.slice(0, 80)}`);
      for (const storage of stored) assert.ok(!storage.includes(secret), 'a secret in storage');
    }
  });

  test('a bad share is answered by a complaint, and its dealer is left out of the election key', async () => {
    const base = `/api/elections/${DISPUTED}`;
    const c = await openConsole(linkOf(DISPUTED, disputed.tokens[0]!));
    await heading(c.page, T.makeKey.title).waitFor();
    await c.page.getByLabel(T.makeKey.passphraseLabel, { exact: true }).fill(PASSPHRASES[0]!);
    await c.page.getByLabel(T.makeKey.confirmLabel, { exact: true }).fill(PASSPHRASES[0]!);
    await c.page.getByRole('button', { name: T.makeKey.button }).click();
    const [identityFile] = await Promise.all([
      c.page.waitForEvent('download'),
      c.page.getByRole('button', { name: T.publishIdentity.saveAndPublish }).click(),
    ]);
    assert.equal(identityFile.suggestedFilename(), `${DISPUTED}-trustee-1.key`);
    await heading(c.page, T.waitKeys.title).waitFor();

    // Trustees 2 and 3 from Node; trustee 2 sends trustee 1 a share that does not open.
    const fp = fromBase64url(
      (await api<{ fingerprint: string }>(server.baseUrl, 'GET', base)).fingerprint,
      32,
    );
    const pairs = [2, 3].map((n) => createCommunicationKey(group, fp, n));
    for (const pair of pairs)
      await api(
        server.baseUrl,
        'POST',
        `${base}/trustees/${pair.identity.index}/identity`,
        disputed.tokens[pair.identity.index - 1],
        {
          communicationKey: encodeElement(group, pair.identity.communicationKey),
          proof: encodeProof(pair.identity.proof),
        },
      );
    const ceremony = await api<{
      identities: { trustee: number; communicationKey: string; proof: { c: string; s: string } }[];
    }>(server.baseUrl, 'GET', `${base}/ceremony`);
    const identities: TrusteeIdentity[] = ceremony.identities.map((i) => ({
      index: i.trustee,
      communicationKey: decodeElement(group, i.communicationKey, 'key'),
      proof: decodeProof(i.proof, 'proof'),
    }));
    await heading(c.page, T.deal.title).waitFor({ timeout: 15_000 });
    await c.page.getByRole('button', { name: T.deal.button }).click();
    await heading(c.page, T.waitDealings.title).waitFor();
    for (const pair of pairs) {
      const n = pair.identity.index;
      const dealing = deal(group, fp, { threshold: 2, trustees: 3 }, pair, identities);
      const shares = dealing.shares.map((s) => {
        const ciphertext = Uint8Array.from(s.ciphertext);
        if (n === 2 && s.recipient === 1) ciphertext[0] = ciphertext[0]! ^ 1;
        return { recipient: s.recipient, nonce: toBase64url(s.nonce), ciphertext: toBase64url(ciphertext) };
      });
      await api(server.baseUrl, 'POST', `${base}/trustees/${n}/dealing`, disputed.tokens[n - 1], {
        coefficients: dealing.commitment.coefficients.map((x) => encodeElement(group, x)),
        proofs: dealing.commitment.proofs.map(encodeProof),
        shares,
      });
    }

    await heading(c.page, T.check.title).waitFor({ timeout: 15_000 });
    const [checked] = await Promise.all([
      c.page.waitForEvent('download'),
      c.page.getByRole('button', { name: T.check.button }).click(),
    ]);
    const path = join(dir, 'disputed-t1.key');
    await checked.saveAs(path);
    await heading(c.page, T.waitTally.title).waitFor();
    await c.page.getByText(T.check.complaint('trustee 2', 1)).waitFor();
    await c.page.getByText(T.check.valid('trustee 3', 1)).waitFor();
    const bryn = c.page.getByRole('listitem').filter({ hasText: '2. Bryn Jones' });
    await bryn.getByText(T.status.excluded, { exact: true }).waitFor();
    await assertAccessible(c.page, 'trustee 1: after a complaint');
    await screenshot(c.page, 'trustee-17-complaint');

    const after = await api<{ disqualified: number[] }>(server.baseUrl, 'GET', `${base}/ceremony`);
    assert.deepEqual(after.disqualified, [2], 'the dealer at fault is left out');
    const secrets = await secretsOf(path, PASSPHRASES[0]!);
    assert.deepEqual(secrets.complaints, [2]);
    assert.deepEqual(Object.keys(secrets.received ?? {}), ['3']);
    assert.ok(secrets.combinedShare, 'the share over trustees 1 and 3 is in the key file');
    await admin('POST', `${base}/ceremony/finish`);
    const key = await api<{ electionKey: string | null }>(server.baseUrl, 'GET', `${base}/ceremony`);
    assert.ok(key.electionKey, 'the election key is made without trustee 2');
    assert.deepEqual(c.problems, []);
    await c.context.close();
  });
});
