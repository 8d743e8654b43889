/**
 * Steps in the organiser's and the trustees' consoles that several browser tests take the same way: a
 * dashboard step confirmed in its dialog (checked with axe-core on the way), and a trustee's key file
 * opened with its passphrase. Not a test file.
 *
 * @example
 * ```ts
 * await confirmStep(page, en.console.steps.open, 'opening');
 * await openKey(trusteePage, en.trustee, '/tmp/leader-2026-trustee-1.key', 'a long passphrase');
 * ```
 */
import type { Page } from 'playwright-core';
import type { en } from '../../src/web/i18n/en.ts';
import { assertAccessible } from '../web/fixtures.ts';

/**
 * Clicks a dashboard step's button, checks the dialog says what it will do (and passes axe-core), and
 * confirms.
 * @example `await confirmStep(page, en.console.steps.close, 'closing')`
 */
export async function confirmStep(
  p: Page,
  step: { button: string; title: string },
  what: string,
): Promise<void> {
  await p.getByRole('button', { name: step.button }).click();
  const dialog = p.getByRole('dialog', { name: step.title });
  await dialog.waitFor();
  await assertAccessible(p, `the confirmation: ${what}`);
  await dialog.getByRole('button', { name: step.button }).click();
}

/**
 * Opens a key file in the trustee console (the passphrase typed), as after a reload or on another day.
 * @example `await openKey(page, en.trustee, keyFile, passphrase)`
 */
export async function openKey(
  page: Page,
  texts: typeof en.trustee,
  path: string,
  passphrase: string,
): Promise<void> {
  await page.getByLabel(texts.openKey.fileLabel, { exact: true }).setInputFiles(path);
  await page.getByLabel(texts.openKey.passphraseLabel, { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: texts.openKey.button }).click();
}
