/**
 * A trustee's key file: the secrets of one trustee in one election (communication secret, its own
 * dealing, the shares received, the combined secret share), encrypted under a passphrase, so that a
 * stolen file alone reveals nothing and the secrets never leave the trustee's machine unencrypted.
 *
 * Format (JSON, file mode 0600):
 * ```
 * { format: 'psephos/trustee-key', version: 1, election, trustee,
 *   kdf: { name: 'scrypt', N: 131072, r: 8, p: 1, salt },   ← the header
 *   nonce, ciphertext }
 * ```
 * key = scrypt(NFC(passphrase), salt, N, r, p, 32 bytes); ciphertext = XChaCha20-Poly1305(key, nonce,
 * aad = canonical JSON of the header) of the canonical JSON of TrusteeSecrets. The header is the
 * associated data, so changing the election, the trustee or the KDF parameters makes the file fail to
 * open exactly as a wrong passphrase does. Every write goes to `<file>.tmp`, is flushed, then renamed
 * over the file, so a crash leaves the old file or the new one, never half of one.
 *
 * @example
 * ```ts
 * const file = await KeyFile.create('t2.key', { election: 'leader-2026', trustee: 2 }, secrets, passphrase);
 * const again = await KeyFile.open('t2.key', passphrase);   // KeyFileError 'wrong-passphrase' if not
 * await again.save({ ...again.secrets, combinedShare });
 * ```
 */
import { randomBytes, scrypt } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { z } from 'zod';
import { fromBase64url, toBase64url } from '../crypto/bytes.ts';
import { CodedError } from '../crypto/errors.ts';
import { canonicalBytes } from '../protocol/canonical.ts';
import { Base64url, Bytes32, ElementWire, ProofWire, ScalarWire } from '../protocol/codec.ts';
import { Id } from '../protocol/definition.ts';
import { describeIssues } from '../protocol/errors.ts';
import { EncryptedShareWire } from '../protocol/events.ts';

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

const Kdf = z.strictObject({
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

const Header = z.strictObject({
  format: z.literal('psephos/trustee-key'),
  version: z.literal(1),
  election: Id,
  trustee: TrusteeIndex,
  kdf: Kdf,
});

const FileSchema = Header.extend({ nonce: Base64url.length(32), ciphertext: Base64url.min(22) });

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

export type KeyFileHeader = z.infer<typeof Header>;
export type TrusteeSecrets = z.infer<typeof TrusteeSecrets>;

/** An open key file: its header, its secrets, and (privately) the key that re-encrypts them on save. */
export class KeyFile {
  readonly path: string;
  readonly header: KeyFileHeader;
  #secrets: TrusteeSecrets;
  readonly #key: Uint8Array;

  private constructor(path: string, header: KeyFileHeader, secrets: TrusteeSecrets, key: Uint8Array) {
    this.path = path;
    this.header = header;
    this.#secrets = secrets;
    this.#key = key;
  }

  get secrets(): TrusteeSecrets {
    return this.#secrets;
  }

  /**
   * Writes a new key file; KeyFileError `exists` if there is one already (a key file is never
   * overwritten: it may be the only copy of a trustee's share), `weak-passphrase` under 12 characters.
   * @example `await KeyFile.create('t1.key', { election: 'leader-2026', trustee: 1 }, secrets, passphrase)`
   */
  static async create(
    path: string,
    who: { election: string; trustee: number },
    secrets: TrusteeSecrets,
    passphrase: string,
    kdf: { N: number; r: number; p: number } = DEFAULT_KDF,
  ): Promise<KeyFile> {
    assertStrongPassphrase(passphrase);
    const header = Header.parse({
      format: 'psephos/trustee-key',
      version: 1,
      election: who.election,
      trustee: who.trustee,
      kdf: { name: 'scrypt', ...kdf, salt: toBase64url(randomBytes(32)) },
    });
    const key = await deriveKey(passphrase, header.kdf);
    const file = new KeyFile(path, header, TrusteeSecrets.parse(secrets), key);
    writeAtomically(path, file.#seal(), 'create');
    return file;
  }

  /**
   * Reads and decrypts a key file. KeyFileError: `unreadable` (missing, unreadable), `malformed` (not a
   * key file), `wrong-passphrase` (or a changed byte anywhere: the tag covers ciphertext and header).
   * @example `const file = await KeyFile.open('t1.key', passphrase); file.secrets.communicationSecret`
   */
  static async open(path: string, passphrase: string): Promise<KeyFile> {
    const stored = parseStored(path, readText(path));
    const { nonce, ciphertext, ...header } = stored;
    const key = await deriveKey(passphrase, header.kdf);
    let plaintext: Uint8Array;
    try {
      plaintext = xchacha20poly1305(key, fromBase64url(nonce, 24), canonicalBytes(header)).decrypt(
        fromBase64url(ciphertext),
      );
    } catch {
      throw new KeyFileError('wrong-passphrase', WRONG_PASSPHRASE);
    }
    const secrets = TrusteeSecrets.safeParse(parseJson(new TextDecoder().decode(plaintext)));
    if (!secrets.success)
      throw new KeyFileError('malformed', `${path} opens, but its contents are not a trustee's secrets`);
    return new KeyFile(path, header, secrets.data, key);
  }

  /**
   * Replaces the secrets and rewrites the file atomically (fresh nonce, same salt and key).
   * @example `await file.save({ ...file.secrets, complaints: [1] })`
   */
  async save(secrets: TrusteeSecrets): Promise<void> {
    this.#secrets = TrusteeSecrets.parse(secrets);
    writeAtomically(this.path, this.#seal(), 'replace');
  }

  /** The file's text: the header, a fresh nonce, and the secrets encrypted with the header as AAD. */
  #seal(): string {
    const nonce = randomBytes(24);
    const ciphertext = xchacha20poly1305(this.#key, nonce, canonicalBytes(this.header)).encrypt(
      canonicalBytes(this.#secrets),
    );
    const stored = { ...this.header, nonce: toBase64url(nonce), ciphertext: toBase64url(ciphertext) };
    return `${JSON.stringify(stored, null, 2)}\n`;
  }
}

/**
 * Whether the file can be read by others than its owner (a warning, not an error: the content is
 * encrypted, but a key file should be private).
 * @example `if (exposedToOthers(path)) warn('chmod 600 ' + path)`
 */
export function exposedToOthers(path: string): boolean {
  try {
    return (statSync(path).mode & 0o077) !== 0;
  } catch {
    return false;
  }
}

/** @example `assertStrongPassphrase('correct horse battery')` */
export function assertStrongPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH)
    throw new KeyFileError(
      'weak-passphrase',
      `a key file's passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`,
    );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new KeyFileError('unreadable', `cannot read the key file ${path}${code ? ` (${code})` : ''}`);
  }
}

function parseStored(path: string, text: string): z.infer<typeof FileSchema> {
  const json = parseJson(text);
  if (json === undefined)
    throw new KeyFileError('malformed', `${path} is not a Psephos trustee key file (not JSON)`);
  const parsed = FileSchema.safeParse(json);
  if (!parsed.success)
    throw new KeyFileError(
      'malformed',
      `${path} is not a Psephos trustee key file (${describeIssues(parsed.error.issues)})`,
    );
  return parsed.data;
}

/** scrypt on the thread pool (a server in the same process keeps answering meanwhile). */
function deriveKey(passphrase: string, kdf: z.infer<typeof Kdf>): Promise<Uint8Array> {
  // Unicode normalisation: the same passphrase typed on another keyboard or system gives the same key.
  const password = passphrase.normalize('NFC');
  const maxmem = 128 * kdf.N * kdf.r * 2 + 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(password, fromBase64url(kdf.salt), 32, { ...kdf, maxmem }, (error, key) =>
      error
        ? reject(
            new KeyFileError('malformed', `the key file's KDF parameters are unusable: ${error.message}`),
          )
        : resolve(new Uint8Array(key)),
    ),
  );
}

