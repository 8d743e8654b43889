/**
 * The key file in the browser, in the format the command line uses (src/protocol/trustee-key.ts): made
 * from a passphrase, opened from a file the trustee picks, and downloaded again whenever its secrets
 * change. What is open lives in the page's memory only (never in the browser's storage): the header,
 * the derived file key (so that saving again needs no passphrase) and the secrets.
 *
 * @example
 * ```ts
 * const key = await newKey({ election: 'leader-2026', trustee: 2 }, passphrase, secrets, setProgress);
 * downloadText(keyFileName(key.header), keyFileText(key)); // leader-2026-trustee-2.key
 * const again = await openKey(file, passphrase, expected, setProgress);
 * ```
 */
import {
  assertStrongPassphrase,
  deriveKey,
  headerOf,
  KeyFileError,
  type KeyFileHeader,
  MIN_PASSPHRASE_LENGTH,
  newKeyFileHeader,
  openKeyFile,
  parseKeyFile,
  sealKeyFile,
  type TrusteeSecrets,
} from '../../protocol/trustee-key.ts';
import { TrusteeProblem } from '../../protocol/trustee-steps.ts';

/** An open key file. */
export interface OpenKey {
  readonly header: KeyFileHeader;
  /** The file key derived from the passphrase (re-encrypts the secrets on each save). */
  readonly key: Uint8Array;
  readonly secrets: TrusteeSecrets;
  /** Whether the trustee has downloaded a file holding exactly these secrets. */
  readonly saved: boolean;
}

/** The largest file taken as a key file (one with 255 trustees' shares is about 60 kB). */
const MAX_KEY_FILE_BYTES = 1024 * 1024;

/**
 * A new key file's header and key, from a passphrase of at least MIN_PASSPHRASE_LENGTH characters
 * (KeyFileError `weak-passphrase` otherwise), with the given first secrets; not saved yet.
 * @example `const key = await newKey({ election, trustee }, passphrase, makeIdentity(group, board, trustee))`
 */
export async function newKey(
  who: { election: string; trustee: number },
  passphrase: string,
  secrets: TrusteeSecrets,
  onProgress?: (fraction: number) => void,
): Promise<OpenKey> {
  assertStrongPassphrase(passphrase);
  const header = newKeyFileHeader(who);
  const key = await deriveKey(passphrase, header.kdf, onProgress);
  return { header, key, secrets, saved: false };
}

/**
 * Opens a key file the trustee picked. KeyFileError `malformed` (not a key file) or `wrong-passphrase`;
 * TrusteeProblem `other-election`, `other-trustee` (with the file's trustee) or `other-definition`
 * when it is a key file, but not this trustee's for this election.
 * @example `const key = await openKey(input.files[0], passphrase, { election, trustee: 2, fingerprint })`
 */
export async function openKey(
  file: Blob & { readonly name: string },
  passphrase: string,
  expected: { election: string; trustee: number; fingerprint: string },
  onProgress?: (fraction: number) => void,
): Promise<OpenKey> {
  if (file.size > MAX_KEY_FILE_BYTES)
    throw new KeyFileError('malformed', `${file.name} is too large to be a key file`);
  const stored = parseKeyFile(await file.text(), file.name);
  if (stored.election !== expected.election)
    throw new TrusteeProblem('other-election', `${file.name} is for election ${stored.election}`);
  if (stored.trustee !== expected.trustee)
    throw new TrusteeProblem('other-trustee', `${file.name} is trustee ${stored.trustee}'s`, [
      stored.trustee,
    ]);
  const key = await deriveKey(passphrase, stored.kdf, onProgress);
  const secrets = openKeyFile(stored, key, file.name);
  if (secrets.fingerprint !== expected.fingerprint)
    throw new TrusteeProblem('other-definition', `${file.name} was made for another definition`);
  return { header: headerOf(stored), key, secrets, saved: true };
}

/**
 * The name the key file is downloaded under.
 * @example `keyFileName({ election: 'leader-2026', trustee: 2 })  // 'leader-2026-trustee-2.key'`
 */
export function keyFileName(header: { election: string; trustee: number }): string {
  return `${header.election}-trustee-${header.trustee}.key`;
}

/**
 * The key file's text with the open secrets (a fresh nonce each time), to download.
 * @example `downloadText(keyFileName(key.header), keyFileText(key))`
 */
export function keyFileText(open: OpenKey): string {
  return sealKeyFile(open.header, open.secrets, open.key);
}

/**
 * How hard a passphrase looks (a hint for the trustee, not a rule beyond the minimum length).
 * @example `passphraseStrength('correct horse battery staple')  // 'strong'`
 */
export function passphraseStrength(passphrase: string): 'short' | 'weak' | 'fair' | 'strong' {
  const characters = [...passphrase];
  if (characters.length < MIN_PASSPHRASE_LENGTH) return 'short';
  if (new Set(characters).size < 6) return 'weak';
  const words = passphrase.split(/[\s\p{P}]+/u).filter((w) => w.length > 0);
  return characters.length >= 20 || words.length >= 4 ? 'strong' : 'fair';
}
