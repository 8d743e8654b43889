/**
 * A trustee's key file (SPEC.md §7.1): the secrets of one trustee in one election (communication
 * secret, its own dealing, the shares received, the combined secret share), encrypted under a
 * passphrase. The same bytes are written and read by the command line (src/cli/key-file.ts, which adds
 * the file system: atomic writes, mode 0600) and by the trustee console in the browser
 * (src/web/trustee), so a trustee can start in one and finish in the other.
 *
 * Format (JSON):
 * ```
 * { format: 'psephos/trustee-key', version: 1, election, trustee,
 *   kdf: { name: 'scrypt', N: 131072, r: 8, p: 1, salt },   ← the header
 *   nonce, ciphertext }
 * ```
 * key = scrypt(NFC(passphrase), salt, N, r, p, 32 bytes); ciphertext = XChaCha20-Poly1305(key, nonce,
 * aad = canonical JSON of the header) of the canonical JSON of TrusteeSecrets. The header is the
 * associated data, so changing the election, the trustee or the KDF parameters makes the file fail to
 * open exactly as a wrong passphrase does.
 *
 * @example
 * ```ts
 * const header = newKeyFileHeader({ election: 'leader-2026', trustee: 2 });
 * const key = await deriveKey(passphrase, header.kdf);
 * const text = sealKeyFile(header, secrets, key);            // what is saved
 * const stored = parseKeyFile(text, 't2.key');
 * const again = openKeyFile(stored, await deriveKey(passphrase, stored.kdf), 't2.key');
 * ```
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { fromBase64url, toBase64url, utf8 } from '../crypto/bytes.ts';
import { CodedError } from '../crypto/errors.ts';
import { canonicalBytes } from './canonical.ts';
import { Base64url, Bytes32, ElementWire, ProofWire, ScalarWire } from './codec.ts';
import { Id } from './definition.ts';
import { describeIssues } from './errors.ts';
import { EncryptedShareWire } from './events.ts';

export type KeyFileErrorCode =
  | 'unreadable'
  | 'malformed'
  | 'wrong-passphrase'
  | 'exists'
  | 'weak-passphrase'
  | 'no-passphrase';

/** Everything that goes wrong with a key file or a passphrase (the CLI exits 2 on each). */
export class KeyFileError extends CodedError<KeyFileErrorCode> {}

/** The KDF cost of new files: 128 MiB and about half a second, per OWASP's scrypt guidance. */
export const DEFAULT_KDF = { N: 2 ** 17, r: 8, p: 1 } as const;
/** The shortest passphrase accepted for a new key file. */
export const MIN_PASSPHRASE_LENGTH = 12;
/** The message of a passphrase that does not open the file (or of a file changed since it was written). */
export const WRONG_PASSPHRASE = 'the passphrase does not open this key file (or the file was changed)';

const TrusteeIndex = z.int().min(1).max(255);
const Dealer = z.string().regex(/^[1-9][0-9]{0,2}$/, 'a trustee number');

/** The KDF part of the header. */
export const KdfParameters = z.strictObject({
  name: z.literal('scrypt'),
  // Bounded so that a crafted file cannot make opening it take gigabytes or hours.
  N: z
    .int()
    .min(2 ** 14)
    .max(2 ** 20)
    .refine((n) => (n & (n - 1)) === 0, 'N must be a power of 2'),
  r: z.int().min(1).max(16),
  p: z.int().min(1).max(4),
  salt: Base64url.min(22).max(86),
});

/** The header: in clear in the file, and the associated data of its encryption. */
export const KeyFileHeader = z.strictObject({
  format: z.literal('psephos/trustee-key'),
  version: z.literal(1),
  election: Id,
  trustee: TrusteeIndex,
  kdf: KdfParameters,
});

/** A whole key file as stored: the header, the nonce and the ciphertext. */
export const StoredKeyFile = KeyFileHeader.extend({
  nonce: Base64url.length(32),
  ciphertext: Base64url.min(22),
});

/** The secrets, as JSON (scalars and elements in their base64url wire forms). */
export const TrusteeSecrets = z.strictObject({
  /** The election's fingerprint when the key was made: every later step checks it. */
  fingerprint: Bytes32,
  /** e_j, the communication secret. */
  communicationSecret: ScalarWire,
  /** The published identity (E_j and its proof), to publish again after an interrupted keygen. */
  identity: z.strictObject({ communicationKey: ElementWire, proof: ProofWire }),
  /** This trustee's dealing: f_j(j), kept, and what was (or is to be) published. */
  dealing: z
    .strictObject({
      ownShare: ScalarWire,
      coefficients: z.array(ElementWire).min(1).max(255),
      proofs: z.array(ProofWire).min(1).max(255),
      shares: z.array(EncryptedShareWire).max(254),
    })
    .optional(),
  /** f_i(j) from each dealer i whose share opened and matched its commitments. */
  received: z.record(Dealer, ScalarWire).optional(),
  /** Dealers this trustee complained about. */
  complaints: z.array(TrusteeIndex).optional(),
  /** x_j = Σ f_i(j) over the dealers qualified when it was computed. */
  combinedShare: ScalarWire.optional(),
});

export type KdfParameters = z.infer<typeof KdfParameters>;
export type KeyFileHeader = z.infer<typeof KeyFileHeader>;
export type StoredKeyFile = z.infer<typeof StoredKeyFile>;
export type TrusteeSecrets = z.infer<typeof TrusteeSecrets>;

