/**
 * Trackers, canonical encoding and board events (src/protocol/tracker.ts, canonical.ts, events.ts):
 * the tracker is deterministic and changes with any byte of the ballot, and its short code is four
 * groups of four Crockford base32 characters; canonicalBytes follows RFC 8785 on the RFC's own
 * examples; parseEvent accepts each event type with a well-formed payload and rejects anything else
 * with `bad-event`; an event's leaf hash is SHA-256(0x00 ‖ canonical event).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sha256 } from '@noble/hashes/sha2.js';
import { loadGroup } from '../../src/crypto/backends.ts';
import { concatBytes, fromHex, toBase64url, toHex, uintBE, utf8 } from '../../src/crypto/bytes.ts';
import { encrypt } from '../../src/crypto/elgamal.ts';
import { randomElement } from '../../src/crypto/group.ts';
import { randomScalar } from '../../src/crypto/scalar.ts';
import type { Ballot } from '../../src/protocol/ballot.ts';
import { createBallot } from '../../src/protocol/ballot.ts';
import { canonicalBytes, canonicalJson } from '../../src/protocol/canonical.ts';
import { encodeCiphertext, encodeElement, encodeScalarWire } from '../../src/protocol/codec.ts';
import type { EventType } from '../../src/protocol/events.ts';
import { EVENT_TYPES, eventLeafHash, GENESIS, parseEvent } from '../../src/protocol/events.ts';
import { tracker, trackerCode } from '../../src/protocol/tracker.ts';
import {
  sampleCredential,
  sampleDefinition,
  sampleElection,
  stringLeaves,
  throwsProtocol,
  withLeaf,
} from './fixtures.ts';

const group = await loadGroup();
const election = sampleElection(group);
const ballot = createBallot(group, election, sampleCredential(1), [[3], [1, 4]]).ballot;

/** The same JSON value with every object's keys in reverse order (arrays keep their order). */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    );
  }
  return value;
}

/** Crockford's base32 alphabet (no I, L, O, U). */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A bit-by-bit reference encoder: 10 bytes → 16 characters, most significant bits first. */
function referenceCode(bytes: Uint8Array): string {
  let bits = '';
  for (const b of bytes.subarray(0, 10)) bits += b.toString(2).padStart(8, '0');
  const chars = bits.match(/.{5}/g)!.map((five) => CROCKFORD[Number.parseInt(five, 2)]!);
  return chars.join('').match(/.{4}/g)!.join('-');
}

describe('tracker', () => {
  test('is taggedHash("ballot/tracker", [canonical ballot]): SHA-256 over the length-prefixed tag and ballot', () => {
    const tag = utf8('psephos/v1/ballot/tracker');
    const body = utf8(canonicalJson(ballot));
    const expected = sha256(concatBytes(uintBE(tag.length, 4), tag, uintBE(body.length, 4), body));
    assert.deepEqual(tracker(ballot), expected);
  });

  test('is deterministic and independent of key order and of JSON round trips', () => {
    const t = toHex(tracker(ballot));
    assert.equal(toHex(tracker(ballot)), t);
    assert.equal(toHex(tracker(JSON.parse(JSON.stringify(ballot)))), t);
    assert.equal(toHex(tracker(reversedKeys(ballot) as Ballot)), t);
  });

  test('changes with any byte of the ballot', () => {
    const seen = new Set([toHex(tracker(ballot))]);
    const leaves = stringLeaves(ballot);
    assert.ok(leaves.length > 60);
    for (const { path, value } of leaves) {
      // A different first character: still canonical base64url of the same length.
      const changed = (value[0] === 'A' ? 'B' : 'A') + value.slice(1);
      const t = toHex(tracker(withLeaf(ballot, path, changed)));
      assert.ok(!seen.has(t), `changing ${path.join('.')} left the tracker as it was`);
      seen.add(t);
    }
  });

  test('changes when choices are reordered or an answer is dropped', () => {
    const base = toHex(tracker(ballot));
    const a1 = ballot.answers[1]!;
    assert.notEqual(
      toHex(tracker(withLeaf(ballot, ['answers', 1, 'choices'], a1.choices.toReversed()))),
      base,
    );
    assert.notEqual(toHex(tracker({ ...ballot, answers: ballot.answers.slice(0, 1) })), base);
  });
});

