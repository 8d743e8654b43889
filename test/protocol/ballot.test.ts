/**
 * Ballots (src/protocol/ballot.ts): createBallot and validateBallot round trip, on the libsodium
 * backend and (fewer cases) on @noble/curves; createBallot refuses choices the question does not
 * allow; validateBallot rejects every kind of bad ballot with the right ProtocolError code, checking
 * the cheapest things first: schema (`malformed`), election (`wrong-election`), credential list
 * (`unlisted-credential`), shape (`wrong-shape`), encodings (`bad-element`), signature
 * (`bad-signature`), proofs (`bad-proof`).
 *
 * To reach the proof checks, altered ballots are signed again with the voter's own credential secret
 * (the fixture's `resign`): only a voter can do that, and the proofs must still catch it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { loadGroup } from '../../src/crypto/backends.ts';
import { fromBase64url, fromHex, toBase64url } from '../../src/crypto/bytes.ts';
import type { Ciphertext } from '../../src/crypto/elgamal.ts';
import { decryptToElement } from '../../src/crypto/elgamal.ts';
import type { Group } from '../../src/crypto/group.ts';
import { randomElement } from '../../src/crypto/group.ts';
import { decodeScalar, ORDER } from '../../src/crypto/scalar.ts';
import type { Ballot } from '../../src/protocol/ballot.ts';
import { createBallot, validateBallot } from '../../src/protocol/ballot.ts';
import { encodeElement } from '../../src/protocol/codec.ts';
import type { ProtocolErrorCode } from '../../src/protocol/errors.ts';
import type { Path, TestElection } from './fixtures.ts';
import {
  copy,
  listOf,
  publicCredential,
  resign,
  sampleCredential,
  sampleDefinition,
  sampleElection,
  stringLeaves,
  throwsProtocol,
  twinQuestionsDefinition,
  withLeaf,
} from './fixtures.ts';

const sodium = await loadGroup('sodium');
const noble = await loadGroup('noble');

const election = sampleElection(sodium);
const alice = sampleCredential(1);
const bob = sampleCredential(2);
/** Not on the list. */
const carol = sampleCredential(3);
const isListed = listOf(sodium, election, [alice, bob]);
const anyone = () => true;

/** Made once: each ballot costs a few milliseconds. */
const ballotA = createBallot(sodium, election, alice, [[1], [0, 3]]).ballot;
const ballotA2 = createBallot(sodium, election, alice, [[2], [4]]).ballot;
const ballotB = createBallot(sodium, election, bob, [[0], []]).ballot;

const validate = (value: unknown, listed = isListed, group: Group = sodium, e: TestElection = election) =>
  validateBallot(group, e, value, listed);

/** Expects validateBallot to reject `value` with `code`. */
function rejects(value: unknown, code: ProtocolErrorCode, listed = isListed, message?: RegExp): void {
  throwsProtocol(() => validate(value, listed), code, message);
}

/** Each ciphertext decrypted with the whole election key, as 0 or 1. */
function plaintexts(group: Group, e: TestElection, answers: readonly (readonly Ciphertext[])[]): number[][] {
  return answers.map((cs) =>
    cs.map((c) => {
      const m = decryptToElement(group, e.secretKey, c);
      if (group.isIdentity(m)) return 0;
      if (group.equals(m, group.generator)) return 1;
      throw new Error('a ciphertext encrypts neither 0 nor 1');
    }),
  );
}

/** The 0/1 vector of chosen indices. */
const vector = (n: number, chosen: readonly number[]) =>
  Array.from({ length: n }, (_, i) => (chosen.includes(i) ? 1 : 0));

/** The same 32 bytes with one byte changed so that they still encode a (different, non-identity) element. */
function changedElement(group: Group, text: string): string {
  const bytes = fromBase64url(text, 32);
  for (let i = 0; i < 32; i++) {
    for (let d = 1; d < 256; d++) {
      const b = Uint8Array.from(bytes);
      b[i] = b[i]! ^ d;
      try {
        group.decode(b);
        return toBase64url(b);
      } catch {
        // not an element: try the next change
      }
    }
  }
  throw new Error('no valid element one byte away');
}