/**
 * A key derivation: `deriveKey` here (pure TypeScript, browsers and Node), or Node's own scrypt in
 * the CLI (on its thread pool); both give the same 32 bytes.
 */
export type DeriveKey = (passphrase: string, kdf: KdfParameters) => Promise<Uint8Array>;

/**
 * The memory limit to give scrypt for these parameters: twice the 128·N·r bytes its large array
 * needs, plus 1 MiB (the default limits of the libraries are lower than 2^20 × 16 allows, or higher
 * than a crafted file should get).
 * @example `scryptMaxmem({ N: 2 ** 17, r: 8 })  // 269 484 032`
 */
export function scryptMaxmem(kdf: { N: number; r: number }): number {
  return 128 * kdf.N * kdf.r * 2 + 1024 * 1024;
}

/**
 * The 32-byte file key: scrypt over the NFC-normalised passphrase (the same passphrase typed on
 * another keyboard or system gives the same key). Yields to the event loop as it goes, so a page
 * stays responsive; `onProgress` gets 0..1.
 * @example `const key = await deriveKey('correct horse battery', stored.kdf, (f) => bar.value = f)`
 */
export function deriveKey(
  passphrase: string,
  kdf: KdfParameters,
  onProgress?: (fraction: number) => void,
): Promise<Uint8Array> {
  return scryptAsync(utf8(passphrase.normalize('NFC')), fromBase64url(kdf.salt), {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    dkLen: 32,
    maxmem: scryptMaxmem(kdf),
    ...(onProgress ? { onProgress } : {}),
  });
}

/**
 * KeyFileError `weak-passphrase` under MIN_PASSPHRASE_LENGTH characters (counted as code points).
 * @example `assertStrongPassphrase('correct horse battery')`
 */
export function assertStrongPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH)
    throw new KeyFileError(
      'weak-passphrase',
      `a key file's passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`,
    );
}

/**
 * The header of a new key file, with a fresh 32-byte salt.
 * @example `newKeyFileHeader({ election: 'leader-2026', trustee: 2 })`
 */
export function newKeyFileHeader(
  who: { election: string; trustee: number },
  kdf: { N: number; r: number; p: number } = DEFAULT_KDF,
  salt: Uint8Array = randomBytes(32),
): KeyFileHeader {
  return KeyFileHeader.parse({
    format: 'psephos/trustee-key',
    version: 1,
    election: who.election,
    trustee: who.trustee,
    kdf: { name: 'scrypt', N: kdf.N, r: kdf.r, p: kdf.p, salt: toBase64url(salt) },
  });
}

/**
 * The file's text: the header, a fresh nonce (given only by test vectors), and the secrets encrypted
 * with the header as associated data. Checks the secrets' shape first.
 * @example `downloadText('t2.key', sealKeyFile(header, secrets, key))`
 */
export function sealKeyFile(
  header: KeyFileHeader,
  secrets: TrusteeSecrets,
  key: Uint8Array,
  nonce: Uint8Array = randomBytes(24),
): string {
  const checkedHeader = KeyFileHeader.parse(header);
  const ciphertext = xchacha20poly1305(key, nonce, canonicalBytes(checkedHeader)).encrypt(
    canonicalBytes(TrusteeSecrets.parse(secrets)),
  );
  const stored = { ...checkedHeader, nonce: toBase64url(nonce), ciphertext: toBase64url(ciphertext) };
  return `${JSON.stringify(stored, null, 2)}\n`;
}

/**
 * Reads a key file's text; KeyFileError `malformed` (naming `name`, e.g. the path) if it is not one.
 * @example `const stored = parseKeyFile(await file.text(), file.name); stored.trustee`
 */
export function parseKeyFile(text: string, name: string): StoredKeyFile {
  const json = parseJson(text);
  if (json === undefined)
    throw new KeyFileError('malformed', `${name} is not a Psephos trustee key file (not JSON)`);
  const parsed = StoredKeyFile.safeParse(json);
  if (!parsed.success)
    throw new KeyFileError(
      'malformed',
      `${name} is not a Psephos trustee key file (${describeIssues(parsed.error.issues)})`,
    );
  return parsed.data;
}

/**
 * The header of a stored file (what the ciphertext is bound to).
 * @example `headerOf(parseKeyFile(text, 't2.key')).trustee  // 2`
 */
export function headerOf(stored: StoredKeyFile): KeyFileHeader {
  const { nonce: _nonce, ciphertext: _ciphertext, ...header } = stored;
  return header;
}

/**
 * Decrypts a stored file with its key. KeyFileError `wrong-passphrase` (or a changed byte anywhere:
 * the tag covers ciphertext and header), `malformed` if it opens but holds no trustee's secrets.
 * @example `const secrets = openKeyFile(stored, await deriveKey(passphrase, stored.kdf), 't2.key')`
 */
export function openKeyFile(stored: StoredKeyFile, key: Uint8Array, name: string): TrusteeSecrets {
  let plaintext: Uint8Array;
  try {
    plaintext = xchacha20poly1305(
      key,
      fromBase64url(stored.nonce, 24),
      canonicalBytes(headerOf(stored)),
    ).decrypt(fromBase64url(stored.ciphertext));
  } catch {
    throw new KeyFileError('wrong-passphrase', WRONG_PASSPHRASE);
  }
  const secrets = TrusteeSecrets.safeParse(parseJson(new TextDecoder().decode(plaintext)));
  if (!secrets.success)
    throw new KeyFileError('malformed', `${name} opens, but its contents are not a trustee's secrets`);
  return secrets.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