describe('trackerCode', () => {
  test('four groups of four Crockford base32 characters', () => {
    const format = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}(?:-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}){3}$/;
    assert.match(trackerCode(tracker(ballot)), format);
    for (let i = 0; i < 50; i++) assert.match(trackerCode(sha256(uintBE(i, 4))), format);
  });

  test('encodes the first 80 bits of the tracker, most significant bits first', () => {
    assert.equal(trackerCode(new Uint8Array(32)), '0000-0000-0000-0000');
    assert.equal(trackerCode(new Uint8Array(32).fill(255)), 'ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    // 0x08 0x42 0x10 0x84 0x21 = 00001 00001 00001 ... : every 5-bit group is 1.
    assert.equal(trackerCode(fromHex(`0842108421${'0842108421'}${'00'.repeat(22)}`)), '1111-1111-1111-1111');
    for (let i = 0; i < 50; i++) {
      const t = sha256(uintBE(i, 4));
      assert.equal(trackerCode(t), referenceCode(t));
    }
    const t = tracker(ballot);
    assert.equal(trackerCode(t), referenceCode(t));
  });

  test('ignores bytes after the tenth, and changes with each of the first ten', () => {
    const t = tracker(ballot);
    const code = trackerCode(t);
    const tail = Uint8Array.from(t);
    tail[10] = tail[10]! ^ 0xff;
    tail[31] = tail[31]! ^ 0xff;
    assert.equal(trackerCode(tail), code);
    for (let i = 0; i < 10; i++) {
      const changed = Uint8Array.from(t);
      changed[i] = changed[i]! ^ 1;
      assert.notEqual(trackerCode(changed), code, `byte ${i}`);
    }
  });
});

/*
 * RFC 8785 (JSON Canonicalization Scheme), https://www.rfc-editor.org/rfc/rfc8785 — the RFC's own
 * examples: the §3.2.2 input and its canonical text (§3.2.3 prints it; §3.2.4 gives its UTF-8 bytes
 * in hex); the §3.2.3 property-sorting example; and the Appendix B number serialisation samples
 * (IEEE 754 bit patterns and the expected text). Values as published in the RFC (read from the
 * rendering at https://tech-invite.com/y85/tinv-ietf-rfc-8785.html and checked against several
 * independent implementations' test suites).
 */
const RFC8785_3_2_2_INPUT = String.raw`{
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}`;
const RFC8785_3_2_2_OUTPUT = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
const RFC8785_3_2_4_BYTES = `
  7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72
  75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a
  5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31
  65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37
  5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30
  30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d`;
const RFC8785_3_2_3_INPUT = String.raw`{
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
}`;
/** RFC 8785 Appendix B: IEEE 754 double (hex) → canonical text. */
const RFC8785_APPENDIX_B: [string, string][] = [
  ['0000000000000000', '0'],
  ['8000000000000000', '0'],
  ['0000000000000001', '5e-324'],
  ['8000000000000001', '-5e-324'],
  ['7fefffffffffffff', '1.7976931348623157e+308'],
  ['ffefffffffffffff', '-1.7976931348623157e+308'],
  ['4340000000000000', '9007199254740992'],
  ['c340000000000000', '-9007199254740992'],
  ['4430000000000000', '295147905179352830000'],
  ['44b52d02c7e14af5', '9.999999999999997e+22'],
  ['44b52d02c7e14af6', '1e+23'],
  ['44b52d02c7e14af7', '1.0000000000000001e+23'],
  ['444b1ae4d6e2ef4e', '999999999999999700000'],
  ['444b1ae4d6e2ef4f', '999999999999999900000'],
  ['444b1ae4d6e2ef50', '1e+21'],
  ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
  ['3eb0c6f7a0b5ed8d', '0.000001'],
  ['41b3de4355555553', '333333333.3333332'],
  ['41b3de4355555554', '333333333.33333325'],
  ['41b3de4355555555', '333333333.3333333'],
  ['41b3de4355555556', '333333333.3333334'],
  ['41b3de4355555557', '333333333.33333343'],
  ['becbf647612f3696', '-0.0000033333333333333333'],
  ['43143ff3c1cb0959', '1424953923781206.2'],
];
/** Appendix B rows that have no JSON form (NaN, Infinity): must be refused. */
const RFC8785_APPENDIX_B_INVALID = ['7fffffffffffffff', '7ff0000000000000'];

const double = (hex: string) => new DataView(fromHex(hex).buffer).getFloat64(0);