/** The same 32 bytes with one byte changed, still a reduced scalar. */
function changedScalar(text: string): string {
  const bytes = fromBase64url(text, 32);
  for (let i = 0; i < 32; i++) {
    const b = Uint8Array.from(bytes);
    b[i] = b[i]! ^ 1;
    try {
      decodeScalar(b);
      return toBase64url(b);
    } catch {
      // ≥ ℓ: change another byte
    }
  }
  throw new Error('no reduced scalar one byte away');
}

/** The same bytes with the first byte changed (for byte strings that are neither elements nor scalars). */
function changedBytes(text: string): string {
  const b = fromBase64url(text);
  b[0] = b[0]! ^ 1;
  return toBase64url(b);
}

/** A scalar encoding whose value is ℓ + k (not reduced). */
const unreduced = (k = 0n) => {
  const bytes = new Uint8Array(32);
  let v = ORDER + k;
  for (let i = 0; i < 32; i++) {
    bytes[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return toBase64url(bytes);
};

const rfc9496: { invalidEncodings: { hex: string; reason: string }[] } = JSON.parse(
  readFileSync(new URL('../vectors/rfc9496.json', import.meta.url), 'utf8'),
);
/** Encodings that are not canonical ristretto255 elements (RFC 9496 A.2), as base64url. */
const nonCanonical = rfc9496.invalidEncodings.map((v) => toBase64url(fromHex(v.hex)));
const IDENTITY = toBase64url(new Uint8Array(32));

describe('createBallot and validateBallot: round trip', () => {
  const cases: [string, number[][]][] = [
    ['first candidate; none approved', [[0], []]],
    ['last candidate; one approved', [[3], [4]]],
    ['second candidate; two approved', [[1], [0, 3]]],
    ['third candidate; two approved, given in reverse order', [[2], [4, 1]]],
  ];
  for (const [what, chosen] of cases) {
    test(`sodium: ${what}`, () => {
      const { ballot, choices } = createBallot(sodium, election, alice, chosen);
      assert.deepEqual(choices, [vector(4, chosen[0]!), vector(5, chosen[1]!)]);
      const valid = validate(JSON.parse(JSON.stringify(ballot)));
      assert.deepEqual(valid.ballot, ballot);
      assert.deepEqual(plaintexts(sodium, election, valid.answers), choices);
    });
  }

  test('the ballot names the election and the credential, and has one answer per question', () => {
    assert.equal(ballotA.format, 'psephos/ballot');
    assert.equal(ballotA.election, toBase64url(election.fingerprint));
    assert.equal(ballotA.credential, publicCredential(sodium, election, alice));
    assert.deepEqual(
      ballotA.answers.map((a) => [a.choices.length, a.choiceProofs.length, a.rangeProof.length]),
      [
        [4, 4, 1],
        [5, 5, 3],
      ],
    );
  });

  test('a blank vote where the question allows it', () => {
    const d = sampleDefinition();
    Object.assign(d.questions[0]!, { blankAllowed: true });
    const e = sampleElection(sodium, d);
    const { ballot } = createBallot(sodium, e, alice, [[], []]);
    const valid = validateBallot(sodium, e, ballot, anyone);
    assert.deepEqual(plaintexts(sodium, e, valid.answers), [vector(4, []), vector(5, [])]);
    assert.equal(ballot.answers[0]!.rangeProof.length, 2);
  });

  test('approval with a minimum: [1, 3] of 5', () => {
    const d = sampleDefinition();
    Object.assign(d.questions[1]!, { min: 1, max: 3 });
    const e = sampleElection(sodium, d);
    for (const chosen of [[2], [0, 4], [1, 2, 3]]) {
      const { ballot } = createBallot(sodium, e, bob, [[0], chosen]);
      const valid = validateBallot(sodium, e, ballot, anyone);
      assert.deepEqual(plaintexts(sodium, e, valid.answers)[1], vector(5, chosen));
    }
    throwsProtocol(() => createBallot(sodium, e, bob, [[0], []]), 'wrong-shape');
  });

  test('two ballots of the same choices differ (fresh randomness), and both are valid', () => {
    const one = createBallot(sodium, election, alice, [[1], [0]]).ballot;
    const two = createBallot(sodium, election, alice, [[1], [0]]).ballot;
    assert.notDeepEqual(one.answers, two.answers);
    validate(one);
    validate(two);
  });

  test('property: random valid choices always round-trip', () => {
    const single = fc.integer({ min: 0, max: 3 });
    const approved = fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { maxLength: 2 });
    const voter = fc.constantFrom(alice, bob);
    fc.assert(
      fc.property(single, approved, voter, (s, a, text) => {
        const { ballot, choices } = createBallot(sodium, election, text, [[s], a]);
        const valid = validate(JSON.parse(JSON.stringify(ballot)));
        assert.deepEqual(choices, [vector(4, [s]), vector(5, a)]);
        assert.deepEqual(plaintexts(sodium, election, valid.answers), choices);
      }),
      { numRuns: 12 },
    );
  });
});

describe('on @noble/curves too', () => {
  const nobleElection = sampleElection(noble);

  test('the same election key and credential encodings on both backends', () => {
    assert.equal(encodeElement(noble, nobleElection.publicKey), encodeElement(sodium, election.publicKey));
    assert.equal(publicCredential(noble, nobleElection, alice), publicCredential(sodium, election, alice));
  });

  test('a ballot made on noble validates on noble and on sodium', () => {
    const { ballot, choices } = createBallot(noble, nobleElection, bob, [[3], [1, 2]]);
    const valid = validateBallot(noble, nobleElection, ballot, anyone);
    assert.deepEqual(plaintexts(noble, nobleElection, valid.answers), choices);
    validate(ballot);
  });

  test('a ballot made on sodium validates on noble', () => {
    const valid = validateBallot(noble, nobleElection, ballotA, anyone);
    assert.deepEqual(plaintexts(noble, nobleElection, valid.answers), [vector(4, [1]), vector(5, [0, 3])]);
  });

  test('noble rejects with the same codes: bad signature, bad proof, bad element', () => {
    const reordered = withLeaf(ballotA, ['answers', 0, 'choices'], ballotA.answers[0]!.choices.toReversed());
    throwsProtocol(() => validateBallot(noble, nobleElection, reordered, anyone), 'bad-signature');
    const resigned = resign(sodium, election, alice, reordered);
    throwsProtocol(() => validateBallot(noble, nobleElection, resigned, anyone), 'bad-proof');
    const bad = withLeaf(ballotA, ['answers', 1, 'choices', 2, 'beta'], nonCanonical[0]);
    throwsProtocol(() => validateBallot(noble, nobleElection, bad, anyone), 'bad-element');
  });
});

describe('createBallot refuses choices the question does not allow (wrong-shape)', () => {
  const refused: [string, number[][]][] = [
    ['two candidates on a single question', [[0, 1], []]],
    ['a repeated candidate (single)', [[1, 1], []]],
    ['a repeated candidate (approval)', [[1], [2, 2]]],
    ['an index past the last candidate', [[4], []]],
    ['an index past the last candidate (approval)', [[0], [5]]],
    ['a negative index', [[-1], []]],
    ['a fractional index', [[1.5], []]],
    ['too many approvals', [[0], [0, 1, 2]]],
    ['a blank vote where none is allowed', [[], []]],
    ['too few questions answered', [[0]]],
    ['too many questions answered', [[0], [], []]],
  ];
  for (const [what, chosen] of refused) {
    test(what, () => {
      throwsProtocol(() => createBallot(sodium, election, alice, chosen), 'wrong-shape');
    });
  }
});

describe('validateBallot: malformed (schema)', () => {
  test('not an object', () => {
    for (const value of [null, undefined, 'ballot', 42, true, [], [ballotA]]) rejects(value, 'malformed');
  });

  test('a JSON string of a ballot, not the parsed ballot', () => {
    rejects(JSON.stringify(ballotA), 'malformed');
  });

  test('each field missing', () => {
    for (const key of ['format', 'election', 'credential', 'answers', 'signature'] as const) {
      const b: Partial<Ballot> = copy(ballotA);
      delete b[key];
      rejects(b, 'malformed', isListed, new RegExp(key));
    }
    const noRange: Partial<Ballot['answers'][number]> = copy(ballotA.answers[0]!);
    delete noRange.rangeProof;
    rejects(withLeaf(ballotA, ['answers', 0], noRange), 'malformed');
    rejects(withLeaf(ballotA, ['signature'], { c: ballotA.signature.c }), 'malformed');
  });

  test('an extra field, at every level', () => {
    rejects({ ...ballotA, tracker: 'x' }, 'malformed', isListed, /tracker/);
    rejects(withLeaf(ballotA, ['answers', 1, 'comment'], 'hi'), 'malformed');
    rejects(withLeaf(ballotA, ['answers', 1, 'choices', 0, 'gamma'], ballotA.credential), 'malformed');
    rejects(withLeaf(ballotA, ['answers', 0, 'rangeProof', 0, 'k'], ballotA.signature.c), 'malformed');
    rejects(withLeaf(ballotA, ['signature', 'x'], ballotA.signature.c), 'malformed');
  });

  test('wrong format, wrong types, empty lists', () => {
    rejects({ ...ballotA, format: 'psephos/ballot-audit' }, 'malformed');
    rejects({ ...ballotA, answers: [] }, 'malformed');
    rejects({ ...ballotA, answers: ballotA.answers[0] }, 'malformed');
    rejects(withLeaf(ballotA, ['answers', 0, 'choices'], []), 'malformed');
    rejects(withLeaf(ballotA, ['answers', 0, 'rangeProof'], []), 'malformed');
    rejects(withLeaf(ballotA, ['signature'], [ballotA.signature.c, ballotA.signature.s]), 'malformed');
    rejects(withLeaf(ballotA, ['answers', 0, 'choices', 0, 'alpha'], 7), 'malformed');
  });

  test('byte strings that are not 32 bytes of canonical unpadded base64url', () => {
    const c = ballotA.credential;
    for (const bad of [
      c.slice(0, 42),
      `${c}A`,
      `${c.slice(0, 42)}B`, // a non-canonical tail: 43 characters carry 258 bits
      `${c}=`,
      `+${c.slice(1)}`,
      `/${c.slice(1)}`,
      Buffer.from(fromBase64url(c)).toString('hex'),
    ]) {
      rejects({ ...ballotA, credential: bad }, 'malformed');
      rejects(withLeaf(ballotA, ['answers', 1, 'choices', 4, 'alpha'], bad), 'malformed');
      rejects(withLeaf(ballotA, ['signature', 's'], bad), 'malformed');
    }
    rejects({ ...ballotA, election: ballotA.election.slice(0, 42) }, 'malformed');
  });
});

describe('validateBallot: wrong-election and unlisted-credential', () => {
  test("another election's fingerprint", () => {
    const other = sampleElection(sodium, sampleDefinition({ id: 'board-2027' }));
    throwsProtocol(() => validateBallot(sodium, other, ballotA, anyone), 'wrong-election');
    const changed = { ...ballotA, election: changedBytes(ballotA.election) };
    rejects(changed, 'wrong-election');
  });

  test('a credential that is not on the list', () => {
    const { ballot } = createBallot(sodium, election, carol, [[0], [1]]);
    rejects(ballot, 'unlisted-credential');
    // The same ballot is otherwise valid.
    validate(ballot, anyone);
  });

  test('isListed is asked about the ballot’s own credential', () => {
    const asked: string[] = [];
    validate(ballotB, (c) => {
      asked.push(c);
      return true;
    });
    assert.deepEqual(asked, [publicCredential(sodium, election, bob)]);
  });
});

describe('validateBallot: wrong-shape', () => {
  const a0 = ballotA.answers[0]!;
  const a1 = ballotA.answers[1]!;
  const shapes: [string, Ballot][] = [
    ['one answer missing', { ...ballotA, answers: [a0] }],
    ['one answer too many', { ...ballotA, answers: [a0, a1, a1] }],
    ['answers in the wrong order', { ...ballotA, answers: [a1, a0] }],
    [
      'one choice (and its proof) missing',
      withLeaf(ballotA, ['answers', 0], {
        ...a0,
        choices: a0.choices.slice(1),
        choiceProofs: a0.choiceProofs.slice(1),
      }),
    ],
    [
      'one choice (and its proof) too many',
      withLeaf(ballotA, ['answers', 1], {
        ...a1,
        choices: [...a1.choices, a1.choices[0]!],
        choiceProofs: [...a1.choiceProofs, a1.choiceProofs[0]!],
      }),
    ],
    ['one choice proof missing', withLeaf(ballotA, ['answers', 1, 'choiceProofs'], a1.choiceProofs.slice(1))],
    [
      'one choice missing, proofs complete',
      withLeaf(ballotA, ['answers', 1, 'choices'], a1.choices.slice(1)),
    ],
    [
      'a choice proof with 3 branches',
      withLeaf(ballotA, ['answers', 0, 'choiceProofs', 2], [...a0.choiceProofs[2]!, a0.choiceProofs[2]![0]!]),
    ],
    [
      'a choice proof with 1 branch',
      withLeaf(ballotA, ['answers', 1, 'choiceProofs', 0], a1.choiceProofs[0]!.slice(1)),
    ],
    [
      'a range proof with 2 branches for [1, 1]',
      withLeaf(ballotA, ['answers', 0, 'rangeProof'], [...a0.rangeProof, ...a0.rangeProof]),
    ],
    [
      'a range proof with 2 branches for [0, 2]',
      withLeaf(ballotA, ['answers', 1, 'rangeProof'], a1.rangeProof.slice(1)),
    ],
    [
      'a range proof with 4 branches for [0, 2]',
      withLeaf(ballotA, ['answers', 1, 'rangeProof'], [...a1.rangeProof, a1.rangeProof[0]!]),
    ],
  ];
  for (const [what, ballot] of shapes) {
    test(what, () => rejects(ballot, 'wrong-shape', anyone));
  }
});

describe('validateBallot: bad-element', () => {
  test('a credential that is not a canonical element, or is the identity', () => {
    for (const bad of [...nonCanonical, IDENTITY])
      rejects({ ...ballotA, credential: bad }, 'bad-element', anyone);
  });

  test('a ciphertext component that is not a canonical element, or is the identity', () => {
    for (const bad of [nonCanonical[0]!, nonCanonical[nonCanonical.length - 1]!, IDENTITY]) {
      rejects(
        withLeaf(ballotA, ['answers', 0, 'choices', 0, 'alpha'], bad),
        'bad-element',
        anyone,
        /answers\.0\.choices\.0\.alpha/,
      );
      rejects(
        withLeaf(ballotA, ['answers', 1, 'choices', 4, 'beta'], bad),
        'bad-element',
        anyone,
        /answers\.1\.choices\.4\.beta/,
      );
    }
  });

  test('a signature scalar ≥ ℓ (ℓ itself, ℓ + 1, 2^256 − 1)', () => {
    const max = toBase64url(new Uint8Array(32).fill(255));
    for (const bad of [unreduced(), unreduced(1n), max]) {
      rejects(withLeaf(ballotA, ['signature', 'c'], bad), 'bad-element', isListed, /signature\.c/);
      rejects(withLeaf(ballotA, ['signature', 's'], bad), 'bad-element', isListed, /signature\.s/);
    }
  });

  test('a proof scalar ≥ ℓ in a ballot signed again by its voter', () => {
    const choiceProof = resign(
      sodium,
      election,
      alice,
      withLeaf(ballotA, ['answers', 1, 'choiceProofs', 3, 1, 's'], unreduced()),
    );
    rejects(choiceProof, 'bad-element', isListed, /answers\.1\.choiceProofs\.3\.1\.s/);
    const rangeProof = resign(
      sodium,
      election,
      alice,
      withLeaf(ballotA, ['answers', 0, 'rangeProof', 0, 'c'], unreduced(5n)),
    );
    rejects(rangeProof, 'bad-element', isListed, /answers\.0\.rangeProof\.0\.c/);
  });

  // Decoding is cheaper than a signature check and the documented order is "encodings, signature,
  // proofs": an unreduced proof scalar is an encoding error whether or not the ballot was re-signed.
  test('a proof scalar ≥ ℓ is bad-element even before the signature is checked', () => {
    rejects(withLeaf(ballotA, ['answers', 1, 'choiceProofs', 3, 1, 's'], unreduced()), 'bad-element');
    rejects(withLeaf(ballotA, ['answers', 0, 'rangeProof', 0, 'c'], unreduced()), 'bad-element');
  });
});

describe('validateBallot: bad-signature', () => {
  test('one byte changed anywhere in the signed content or the signature', () => {
    const leaves = stringLeaves(ballotA);
    // Every element and scalar of the ballot, the credential and the fingerprint included.
    assert.equal(leaves.length, 2 + 1 + 2 * 9 + 2 * (2 * 9) + 2 * (1 + 3) + 2);
    let checked = 0;
    for (const { path, value } of leaves) {
      const where = path.join('.');
      const last = path[path.length - 1];
      if (last === 'format') continue;
      const changed = withLeaf(
        ballotA,
        path,
        last === 'election'
          ? changedBytes(value)
          : last === 'c' || last === 's'
            ? changedScalar(value)
            : changedElement(sodium, value),
      );
      const expected: ProtocolErrorCode = last === 'election' ? 'wrong-election' : 'bad-signature';
      try {
        validate(changed, anyone);
        assert.fail(`a change at ${where} was accepted`);
      } catch (e) {
        assert.equal((e as { code?: string }).code, expected, `a change at ${where}: ${String(e)}`);
      }
      checked++;
    }
    assert.equal(checked, leaves.length - 1);
  });

  test('a valid element replaced by another: a ciphertext, a credential on the list', () => {
    rejects(
      withLeaf(ballotA, ['answers', 0, 'choices', 1, 'beta'], encodeElement(sodium, randomElement(sodium))),
      'bad-signature',
    );
    rejects({ ...ballotA, credential: ballotB.credential }, 'bad-signature');
  });

  test('two choices swapped, answers of two ballots mixed, signature of another ballot', () => {
    const a1 = ballotA.answers[1]!;
    const swapped = withLeaf(
      ballotA,
      ['answers', 1, 'choices'],
      [a1.choices[1], a1.choices[0], ...a1.choices.slice(2)],
    );
    rejects(swapped, 'bad-signature');
    rejects(withLeaf(ballotA, ['answers', 1], ballotA2.answers[1]), 'bad-signature');
    rejects({ ...ballotA, signature: ballotA2.signature }, 'bad-signature');
  });

  test('a ballot signed again by a credential other than its own', () => {
    const forged = { ...resign(sodium, election, bob, ballotA), credential: ballotA.credential };
    rejects(forged, 'bad-signature');
  });
});

describe('validateBallot: bad-proof (ballots re-signed by their voter)', () => {
  test('control: re-signing an unaltered ballot keeps it valid', () => {
    const again = resign(sodium, election, alice, ballotA);
    assert.notDeepEqual(again.signature, ballotA.signature);
    validate(again);
  });

  test('a changed proof scalar: choice proof, range proof', () => {
    for (const path of [
      ['answers', 0, 'choiceProofs', 0, 0, 'c'],
      ['answers', 0, 'choiceProofs', 3, 1, 's'],
      ['answers', 1, 'choiceProofs', 2, 0, 's'],
      ['answers', 0, 'rangeProof', 0, 'c'],
      ['answers', 1, 'rangeProof', 2, 's'],
    ] as const satisfies Path[]) {
      const leaf = stringLeaves(ballotA).find((l) => l.path.join('.') === path.join('.'))!;
      const altered = resign(sodium, election, alice, withLeaf(ballotA, path, changedScalar(leaf.value)));
      rejects(
        altered,
        'bad-proof',
        isListed,
        path[1] === 0 ? /answer 0 \("chair"\)/ : /answer 1 \("members"\)/,
      );
    }
  });

  test('two ciphertexts swapped, their proofs left in place', () => {
    const a0 = ballotA.answers[0]!;
    const swapped = withLeaf(
      ballotA,
      ['answers', 0, 'choices'],
      [a0.choices[1], a0.choices[0], ...a0.choices.slice(2)],
    );
    rejects(resign(sodium, election, alice, swapped), 'bad-proof');
  });

  test('a ciphertext replaced by an encryption of 1 whose 0/1 proof is valid: the range proof fails', () => {
    // ballotA2 chose candidate 2 of question 0; ballotA chose candidate 1. Taking ballotA2's
    // ciphertext and proof for candidate 2 gives a ballot with two 1s, each proven 0/1.
    const a0 = ballotA.answers[0]!;
    const b0 = ballotA2.answers[0]!;
    const doubled = withLeaf(ballotA, ['answers', 0], {
      ...a0,
      choices: a0.choices.map((c, j) => (j === 2 ? b0.choices[2]! : c)),
      choiceProofs: a0.choiceProofs.map((p, j) => (j === 2 ? b0.choiceProofs[2]! : p)),
    });
    rejects(resign(sodium, election, alice, doubled), 'bad-proof', isListed, /answer 0/);
  });

  test('the range proof of another ballot of the same voter', () => {
    const mixed = withLeaf(ballotA, ['answers', 1, 'rangeProof'], ballotA2.answers[1]!.rangeProof);
    rejects(resign(sodium, election, alice, mixed), 'bad-proof', isListed, /answer 1/);
  });

  test("an answer copied from another voter's ballot, signed by a different credential", () => {
    const copied = withLeaf(ballotB, ['answers', 1], ballotA.answers[1]);
    rejects(resign(sodium, election, bob, copied), 'bad-proof', isListed, /answer 1/);
    // The same answer in a ballot of its own voter is fine.
    validate(resign(sodium, election, alice, withLeaf(ballotA2, ['answers', 1], ballotA.answers[1])));
  });

  test("a whole ballot taken over by another voter's credential", () => {
    rejects(resign(sodium, election, bob, ballotA), 'bad-proof', isListed, /answer 0/);
  });

  test('answers of two questions of the same shape swapped', () => {
    const twins = sampleElection(sodium, twinQuestionsDefinition());
    const { ballot } = createBallot(sodium, twins, alice, [[0], [2]]);
    validateBallot(sodium, twins, ballot, anyone);
    const swapped = resign(sodium, twins, alice, {
      ...ballot,
      answers: [ballot.answers[1]!, ballot.answers[0]!],
    });
    throwsProtocol(() => validateBallot(sodium, twins, swapped, anyone), 'bad-proof', /answer 0/);
  });

  test('a ballot moved to another election (fingerprint changed, signed again)', () => {
    const other = sampleElection(sodium, sampleDefinition({ title: 'Board election 2026 (rerun)' }));
    const moved = resign(sodium, other, alice, { ...ballotA, election: toBase64url(other.fingerprint) });
    throwsProtocol(() => validateBallot(sodium, other, moved, anyone), 'bad-proof');
  });

  test('a ballot under another election key', () => {
    const otherKey = { ...election, publicKey: randomElement(sodium) };
    throwsProtocol(() => validateBallot(sodium, otherKey, ballotA, isListed), 'bad-proof');
  });
});

describe('validateBallot: the cheapest failing check decides', () => {
  const wrongElection = { ...ballotA, election: changedBytes(ballotA.election) };
  test('malformed before wrong-election', () => rejects({ ...wrongElection, extra: 1 }, 'malformed'));
  test('wrong-election before unlisted-credential', () =>
    rejects({ ...wrongElection, credential: publicCredential(sodium, election, carol) }, 'wrong-election'));
  test('unlisted-credential before wrong-shape', () => {
    const { ballot } = createBallot(sodium, election, carol, [[0], [1]]);
    rejects({ ...ballot, answers: ballot.answers.slice(1) }, 'unlisted-credential');
  });
  test('wrong-shape before bad-element', () => {
    const bad = withLeaf(ballotA, ['answers', 0, 'choices', 0, 'alpha'], IDENTITY);
    rejects({ ...bad, answers: bad.answers.slice(0, 1) }, 'wrong-shape');
  });
  test('bad-element before bad-signature', () => {
    rejects(withLeaf(ballotA, ['answers', 0, 'choices', 0, 'alpha'], nonCanonical[0]), 'bad-element');
  });
  test('bad-signature before bad-proof: an altered ciphertext breaks the signature first', () => {
    const a0 = ballotA.answers[0]!;
    rejects(withLeaf(ballotA, ['answers', 0, 'choices'], a0.choices.toReversed()), 'bad-signature');
  });
});
