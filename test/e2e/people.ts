/**
 * The people of the organiser journey in their own browsers: a trustee in the trustee console (a
 * passphrase, each key file downloaded as the page offers it and kept in a folder of theirs), and a
 * member in the booth (a login email asked for, a credential typed, a candidate chosen, the ballot
 * encrypted and cast, the receipt). Not a test file.
 *
 * @example
 * ```ts
 * const trustee = await trusteeBrowser(browser, link, 1, dir);
 * await makeKey(trustee, 'a long passphrase', 'leader-2026');
 * const tracker = await castInBooth(page, credential, 'Ada Lovelace');
 * ```
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { en } from '../../src/web/i18n/en.ts';
import { openPage } from '../web/fixtures.ts';

const T = en.trustee;

/** The first-level heading named `name`. @example `await heading(page, en.receipt.title).waitFor()` */
export const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** A trustee's own browser on the trustee console, and the key files it has downloaded (newest last). */
export interface TrusteeBrowser {
  readonly trustee: number;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly problems: string[];
  readonly keyFiles: string[];
  /** Where this trustee keeps their key files. */
  readonly dir: string;
}

/**
 * A new browser context for trustee `trustee`, on the link from their email; `keyFiles` carries the
 * files of an earlier session (the same folder).
 * @example `const t1 = await trusteeBrowser(browser, link, 1, '/tmp/t1')`
 */
export async function trusteeBrowser(
  browser: Browser,
  link: string,
  trustee: number,
  dir: string,
  keyFiles: string[] = [],
): Promise<TrusteeBrowser> {
  const { context, page, problems } = await openPage(browser, {
    acceptDownloads: true,
    viewport: { width: 1024, height: 800 },
    locale: 'en-GB',
  });
  await page.goto(link);
  return { trustee, context, page, problems, keyFiles, dir };
}

/**
 * Clicks `button` and saves the key file the page downloads in the trustee's folder; returns its path.
 * @example `await saveKeyFile(t1, 'leader-2026', en.trustee.deal.button)`
 */
export async function saveKeyFile(t: TrusteeBrowser, election: string, button: string): Promise<string> {
  const [file] = await Promise.all([
    t.page.waitForEvent('download'),
    t.page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  assert.equal(file.suggestedFilename(), `${election}-trustee-${t.trustee}.key`);
  const path = join(t.dir, `${t.keyFiles.length + 1}-${file.suggestedFilename()}`);
  await file.saveAs(path);
  t.keyFiles.push(path);
  return path;
}

/**
 * Step 1 and 2 of the ceremony: a passphrase chosen, the key made, the key file saved and the key
 * published.
 * @example `await makeKey(t1, 'first trustee passphrase', 'leader-2026')`
 */
export async function makeKey(t: TrusteeBrowser, passphrase: string, election: string): Promise<void> {
  await heading(t.page, T.makeKey.title).waitFor();
  await t.page.getByLabel(T.makeKey.passphraseLabel, { exact: true }).fill(passphrase);
  await t.page.getByLabel(T.makeKey.confirmLabel, { exact: true }).fill(passphrase);
  await t.page.getByRole('button', { name: T.makeKey.button }).click();
  await heading(t.page, T.publishIdentity.title).waitFor();
  await saveKeyFile(t, election, T.publishIdentity.saveAndPublish);
  await t.page.getByText(T.saved(`${election}-trustee-${t.trustee}.key`)).waitFor();
}

/**
 * Waits (the page follows the board by itself) for the step titled `title`, then takes it: its button
 * saves the new key file. Ends when the page has moved on to one of the headings `next` (waiting for
 * the others, or — for the last trustee to act — straight to the following step).
 * @example `await takeStep(t1, 'leader-2026', en.trustee.deal, [en.trustee.waitDealings.title, en.trustee.check.title])`
 */
export async function takeStep(
  t: TrusteeBrowser,
  election: string,
  step: { title: string; button: string },
  next: readonly string[],
): Promise<void> {
  await heading(t.page, step.title).waitFor({ timeout: 30_000 });
  await saveKeyFile(t, election, step.button);
  const names = next.map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  await heading(t.page, new RegExp(`^(${names})$`)).waitFor({ timeout: 30_000 });
}

/**
 * In the booth, from the credential page to the receipt: the credential typed, `choice` chosen (a
 * candidate's name), the choices reviewed, the ballot encrypted and cast. Returns the tracker, which
 * the receipt repeats.
 * @example `const tracker = await castInBooth(page, 'vote1…', 'Ada Lovelace')`
 */
export async function castInBooth(page: Page, credential: string, choice: string): Promise<string> {
  await heading(page, en.credential.title).waitFor();
  await page.getByLabel(en.credential.label).fill(credential);
  await page.getByRole('button', { name: en.credential.button }).click();
  await heading(page, en.ballot.title).waitFor();
  await page.getByLabel(choice, { exact: true }).check();
  await page.getByRole('button', { name: en.ballot.next }).click();
  await heading(page, en.review.title).waitFor();
  await page.getByRole('definition').getByText(choice, { exact: true }).waitFor();
  await page.getByRole('button', { name: en.review.encrypt }).click();
  await heading(page, en.tracker.title).waitFor({ timeout: 30_000 });
  const tracker = (await page.getByTestId('tracker').textContent()) ?? '';
  await page.getByRole('button', { name: en.tracker.cast }).click();
  await heading(page, en.receipt.title).waitFor({ timeout: 30_000 });
  assert.equal(
    await page.getByTestId('receipt-tracker').textContent(),
    tracker,
    'the receipt has the tracker',
  );
  return tracker;
}

/**
 * On the booth's login page: asks for a login email for `email` (the page then says one is on its way).
 * @example `await askForLogin(page, 'ada@example.org')`
 */
export async function askForLogin(page: Page, email: string): Promise<void> {
  await heading(page, en.login.title).waitFor();
  await page.getByLabel(en.login.emailLabel).fill(email);
  await page.getByRole('button', { name: en.login.emailButton }).click();
  await page.getByText(en.login.emailSent).waitFor();
}
