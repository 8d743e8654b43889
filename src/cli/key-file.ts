/**
 * A trustee's key file on disk: the format (the secrets encrypted under a passphrase; SPEC.md §7.1)
 * is src/protocol/trustee-key.ts, shared with the trustee console in the browser, so a file made by
 * either opens in the other. This module adds the file system and the terminal: every write goes to
 * `<file>.tmp` (mode 0600), is flushed, then renamed over the file, so a crash leaves the old file or
 * the new one, never half of one; a key file is never overwritten by `create`; the passphrase comes
 * from a file, the environment or a prompt without echo. The key is derived with Node's own scrypt
 * (on the thread pool: a server in the same process keeps answering meanwhile), which gives the same
 * bytes as the shared module's (test/protocol/trustee-key.test.ts).
 *
 * @example
 * ```ts
 * const file = await KeyFile.create('t2.key', { election: 'leader-2026', trustee: 2 }, secrets, passphrase);
 * const again = await KeyFile.open('t2.key', passphrase);   // KeyFileError 'wrong-passphrase' if not
 * await again.save({ ...again.secrets, combinedShare });
 * ```
 */
import { scrypt } from 'node:crypto';
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
import { fromBase64url } from '../crypto/bytes.ts';
import {
  assertStrongPassphrase,
  DEFAULT_KDF,
  type DeriveKey,
  headerOf,
  KeyFileError,
  type KeyFileHeader,
  MIN_PASSPHRASE_LENGTH,
  newKeyFileHeader,
  openKeyFile,
  parseKeyFile,
  scryptMaxmem,
  sealKeyFile,
  TrusteeSecrets,
} from '../protocol/trustee-key.ts';

export {
  assertStrongPassphrase,
  DEFAULT_KDF,
  KeyFileError,
  type KeyFileErrorCode,
  type KeyFileHeader,
  MIN_PASSPHRASE_LENGTH,
  TrusteeSecrets,
  WRONG_PASSPHRASE,
} from '../protocol/trustee-key.ts';

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
    const header = newKeyFileHeader(who, kdf);
    const key = await nodeScrypt(passphrase, header.kdf);
    const file = new KeyFile(path, header, TrusteeSecrets.parse(secrets), key);
    writeAtomically(path, sealKeyFile(header, file.#secrets, key), 'create');
    return file;
  }

  /**
   * Reads and decrypts a key file. KeyFileError: `unreadable` (missing, unreadable), `malformed` (not a
   * key file), `wrong-passphrase` (or a changed byte anywhere: the tag covers ciphertext and header).
   * @example `const file = await KeyFile.open('t1.key', passphrase); file.secrets.communicationSecret`
   */
  static async open(path: string, passphrase: string): Promise<KeyFile> {
    const stored = parseKeyFile(readText(path), path);
    const key = await nodeScrypt(passphrase, stored.kdf);
    return new KeyFile(path, headerOf(stored), openKeyFile(stored, key, path), key);
  }

  /**
   * Replaces the secrets and rewrites the file atomically (fresh nonce, same salt and key).
   * @example `await file.save({ ...file.secrets, complaints: [1] })`
   */
  async save(secrets: TrusteeSecrets): Promise<void> {
    this.#secrets = TrusteeSecrets.parse(secrets);
    writeAtomically(this.path, sealKeyFile(this.header, this.#secrets, this.#key), 'replace');
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

/**
 * The file key by Node's scrypt, on the thread pool: the same bytes as the shared `deriveKey` (NFC
 * passphrase, same memory limit), faster, and without holding up a server in the same process.
 * @example `const key = await nodeScrypt(passphrase, stored.kdf)`
 */
export const nodeScrypt: DeriveKey = (passphrase, kdf) =>
  new Promise((resolve, reject) =>
    scrypt(
      passphrase.normalize('NFC'),
      fromBase64url(kdf.salt),
      32,
      { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: scryptMaxmem(kdf) },
      (error, key) =>
        error
          ? reject(
              new KeyFileError('malformed', `the key file's KDF parameters are unusable: ${error.message}`),
            )
          : resolve(new Uint8Array(key)),
    ),
  );

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new KeyFileError('unreadable', `cannot read the key file ${path}${code ? ` (${code})` : ''}`);
  }
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
