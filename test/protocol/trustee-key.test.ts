/**
 * The trustee key file's format (SPEC.md §7.1), shared by the command line and the browser: the
 * vector (test/vectors/trustee-key.json) re-derived byte by byte with both scrypts; Node's scrypt and
 * the pure-TypeScript one agree on the parameters of new files (maxmem included); a file written by
 * the CLI opens with the shared code (as the browser opens it) and a file sealed by the shared code
 * opens in the CLI; and every way a file fails to open has its code.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { KeyFile, nodeScrypt } from '../../src/cli/key-file.ts';
import { fromHex, toBase64url, toHex, utf8 } from '../../src/crypto/bytes.ts';
import { canonicalBytes } from '../../src/protocol/canonical.ts';
import {
  DEFAULT_KDF,
  deriveKey,
  headerOf,
  KeyFileError,
  type KeyFileHeader,
  newKeyFileHeader,
  openKeyFile,
  parseKeyFile,
  sealKeyFile,
  type TrusteeSecrets,
} from '../../src/protocol/trustee-key.ts';

const vector = JSON.parse(readFileSync(new URL('../vectors/trustee-key.json', import.meta.url), 'utf8')) as {
  passphrase: string;
  header: KeyFileHeader;
  keyHex: string;
  nonceHex: string;
  secrets: TrusteeSecrets;
  file: string;
};

const dir = mkdtempSync(join(tmpdir(), 'psephos-trustee-key-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const refused = (code: string) => (e: unknown) => e instanceof KeyFileError && e.code === code;

describe('the trustee key file', () => {
  test('the vector: both scrypts give its key, also from a decomposed passphrase; sealing gives its text', async () => {
    const decomposed = vector.passphrase.normalize('NFD');
    assert.notEqual(decomposed, vector.passphrase, 'the passphrase has letters that decompose');
    const keys = await Promise.all([
      deriveKey(vector.passphrase, vector.header.kdf),
      nodeScrypt(vector.passphrase, vector.header.kdf),
      deriveKey(decomposed, vector.header.kdf),
      nodeScrypt(decomposed, vector.header.kdf),
    ]);
    for (const key of keys) assert.equal(toHex(key), vector.keyHex);
    const text = sealKeyFile(vector.header, vector.secrets, fromHex(vector.keyHex), fromHex(vector.nonceHex));
    assert.equal(text, vector.file);
    const stored = parseKeyFile(vector.file, 'the vector');
    assert.deepEqual(headerOf(stored), vector.header);
    assert.deepEqual(openKeyFile(stored, fromHex(vector.keyHex), 'the vector'), vector.secrets);
  });

  test('the vector opens in the command line, with its passphrase only', async () => {
    const path = join(dir, 'vector.key');
    writeFileSync(path, vector.file);
    const file = await KeyFile.open(path, vector.passphrase);
    assert.deepEqual(file.secrets, vector.secrets);
    assert.deepEqual(file.header, vector.header);
    await assert.rejects(KeyFile.open(path, `${vector.passphrase}.`), refused('wrong-passphrase'));
  });

  test("Node's scrypt and the shared one agree on the parameters of new files (N = 2^17, 128 MiB)", async () => {
    const header = newKeyFileHeader({ election: 'leader-2026', trustee: 1 });
    assert.deepEqual({ ...header.kdf, salt: undefined }, { name: 'scrypt', ...DEFAULT_KDF, salt: undefined });
    const [shared, node] = await Promise.all([
      deriveKey('correct horse battery staple', header.kdf),
      nodeScrypt('correct horse battery staple', header.kdf),
    ]);
    assert.equal(toHex(shared), toHex(node));
    assert.notEqual(toHex(shared), toHex(new Uint8Array(32)));
  });

  test('a file written by the command line opens with the shared code, and the other way round', async () => {
    const passphrase = 'a passphrase typed in the browser';
    const path = join(dir, 'cli.key');
    const who = { election: 'leader-2026', trustee: 2 };
    const cli = await KeyFile.create(path, who, vector.secrets, passphrase, { N: 2 ** 14, r: 8, p: 1 });
    const stored = parseKeyFile(readFileSync(path, 'utf8'), 'cli.key');
    const secrets = openKeyFile(stored, await deriveKey(passphrase, stored.kdf), 'cli.key');
    assert.deepEqual(secrets, vector.secrets);
    assert.deepEqual(headerOf(stored), cli.header);

    // As the browser does: header, key, seal; then the CLI opens the text and saves over it.
    const header = newKeyFileHeader(who, { N: 2 ** 14, r: 8, p: 1 });
    const key = await deriveKey(passphrase, header.kdf);
    const browserPath = join(dir, 'browser.key');
    writeFileSync(browserPath, sealKeyFile(header, { ...vector.secrets, complaints: [3] }, key));
    const opened = await KeyFile.open(browserPath, passphrase);
    assert.deepEqual(opened.secrets.complaints, [3]);
    await opened.save({ ...opened.secrets, complaints: [] });
    const resaved = parseKeyFile(readFileSync(browserPath, 'utf8'), 'browser.key');
    assert.equal(resaved.kdf.salt, header.kdf.salt, 'saving keeps the salt (and so the passphrase)');
    assert.deepEqual(openKeyFile(resaved, key, 'browser.key').complaints, []);
  });

  test('a changed header, ciphertext or nonce reads as a wrong passphrase; a non-file as malformed', () => {
    const key = fromHex(vector.keyHex);
    const stored = parseKeyFile(vector.file, 'v');
    const flip = (text: string) => `${text[0] === 'A' ? 'B' : 'A'}${text.slice(1)}`;
    for (const changed of [
      { ...stored, trustee: 3 },
      { ...stored, election: 'other-election' },
      { ...stored, kdf: { ...stored.kdf, p: 2 } },
      { ...stored, ciphertext: flip(stored.ciphertext) },
      { ...stored, nonce: flip(stored.nonce) },
    ])
      assert.throws(() => openKeyFile(changed, key, 'v'), refused('wrong-passphrase'));
    assert.throws(() => openKeyFile(stored, new Uint8Array(32), 'v'), refused('wrong-passphrase'));
    assert.throws(() => parseKeyFile('hello', 'notes.txt'), /notes\.txt is not a Psephos trustee key file/);
    assert.throws(() => parseKeyFile(JSON.stringify({ ...stored, note: 1 }), 'x'), refused('malformed'));
    assert.throws(
      () => parseKeyFile(JSON.stringify({ ...stored, kdf: { ...stored.kdf, N: 2 ** 21 } }), 'x'),
      refused('malformed'),
      'a crafted file cannot ask for gigabytes',
    );
    // The right key, but something else inside: it opens, and is refused as malformed.
    const nonce = fromHex(vector.nonceHex);
    const inside = xchacha20poly1305(key, nonce, canonicalBytes(vector.header)).encrypt(utf8('{"a":1}'));
    const odd = { ...stored, ciphertext: toBase64url(inside) };
    assert.throws(() => openKeyFile(odd, key, 'odd.key'), /odd\.key opens, but its contents are not/);
  });
});
