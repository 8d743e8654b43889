/**
 * Signed tree heads (src/board/tree-head.ts): the exact signed bytes, a round trip through JSON, and a
 * precise error for every way a head can be wrong — a changed field, another signer, a malformed or
 * non-canonical signature, a bad board key, another election.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ed25519 } from '@noble/curves/ed25519.js';
import { ed25519PublicKey, ed25519Verify } from '../../src/board/ed25519.ts';
import {
  boardPublicKey,
  generateBoardKey,
  type SignedTreeHead,
  signTreeHead,
  type TreeHead,
  treeHeadMessage,
  verifyTreeHead,
} from '../../src/board/tree-head.ts';
import { concatBytes, fromBase64url, fromHex, toBase64url, uintBE, utf8 } from '../../src/crypto/bytes.ts';
import { EMPTY_ROOT, leafHash } from '../../src/crypto/merkle.ts';
import { boardKey, changeChar, ELECTION, otherKey, throwsWith, wire } from './fixtures.ts';

const L = 2n ** 252n + 27742317777372353535851937790883648493n;

const head: TreeHead = {
  format: 'psephos/tree-head',
  election: ELECTION,
  size: 12,
  root: toBase64url(leafHash(utf8('some root'))),
  time: '2025-03-01T09:00:05.000Z',
};
const signed = signTreeHead(boardKey.secretKey, head);

/** `signed` with some fields replaced, the signature kept. */
const tampered = (change: Partial<SignedTreeHead>) => ({ ...signed, ...change });

describe('tree head signing', () => {
  test('the signed message is transcript(utf8("psephos/v1/board/tree-head"), canonical head)', () => {
    const tag = utf8('psephos/v1/board/tree-head');
    const json = utf8(
      `{"election":"${ELECTION}","format":"psephos/tree-head","root":"${head.root}","size":12,"time":"${head.time}"}`,
    );
    const expected = concatBytes(uintBE(tag.length, 4), tag, uintBE(json.length, 4), json);
    assert.deepEqual(treeHeadMessage(head), expected);
    // The signature field plays no part in the message.
    assert.deepEqual(treeHeadMessage(signed), expected);
    // And the signature is plain Ed25519 over it, under the published key.
    const key = fromBase64url(boardKey.publicKey, 32);
    assert.equal(ed25519Verify(key, expected, fromBase64url(signed.signature, 64)), true);
  });

  test('known answer (SPEC.md §17.1): the RFC 8032 TEST 1 key signing the empty log of leader-2025', () => {
    const secretKey = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    const empty: TreeHead = {
      format: 'psephos/tree-head',
      election: 'leader-2025',
      size: 0,
      root: '47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU',
      time: '2025-03-01T09:00:00.000Z',
    };
    assert.equal(empty.root, toBase64url(EMPTY_ROOT));
    const sth = signTreeHead(secretKey, empty);
    assert.equal(
      sth.signature,
      'qAx_HZqhl5xHop1p3SiHT4ZVGGvbJSwrxdThudJdjivn_b5heT4U5Jvwl5DeSUsQRSAusBRGol3ibcm5fkKsBg',
    );
    assert.equal(boardPublicKey(secretKey), '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo');
    assert.deepEqual(verifyTreeHead('11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', sth), sth);
  });

  test('a signed head verifies after a trip through JSON, and comes back unchanged', () => {
    assert.deepEqual(verifyTreeHead(boardKey.publicKey, wire(signed)), signed);
    assert.deepEqual(verifyTreeHead(boardKey.publicKey, wire(signed), ELECTION), signed);
    assert.match(signed.signature, /^[A-Za-z0-9_-]{86}$/);
  });

  test('the empty log has a head too', () => {
    const empty = signTreeHead(boardKey.secretKey, { ...head, size: 0, root: toBase64url(EMPTY_ROOT) });
    assert.equal(verifyTreeHead(boardKey.publicKey, empty).size, 0);
  });

  test('the public key of the secret key is the published one', () => {
    assert.equal(boardPublicKey(boardKey.secretKey), boardKey.publicKey);
    const fresh = generateBoardKey();
    assert.equal(toBase64url(ed25519PublicKey(fresh.secretKey)), fresh.publicKey);
    assert.notEqual(fresh.publicKey, boardKey.publicKey);
  });

  test('signing refuses a malformed head', () => {
    throwsWith(() => signTreeHead(boardKey.secretKey, { ...head, size: -1 }), 'malformed-head');
    throwsWith(() => signTreeHead(boardKey.secretKey, { ...head, size: 1.5 }), 'malformed-head');
    throwsWith(() => signTreeHead(boardKey.secretKey, { ...head, root: 'AAAA' }), 'malformed-head');
    throwsWith(() => signTreeHead(boardKey.secretKey, { ...head, election: 'Not An Id' }), 'malformed-head');
    throwsWith(
      () => signTreeHead(boardKey.secretKey, { ...head, time: '2025-03-01T10:00:05+01:00' }),
      'malformed-head',
    );
  });
});

