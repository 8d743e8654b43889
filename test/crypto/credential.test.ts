/**
 * Voting credentials (src/crypto/credential.ts): the text a voter types (`vote1` + 32 bech32m
 * characters), its normalisation and typo detection, and the derivation of the signing secret and the
 * public credential (on both backends).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bech32m } from '@scure/base';
import fc from 'fast-check';
import { loadBothGroups } from '../../src/crypto/backends.ts';
import { toHex, utf8 } from '../../src/crypto/bytes.ts';
import {
  deriveCredential,
  formatCredential,
  generateCredential,
  normaliseCredential,
} from '../../src/crypto/credential.ts';
import { CryptoError, type CryptoErrorCode } from '../../src/crypto/errors.ts';
import type { Group } from '../../src/crypto/group.ts';
import { hashToScalar } from '../../src/crypto/hash.ts';
import { signMessage, verifySignature } from '../../src/crypto/signature.ts';

const groups = await loadBothGroups();
const [sodium, noble] = groups as [Group, Group];

/** The bech32 data alphabet. */
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const SHAPE = new RegExp(`^vote1[${CHARSET}]{32}$`);
/** Everything a voter could type by mistake in place of a character: letters and digits. */
const TYPABLE = 'abcdefghijklmnopqrstuvwxyz0123456789';
const PREFIX_LENGTH = 'vote1'.length;

const entropyArb = fc.uint8Array({ minLength: 16, maxLength: 16 });
const credentialArb = entropyArb.map((e) => generateCredential(e));

function throwsCode(fn: () => unknown, code: CryptoErrorCode, message?: string): void {
  assert.throws(
    fn,
    (e: unknown) => e instanceof CryptoError && e.code === code,
    message ?? `expected CryptoError ${code}`,
  );
}

/** The text with the character at `position` replaced. */
const replaceAt = (text: string, position: number, c: string) =>
  text.slice(0, position) + c + text.slice(position + 1);