describe('canonicalBytes (RFC 8785)', () => {
  test('sorts keys at every level, keeps array order, emits no whitespace', () => {
    assert.equal(canonicalJson({ b: 1, a: 'x' }), '{"a":"x","b":1}');
    assert.equal(
      canonicalJson({ b: [{ z: 1, a: 2 }, 3], a: { d: true, c: null } }),
      '{"a":{"c":null,"d":true},"b":[{"a":2,"z":1},3]}',
    );
    assert.equal(canonicalJson({ '10': 1, '9': 2, A: 3, a: 4, '': 5 }), '{"":5,"10":1,"9":2,"A":3,"a":4}');
    assert.equal(new TextDecoder().decode(canonicalBytes({ b: 1, a: 'x' })), '{"a":"x","b":1}');
  });

  test('RFC 8785 §3.2.2 example → the canonical text of §3.2.3 and the UTF-8 bytes of §3.2.4', () => {
    const value = JSON.parse(RFC8785_3_2_2_INPUT);
    assert.equal(canonicalJson(value), RFC8785_3_2_2_OUTPUT);
    assert.equal(toHex(canonicalBytes(value)), RFC8785_3_2_4_BYTES.replace(/\s+/g, ''));
  });

  test('RFC 8785 §3.2.3 sorting example: by UTF-16 code units', () => {
    const text = canonicalJson(JSON.parse(RFC8785_3_2_3_INPUT));
    assert.equal(
      text,
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis",' +
        '"€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  test('RFC 8785 Appendix B number serialisation samples', () => {
    for (const [hex, expected] of RFC8785_APPENDIX_B) {
      assert.equal(canonicalJson(double(hex)), expected, hex);
      assert.equal(canonicalJson([double(hex)]), `[${expected}]`, hex);
    }
    for (const hex of RFC8785_APPENDIX_B_INVALID) {
      assert.ok(Number.isNaN(double(hex)) || !Number.isFinite(double(hex)));
      assert.throws(() => canonicalJson({ n: double(hex) }), hex);
    }
    assert.throws(() => canonicalJson(Number.NEGATIVE_INFINITY));
  });

  test('a value with no JSON form is refused (malformed)', () => {
    throwsProtocol(() => canonicalJson(undefined), 'malformed');
    throwsProtocol(() => canonicalJson(() => 1), 'malformed');
  });
});

/** Well-formed random values of each wire kind. */
const element = () => encodeElement(group, randomElement(group));
const scalar = () => encodeScalarWire(randomScalar());
const proof = () => ({ c: scalar(), s: scalar() });
const bytes32 = () => toBase64url(sha256(utf8(String(Math.random()))));
const ciphertext = () => encodeCiphertext(group, encrypt(group, election.publicKey, 1n).ciphertext);

/** One well-formed payload of every event type. */
const payloads: { [T in EventType]: unknown } = {
  setup: { definition: sampleDefinition() },
  'trustee-identity': { trustee: 1, communicationKey: element(), proof: proof() },
  'trustee-dealing': {
    trustee: 2,
    coefficients: [element(), element()],
    proofs: [proof(), proof()],
    shares: [
      {
        recipient: 1,
        nonce: toBase64url(new Uint8Array(24).fill(7)),
        ciphertext: toBase64url(new Uint8Array(48).fill(9)),
      },
      {
        recipient: 3,
        nonce: toBase64url(new Uint8Array(24).fill(8)),
        ciphertext: toBase64url(new Uint8Array(48)),
      },
    ],
  },
  'trustee-complaint': { dealer: 2, recipient: 3, sharedKey: element(), proof: proof() },
  'election-key': {
    qualified: [1, 2, 3],
    publicKey: element(),
    verificationKeys: [element(), element(), element()],
  },
  electorate: {
    credentials: [
      { credential: element(), weight: 1 },
      { credential: element(), weight: 3 },
    ],
    members: { count: 2, root: bytes32() },
  },
  'roll-amendment': {
    kind: 'add',
    credential: element(),
    weight: 1,
    reason: 'Membership confirmed late by the board.',
  },
  open: {},
  ballot: { ballot },
  close: {},
  tally: { counted: 2, answers: [[ciphertext(), ciphertext(), ciphertext(), ciphertext()], [ciphertext()]] },
  'decryption-share': { trustee: 3, answers: [[{ share: element(), proof: proof() }]] },
  result: {
    counted: 2,
    trustees: [1, 3],
    counts: [
      [0, 1, 1, 0],
      [2, 0, 0, 0, 1],
    ],
  },
};

const event = (type: string, payload: unknown, index = 4) => ({
  election: 'board-2026',
  index,
  previous: index === 0 ? GENESIS : bytes32(),
  time: '2026-05-02T10:15:30.250Z',
  type,
  payload,
});

const badEvent = (value: unknown, message?: RegExp) =>
  throwsProtocol(() => parseEvent(value), 'bad-event', message);

describe('parseEvent', () => {
  test('every event type has a sample here', () => {
    assert.deepEqual(Object.keys(payloads).sort(), [...EVENT_TYPES].sort());
  });

  for (const type of EVENT_TYPES) {
    test(`accepts a well-formed ${type} event`, () => {
      const e = event(type, payloads[type]);
      assert.deepEqual(parseEvent(JSON.parse(JSON.stringify(e))), e);
    });
  }

  test('accepts optional parts left out: electorate without members, amendment without weight', () => {
    assert.doesNotThrow(() => parseEvent(event('electorate', { credentials: [] })));
    assert.doesNotThrow(() =>
      parseEvent(
        event('roll-amendment', { kind: 'remove', credential: element(), reason: 'Left the party.' }),
      ),
    );
    assert.doesNotThrow(() => parseEvent(event('setup', payloads.setup, 0)));
  });

  test('rejects unknown types and a payload of another type', () => {
    for (const type of ['shuffle', 'vote', 'Ballot', 'ballot ', '', 'trustee-']) badEvent(event(type, {}));
    badEvent(event('open', payloads.ballot));
    badEvent(event('ballot', {}));
    badEvent(event('close', payloads.result));
    const noType: Record<string, unknown> = event('open', {});
    delete noType.type;
    badEvent(noType);
  });

  test('rejects extra keys in the envelope and in payloads, at any depth', () => {
    badEvent({ ...event('open', {}), signature: 'x' }, /signature/);
    badEvent(event('open', { note: 'hi' }), /note/);
    badEvent(event('close', { at: 1 }));
    badEvent(event('trustee-identity', { ...(payloads['trustee-identity'] as object), name: 'Ada' }));
    badEvent(withLeaf(event('ballot', payloads.ballot), ['payload', 'ballot', 'answers', 0, 'note'], 'x'));
    badEvent(
      withLeaf(event('trustee-dealing', payloads['trustee-dealing']), ['payload', 'shares', 0, 'tag'], 'x'),
    );
    badEvent(withLeaf(event('setup', payloads.setup), ['payload', 'definition', 'owner'], 'x'));
  });

  test('rejects missing envelope fields', () => {
    for (const key of ['election', 'index', 'previous', 'time', 'payload']) {
      const e: Record<string, unknown> = event('open', {});
      delete e[key];
      badEvent(e, new RegExp(key));
    }
  });

  test('rejects byte strings of the wrong base64url length', () => {
    const b = bytes32();
    for (const bad of [b.slice(0, 42), `${b}A`, `${b}AAAA`, '']) {
      badEvent({ ...event('open', {}), previous: bad }, /previous/);
      badEvent(
        withLeaf(
          event('trustee-identity', payloads['trustee-identity']),
          ['payload', 'communicationKey'],
          bad,
        ),
      );
      badEvent(
        withLeaf(event('trustee-identity', payloads['trustee-identity']), ['payload', 'proof', 'c'], bad),
      );
    }
    const dealing = event('trustee-dealing', payloads['trustee-dealing']);
    const share = (payloads['trustee-dealing'] as { shares: { nonce: string; ciphertext: string }[] })
      .shares[0]!;
    badEvent(withLeaf(dealing, ['payload', 'shares', 0, 'nonce'], share.nonce.slice(1)), /nonce/);
    badEvent(withLeaf(dealing, ['payload', 'shares', 0, 'nonce'], `${share.nonce}A`), /nonce/);
    badEvent(
      withLeaf(dealing, ['payload', 'shares', 0, 'ciphertext'], share.ciphertext.slice(1)),
      /ciphertext/,
    );
    badEvent(
      withLeaf(dealing, ['payload', 'shares', 0, 'ciphertext'], toBase64url(new Uint8Array(32))),
      /ciphertext/,
    );
    badEvent(withLeaf(dealing, ['payload', 'shares', 0, 'nonce'], `${share.nonce.slice(1)}+`), /nonce/);
  });

  test('rejects a non-canonical base64url tail in a Bytes32 (43 characters carry 258 bits)', () => {
    const zero = 'A'.repeat(43);
    assert.doesNotThrow(() => parseEvent({ ...event('open', {}), previous: zero }));
    for (const tail of ['B', 'C', 'D', 'F', 'Z', 'b', 'z', '1', '_', '-']) {
      badEvent({ ...event('open', {}), previous: `${'A'.repeat(42)}${tail}` }, /previous/);
    }
    const key = element();
    const last = key[42]!;
    const alternative = String.fromCharCode(last.charCodeAt(0) + 1);
    badEvent(
      withLeaf(
        event('trustee-identity', payloads['trustee-identity']),
        ['payload', 'communicationKey'],
        key.slice(0, 42) + alternative,
      ),
    );
    badEvent(
      withLeaf(
        event('electorate', payloads.electorate),
        ['payload', 'members', 'root'],
        `${'A'.repeat(42)}B`,
      ),
    );
    badEvent(
      withLeaf(
        event('ballot', payloads.ballot),
        ['payload', 'ballot', 'signature', 's'],
        `${ballot.signature.s.slice(0, 42)}${String.fromCharCode(ballot.signature.s.charCodeAt(42) + 1)}`,
      ),
    );
  });

  test('rejects negative, fractional or out-of-range indices and counts', () => {
    for (const index of [-1, 1.5, '3', Number.MAX_SAFE_INTEGER + 1, null])
      badEvent({ ...event('open', {}), index }, /index/);
    const cases: [EventType, readonly (string | number)[], unknown][] = [
      ['trustee-identity', ['payload', 'trustee'], 0],
      ['trustee-identity', ['payload', 'trustee'], -1],
      ['trustee-identity', ['payload', 'trustee'], 256],
      ['trustee-dealing', ['payload', 'shares', 0, 'recipient'], -1],
      ['trustee-complaint', ['payload', 'dealer'], 0],
      ['election-key', ['payload', 'qualified', 1], -2],
      ['electorate', ['payload', 'credentials', 0, 'weight'], 0],
      ['electorate', ['payload', 'members', 'count'], -1],
      ['tally', ['payload', 'counted'], -1],
      ['decryption-share', ['payload', 'trustee'], 0],
      ['result', ['payload', 'counts', 0, 1], -1],
      ['result', ['payload', 'counts', 1, 0], 0.5],
      ['result', ['payload', 'trustees', 0], 0],
    ];
    for (const [type, path, value] of cases)
      badEvent(withLeaf(event(type, payloads[type]), path, value), new RegExp(path.slice(1).join('\\.')));
  });

  test('rejects a bad election id or time', () => {
    for (const election of ['Board-2026', 'board 2026', '']) badEvent({ ...event('open', {}), election });
    for (const time of ['2026-05-02', '2026-05-02T10:15:30+02:00', 'yesterday', 1777626000000]) {
      badEvent({ ...event('open', {}), time }, /time/);
    }
  });

  // An event that parses must have a leaf hash; RFC 8785 has no canonical form for a lone surrogate.
  test('rejects text with a lone surrogate (it has no canonical form)', () => {
    const lone = JSON.parse('"late \\udc00"') as string;
    const amendment = { kind: 'add', credential: element(), reason: lone };
    badEvent(event('roll-amendment', amendment), /reason/);
  });

  test('rejects a setup event whose definition is invalid', () => {
    badEvent(event('setup', { definition: sampleDefinition({ threshold: 9 }) }), /threshold/);
  });
});

describe('eventLeafHash', () => {
  test('is SHA-256(0x00 ‖ canonical bytes of the event), for every type', () => {
    for (const type of EVENT_TYPES) {
      const e = parseEvent(event(type, payloads[type]));
      const expected = sha256(concatBytes(new Uint8Array([0]), utf8(canonicalJson(e))));
      assert.deepEqual(eventLeafHash(e), expected, type);
    }
  });

  test('does not depend on key order, and is not the hash of the non-canonical text', () => {
    const e = parseEvent(event('ballot', payloads.ballot));
    const reordered = parseEvent(reversedKeys(e));
    assert.deepEqual(eventLeafHash(reordered), eventLeafHash(e));
    const plain = sha256(concatBytes(new Uint8Array([0]), utf8(JSON.stringify(e))));
    assert.notDeepEqual(eventLeafHash(e), plain);
    assert.notDeepEqual(eventLeafHash(e), sha256(canonicalBytes(e)));
  });

  test('changes with the envelope: index, previous, time', () => {
    const e = parseEvent(event('open', {}));
    const h = toHex(eventLeafHash(e));
    assert.notEqual(toHex(eventLeafHash({ ...e, index: e.index + 1 })), h);
    assert.notEqual(toHex(eventLeafHash({ ...e, previous: GENESIS })), h);
    assert.notEqual(toHex(eventLeafHash({ ...e, time: '2026-05-02T10:15:30.251Z' })), h);
  });

  test('GENESIS is 32 zero bytes in base64url', () => {
    assert.equal(GENESIS, toBase64url(new Uint8Array(32)));
  });
});