describe('tree head verification rejects', () => {
  test('a changed size, root, time or election (bad-head-signature)', () => {
    const otherRoot = toBase64url(leafHash(utf8('another root')));
    for (const change of [
      { size: 13 },
      { size: 0 },
      { root: otherRoot },
      { time: '2025-03-01T09:00:06.000Z' },
      { election: 'leader-2026' },
    ]) {
      throwsWith(() => verifyTreeHead(boardKey.publicKey, tampered(change)), 'bad-head-signature');
    }
  });

  test('a head signed with another key (bad-head-signature)', () => {
    const forged = signTreeHead(otherKey.secretKey, head);
    throwsWith(() => verifyTreeHead(boardKey.publicKey, forged), 'bad-head-signature');
    // … which is a perfectly good head of the other key.
    assert.ok(verifyTreeHead(otherKey.publicKey, forged));
  });

  test('a changed signature, including an unreduced S (bad-head-signature)', () => {
    for (const position of [0, 10, 42, 43, 60, 84]) {
      throwsWith(
        () =>
          verifyTreeHead(boardKey.publicKey, tampered({ signature: changeChar(signed.signature, position) })),
        'bad-head-signature',
      );
    }
    const bytes = fromBase64url(signed.signature, 64);
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(bytes[i]!);
    const unreduced = bytes.slice();
    for (let i = 32, v = s + L; i < 64; i++, v >>= 8n) unreduced[i] = Number(v & 0xffn);
    // Same 86-character shape, so the schema lets it through to the signature check.
    throwsWith(
      () => verifyTreeHead(boardKey.publicKey, tampered({ signature: toBase64url(unreduced) })),
      'bad-head-signature',
    );
  });

  test('a signature of the wrong length or encoding (malformed-head)', () => {
    const sig = signed.signature;
    for (const signature of [
      sig.slice(0, 85), // 63.75 bytes
      `${sig}A`, // 87 characters
      toBase64url(new Uint8Array(63)),
      toBase64url(new Uint8Array(65)),
      `${sig}==`, // padded
      `${sig.slice(0, 85)}B`, // a second spelling of some bytes: the last character carries only 2 bits
      `${sig.slice(0, 10)}+${sig.slice(11)}`, // base64, not base64url
      '',
    ]) {
      throwsWith(
        () => verifyTreeHead(boardKey.publicKey, tampered({ signature })),
        'malformed-head',
        signature,
      );
    }
  });

  test('anything else that is not a signed head (malformed-head)', () => {
    const { signature: _, ...unsigned } = signed;
    for (const value of [
      unsigned,
      { ...signed, extra: 1 },
      { ...signed, format: 'psephos/receipt' },
      { ...signed, size: '12' },
      { ...signed, size: -1 },
      { ...signed, root: toBase64url(new Uint8Array(31)) },
      { ...signed, time: 'yesterday' },
      null,
      'head',
      [],
    ]) {
      throwsWith(() => verifyTreeHead(boardKey.publicKey, value), 'malformed-head', JSON.stringify(value));
    }
  });

  test('a board key that is not a usable Ed25519 key (bad-board-key)', () => {
    // Points of order 1, 2 and 8 (the identity, y = −1, a generator of the torsion subgroup).
    const smallOrder = [
      `01${'00'.repeat(31)}`,
      `ec${'ff'.repeat(30)}7f`,
      '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
    ].map((hex) => toBase64url(fromHex(hex)));
    for (const hex of smallOrder) assert.ok(ed25519.Point.fromBytes(fromBase64url(hex)).isSmallOrder());
    for (const key of [
      'not base64url!',
      toBase64url(new Uint8Array(31)),
      `${boardKey.publicKey}A`,
      ...smallOrder, // anyone could sign for these
      toBase64url(Uint8Array.from({ length: 32 }, () => 0xff)), // y ≥ p: not canonical
    ]) {
      throwsWith(() => verifyTreeHead(key, signed), 'bad-board-key', key);
    }
  });

  test('another election, when the caller names one (wrong-election)', () => {
    throwsWith(() => verifyTreeHead(boardKey.publicKey, signed, 'leader-2026'), 'wrong-election');
  });
});