/**
 * Writes `<path>.tmp` (mode 0600, flushed) and then either links it to `path` (create: fails if the
 * file exists) or renames it over `path` (replace); flushes the directory so the rename is durable.
 */
function writeAtomically(path: string, text: string, mode: 'create' | 'replace'): void {
  const tmp = `${path}.tmp`;
  // A stale .tmp from an interrupted run may have another mode; start afresh so 0600 applies.
  rmSync(tmp, { force: true });
  try {
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (mode === 'create') {
      linkSync(tmp, path);
      rmSync(tmp, { force: true });
    } else renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new KeyFileError('exists', `${path} already exists; a key file is never overwritten`);
    throw new KeyFileError('unreadable', `cannot write the key file ${path}${code ? ` (${code})` : ''}`);
  }
  syncDirectory(dirname(path));
}

function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the file itself is already flushed.
  }
}

// ---------------------------------------------------------------------------------------------------
// The passphrase

export interface PassphraseSource {
  /** `--passphrase-file`: its first line is the passphrase. */
  readonly file?: string | undefined;
  /** The environment (PSEPHOS_PASSPHRASE). */
  readonly env?: NodeJS.ProcessEnv;
  /** A new key file: the passphrase is asked twice on a terminal and must be long enough. */
  readonly create: boolean;
}

/**
 * The passphrase from `--passphrase-file`, else PSEPHOS_PASSPHRASE, else a prompt without echo when
 * standard input is a terminal; KeyFileError `no-passphrase` otherwise.
 * @example `const passphrase = await readPassphrase({ file: opts.passphraseFile, create: false })`
 */
export async function readPassphrase(source: PassphraseSource): Promise<string> {
  const passphrase = await obtain(source);
  if (passphrase.length === 0) throw new KeyFileError('no-passphrase', 'the passphrase is empty');
  if (source.create) assertStrongPassphrase(passphrase);
  return passphrase;
}

async function obtain(source: PassphraseSource): Promise<string> {
  if (source.file !== undefined) {
    let text: string;
    try {
      text = readFileSync(source.file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new KeyFileError(
        'no-passphrase',
        `cannot read the passphrase file ${source.file}${code ? ` (${code})` : ''}`,
      );
    }
    return text.split(/\r?\n/)[0] ?? '';
  }
  const fromEnv = (source.env ?? process.env).PSEPHOS_PASSPHRASE;
  if (fromEnv !== undefined) return fromEnv;
  if (!process.stdin.isTTY)
    throw new KeyFileError(
      'no-passphrase',
      'no passphrase: give --passphrase-file, set PSEPHOS_PASSPHRASE, or run on a terminal to be asked',
    );
  if (!source.create) return promptHidden('Passphrase of the key file: ');
  process.stderr.write(
    `Choose a passphrase for the new key file (at least ${MIN_PASSPHRASE_LENGTH} characters; it cannot be recovered).\n`,
  );
  const first = await promptHidden('New passphrase: ');
  assertStrongPassphrase(first);
  const second = await promptHidden('The same again: ');
  if (first !== second) throw new KeyFileError('no-passphrase', 'the two passphrases differ');
  return first;
}

/** Reads a line from the terminal without echoing it (raw mode; backspace works, Ctrl-C cancels). */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed: string[] = [];
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(typed.join(''));
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new KeyFileError('no-passphrase', 'cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed.push(ch);
      }
    };
    stdin.on('data', onData);
  });
}