describe('credential text', () => {
  test('generateCredential gives vote1 and 32 bech32m characters, different every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const text = generateCredential();
      assert.match(text, SHAPE);
      assert.equal(normaliseCredential(text), text);
      seen.add(text);
    }
    assert.equal(seen.size, 50);
  });

  test('generateCredential is a function of its 16 bytes of entropy, and needs exactly 16', () => {
    fc.assert(
      fc.property(entropyArb, (entropy) => {
        const text = generateCredential(entropy);
        assert.match(text, SHAPE);
        assert.equal(generateCredential(Uint8Array.from(entropy)), text);
        assert.deepEqual(bech32m.fromWords(bech32m.decode(text as `${string}1${string}`).words), entropy);
      }),
      { numRuns: 100 },
    );
    assert.equal(
      generateCredential(new Uint8Array(16)),
      bech32m.encode('vote', bech32m.toWords(new Uint8Array(16))),
    );
    for (const length of [0, 15, 17, 32]) {
      throwsCode(() => generateCredential(new Uint8Array(length)), 'bad-parameters', `${length} bytes`);
    }
  });

  test('formatCredential groups the text by four after vote1, and normalises back', () => {
    fc.assert(
      fc.property(credentialArb, (text) => {
        const printed = formatCredential(text);
        assert.match(printed, /^vote1( [a-z0-9]{4}){8}$/);
        assert.equal(printed.replaceAll(' ', ''), text);
        assert.equal(normaliseCredential(printed), text);
      }),
      { numRuns: 100 },
    );
  });

  test('normaliseCredential accepts upper case, spaces, hyphens and line breaks', () => {
    fc.assert(
      fc.property(credentialArb, fc.constantFrom(' ', '-', '\n', '\t', ' - ', '\r\n'), (text, separator) => {
        const printed = formatCredential(text);
        const variants = [
          printed.toUpperCase(),
          printed.replaceAll(' ', separator),
          printed.replaceAll(' ', separator).toUpperCase(),
          `  ${printed}\n`,
          text.toUpperCase(),
          `${text.slice(0, 20).toUpperCase()}${text.slice(20)}`,
        ];
        for (const typed of variants) assert.equal(normaliseCredential(typed), text, JSON.stringify(typed));
      }),
      { numRuns: 50 },
    );
  });

  test('a single-character typo anywhere after vote1 is caught as bad-checksum (every position, every letter or digit)', () => {
    const text = generateCredential();
    let checked = 0;
    for (let position = PREFIX_LENGTH; position < text.length; position++) {
      for (const c of TYPABLE) {
        if (c === text[position]) continue;
        throwsCode(
          () => normaliseCredential(replaceAt(text, position, c)),
          'bad-checksum',
          `${c} at ${position}`,
        );
        checked++;
      }
    }
    assert.equal(checked, 32 * (TYPABLE.length - 1));
  });

  test('a single-character typo in a random credential is caught as bad-checksum, also when printed', () => {
    fc.assert(
      fc.property(
        credentialArb,
        fc.integer({ min: PREFIX_LENGTH, max: PREFIX_LENGTH + 31 }),
        fc.constantFrom(...TYPABLE),
        fc.boolean(),
        (text, position, c, upper) => {
          fc.pre(text[position] !== c);
          const typo = replaceAt(text, position, c);
          // The typo as the voter would type it from the printed, grouped form.
          const grouped = `vote1 ${typo.slice(PREFIX_LENGTH).match(/.{4}/g)!.join(' ')}`;
          throwsCode(() => normaliseCredential(typo), 'bad-checksum', `${c} at ${position}`);
          throwsCode(
            () => normaliseCredential(upper ? grouped.toUpperCase() : grouped),
            'bad-checksum',
            `printed, ${c} at ${position}`,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  test('two adjacent characters exchanged, one left out or one doubled is caught', () => {
    fc.assert(
      fc.property(credentialArb, fc.integer({ min: PREFIX_LENGTH, max: PREFIX_LENGTH + 30 }), (text, i) => {
        if (text[i] !== text[i + 1]) {
          const swapped = text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);
          throwsCode(() => normaliseCredential(swapped), 'bad-checksum', `exchanged at ${i}`);
        }
        throwsCode(
          () => normaliseCredential(text.slice(0, i) + text.slice(i + 1)),
          'bad-checksum',
          `left out ${i}`,
        );
        throwsCode(
          () => normaliseCredential(text.slice(0, i) + text[i] + text.slice(i)),
          'bad-checksum',
          `doubled ${i}`,
        );
      }),
      { numRuns: 200 },
    );
  });

  test('a typo in the vote1 prefix, or no prefix at all, is bad-credential', () => {
    const text = generateCredential();
    for (let position = 0; position < PREFIX_LENGTH; position++) {
      for (const c of TYPABLE) {
        if (c === text[position]) continue;
        const typo = replaceAt(text, position, c);
        throwsCode(() => normaliseCredential(typo), 'bad-credential', `${c} at ${position}`);
      }
    }
    for (const typed of [
      '',
      'vote',
      text.slice(PREFIX_LENGTH),
      `x${text}`,
      'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
    ]) {
      throwsCode(() => normaliseCredential(typed), 'bad-credential', JSON.stringify(typed));
    }
  });

  test('vote1 alone or a truncated credential is rejected', () => {
    for (const typed of ['vote1', 'vote1qqqq', generateCredential().slice(0, 30)]) {
      assert.throws(() => normaliseCredential(typed), CryptoError, typed);
    }
  });

  test('a credential with a valid checksum but the wrong length is bad-credential', () => {
    for (const bytes of [8, 15, 17, 20, 32]) {
      const text = bech32m.encode('vote', bech32m.toWords(new Uint8Array(bytes).fill(7)));
      throwsCode(() => normaliseCredential(text), 'bad-credential', `${bytes} bytes`);
    }
  });

  // The two tests below build checksum-valid strings that no honest credential authority issues;
  // normaliseCredential must still answer with a CryptoError (a plain Error reaches the voter
  // as an unexplained failure).
  test('a checksum-valid credential of 27 five-bit words (excess padding) is bad-credential', () => {
    const words = [...bech32m.toWords(new Uint8Array(16)), 0];
    throwsCode(() => normaliseCredential(bech32m.encode('vote', words)), 'bad-credential');
  });

  test('a checksum-valid credential whose padding bits are not zero is bad-credential', () => {
    const words = bech32m.toWords(new Uint8Array(16));
    words[words.length - 1] = 1;
    throwsCode(() => normaliseCredential(bech32m.encode('vote', words)), 'bad-credential');
  });

  test('a checksum-valid string whose bech32m prefix is not "vote" is bad-credential', () => {
    // 'vote1x' + '1' + data: starts with "vote1" but its human-readable part is "vote1x".
    const words = bech32m.toWords(new Uint8Array(16).fill(9));
    const text = bech32m.encode('vote1x', words);
    assert.ok(text.startsWith('vote1'));
    throwsCode(() => normaliseCredential(text), 'bad-credential', text);
  });
});

for (const group of groups) {
  const b = group.backend;

  describe(`credential derivation on ${b}`, () => {
    test(`${b}: deriveCredential is deterministic and publicCredential = g^secret`, () => {
      fc.assert(
        fc.property(credentialArb, (text) => {
          const a = deriveCredential(group, 'leader-2026', text);
          const c = deriveCredential(group, 'leader-2026', formatCredential(text).toUpperCase());
          assert.equal(a.secret, c.secret);
          assert.ok(a.secret > 0n);
          assert.ok(group.equals(a.publicCredential, c.publicCredential));
          assert.ok(group.equals(a.publicCredential, group.mulBase(a.secret)));
          assert.equal(a.secret, hashToScalar('credential/secret', [utf8('leader-2026'), utf8(text)]));
        }),
        { numRuns: group.backend === 'noble' ? 10 : 25 },
      );
    });

    test(`${b}: the same credential gives unrelated keys in different elections`, () => {
      const text = generateCredential();
      const ids = ['leader-2026', 'leader-2026-practice', 'leader-2027', 'Leader-2026', ''];
      const keys = ids.map((id) => toHex(group.encode(deriveCredential(group, id, text).publicCredential)));
      assert.equal(new Set(keys).size, ids.length);
    });

    test(`${b}: different credentials give different keys in one election`, () => {
      const keys = Array.from({ length: 10 }, () =>
        toHex(group.encode(deriveCredential(group, 'leader-2026', generateCredential()).publicCredential)),
      );
      assert.equal(new Set(keys).size, 10);
    });

    test(`${b}: deriveCredential rejects a mistyped credential before deriving anything`, () => {
      const text = generateCredential();
      const last = text.at(-1) === 'q' ? 'p' : 'q';
      throwsCode(
        () => deriveCredential(group, 'leader-2026', replaceAt(text, text.length - 1, last)),
        'bad-checksum',
      );
      throwsCode(() => deriveCredential(group, 'leader-2026', text.slice(PREFIX_LENGTH)), 'bad-credential');
    });

    test(`${b}: the derived secret signs ballots that verify under the public credential`, () => {
      const context = utf8('fingerprint');
      const { secret, publicCredential } = deriveCredential(group, 'leader-2026', generateCredential());
      const signature = signMessage(group, context, secret, utf8('ballot'));
      assert.ok(verifySignature(group, context, publicCredential, utf8('ballot'), signature));
      const other = deriveCredential(group, 'leader-2026', generateCredential()).publicCredential;
      assert.equal(verifySignature(group, context, other, utf8('ballot'), signature), false);
    });
  });
}

test('both backends derive the same public credential bytes', () => {
  fc.assert(
    fc.property(credentialArb, fc.string({ maxLength: 30 }), (text, id) => {
      const [s, n] = [sodium, noble].map((group) => {
        const { secret, publicCredential } = deriveCredential(group, id, text);
        return [secret, toHex(group.encode(publicCredential))];
      });
      assert.deepEqual(s, n);
    }),
    { numRuns: 10 },
  );
});
