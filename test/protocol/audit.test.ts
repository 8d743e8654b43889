/**
 * Benaloh audits (src/protocol/audit.ts): makeAudit records the choices and randomness of a spoiled
 * ballot, and checkAudit, on any device, returns its tracker code and the chosen candidate ids — or
 * rejects an audit that claims other choices (`bad-proof`), reveals wrong randomness (`bad-proof`),
 * carries a tampered ballot (`bad-signature`) or is not an audit at all (`malformed`).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadGroup } from '../../src/crypto/backends.ts';
import { toBase64url } from '../../src/crypto/bytes.ts';
import { encrypt } from '../../src/crypto/elgamal.ts';
import { mod, ORDER } from '../../src/crypto/scalar.ts';
import type { BallotAudit } from '../../src/protocol/audit.ts';
import { checkAudit, makeAudit } from '../../src/protocol/audit.ts';
import { createBallot } from '../../src/protocol/ballot.ts';
import { decodeScalarWire, encodeCiphertext, encodeScalarWire } from '../../src/protocol/codec.ts';
import type { ProtocolErrorCode } from '../../src/protocol/errors.ts';
import { tracker, trackerCode } from '../../src/protocol/tracker.ts';
import {
  copy,
  resign,
  sampleCredential,
  sampleDefinition,
  sampleElection,
  throwsProtocol,
  withLeaf,
} from './fixtures.ts';

const group = await loadGroup();
const election = sampleElection(group);
const alice = sampleCredential(1);

/** Alice chose Cy (index 2) for chair and approved Eve and Hal (0 and 3). */
const made = createBallot(group, election, alice, [[2], [0, 3]]);
const audit = makeAudit(made.ballot, made.choices, made.secrets);
const plain = () => JSON.parse(JSON.stringify(audit)) as BallotAudit;

const rejects = (value: unknown, code: ProtocolErrorCode, message?: RegExp) =>
  throwsProtocol(() => checkAudit(group, election, value), code, message);

/** The audit with the randomness of candidate j of question q replaced. */
const withRandomness = (q: number, j: number, r: bigint) =>
  withLeaf(plain(), ['randomness', q, j], encodeScalarWire(r));

describe('makeAudit and checkAudit', () => {
  test('the audit names its format and reveals one bit and one randomness per ciphertext', () => {
    assert.equal(audit.format, 'psephos/ballot-audit');
    assert.deepEqual(audit.choices, [
      [0, 0, 1, 0],
      [1, 0, 0, 1, 0],
    ]);
    assert.deepEqual(
      audit.randomness.map((r) => r.length),
      [4, 5],
    );
  });

  test('returns the tracker code of the ballot and the chosen candidate ids', () => {
    const result = checkAudit(group, election, plain());
    assert.deepEqual(result, {
      tracker: trackerCode(tracker(made.ballot)),
      chosen: [['cy'], ['eve', 'hal']],
    });
  });

  test('a blank approval and a blank single vote', () => {
    const d = sampleDefinition();
    Object.assign(d.questions[0]!, { blankAllowed: true });
    const e = sampleElection(group, d);
    const blank = createBallot(group, e, alice, [[], []]);
    const result = checkAudit(group, e, makeAudit(blank.ballot, blank.choices, blank.secrets));
    assert.deepEqual(result.chosen, [[], []]);
  });

  test('on the noble backend too', async () => {
    const noble = await loadGroup('noble');
    const result = checkAudit(noble, sampleElection(noble), plain());
    assert.deepEqual(result.chosen, [['cy'], ['eve', 'hal']]);
  });
});

describe('checkAudit rejects', () => {
  test('an audit claiming other choices (bad-proof)', () => {
    // Another chair: Ada instead of Cy.
    rejects(
      withLeaf(plain(), ['choices', 0], [1, 0, 0, 0]),
      'bad-proof',
      /does not encrypt what the audit says for "Ada Lovelace"/,
    );
    // One approval more, one fewer, and one moved.
    rejects(withLeaf(plain(), ['choices', 1], [1, 1, 0, 1, 0]), 'bad-proof', /Fay Wray/);
    rejects(withLeaf(plain(), ['choices', 1], [1, 0, 0, 0, 0]), 'bad-proof', /Hal Ashby/);
    rejects(withLeaf(plain(), ['choices', 1], [1, 0, 0, 0, 1]), 'bad-proof');
    // No chair at all (the claim need not even be a valid vote to be checked).
    rejects(withLeaf(plain(), ['choices', 0], [0, 0, 0, 0]), 'bad-proof');
  });

  test('wrong randomness (bad-proof)', () => {
    const r = decodeScalarWire(audit.randomness[1]![3]!, 'r');
    rejects(withRandomness(1, 3, mod(r + 1n)), 'bad-proof', /Hal Ashby/);
    rejects(withRandomness(0, 0, 0n), 'bad-proof');
    // The randomness of two candidates exchanged.
    const swapped = plain();
    const q1 = swapped.randomness[1]!;
    [q1[0], q1[1]] = [q1[1]!, q1[0]!];
    rejects(swapped, 'bad-proof');
    // The randomness of another ballot with the same choices.
    const other = createBallot(group, election, alice, [[2], [0, 3]]);
    rejects(
      { ...plain(), randomness: makeAudit(other.ballot, other.choices, other.secrets).randomness },
      'bad-proof',
    );
  });

  test('a ciphertext replaced by one that opens to the claimed choice, the ballot not signed again (bad-signature)', () => {
    // A cheating booth could make the audit's ballot encrypt what the audit claims: it would no
    // longer be the ballot the voter saw signed.
    const r = 12345n;
    const ct = encodeCiphertext(group, encrypt(group, election.publicKey, 0n, r).ciphertext);
    const tampered = withLeaf(plain(), ['ballot', 'answers', 0, 'choices', 0], ct);
    rejects(withLeaf(tampered, ['randomness', 0, 0], encodeScalarWire(r)), 'bad-signature');
  });

  test('a tampered ballot (bad-signature)', () => {
    const a0 = audit.ballot.answers[0]!;
    rejects(withLeaf(plain(), ['ballot', 'answers', 0, 'choices'], a0.choices.toReversed()), 'bad-signature');
    rejects(
      withLeaf(plain(), ['ballot', 'signature'], { ...audit.ballot.signature, c: audit.ballot.signature.s }),
      'bad-signature',
    );
  });

  test('a tampered ballot signed again by its voter: its proofs fail (bad-proof)', () => {
    const a0 = audit.ballot.answers[0]!;
    const reordered = withLeaf(audit.ballot, ['answers', 0, 'choices'], a0.choices.toReversed());
    rejects({ ...plain(), ballot: resign(group, election, alice, reordered) }, 'bad-proof');
  });

  test('an audit for another election (wrong-election)', () => {
    throwsProtocol(
      () => checkAudit(group, sampleElection(group, sampleDefinition({ id: 'board-2027' })), plain()),
      'wrong-election',
    );
  });

  test('not an audit (malformed)', () => {
    for (const value of [null, 'audit', 1, [], {}, made.ballot]) rejects(value, 'malformed');
    for (const key of ['format', 'ballot', 'choices', 'randomness'] as const) {
      const a: Partial<BallotAudit> = plain();
      delete a[key];
      rejects(a, 'malformed', new RegExp(key));
    }
    rejects(
      { ...plain(), secrets: made.secrets.map((s) => s.randomness.map(String)) },
      'malformed',
      /secrets/,
    );
    rejects({ ...plain(), format: 'psephos/ballot' }, 'malformed');
    rejects(withLeaf(plain(), ['choices', 1, 0], 2), 'malformed');
    rejects(withLeaf(plain(), ['choices', 1, 0], true), 'malformed');
    rejects(withLeaf(plain(), ['choices', 0], [0, 0, '1', 0]), 'malformed');
    rejects(withLeaf(plain(), ['randomness', 0, 0], 'not base64url!'), 'malformed');
    rejects(withLeaf(plain(), ['randomness', 0, 0], audit.randomness[0]![0]!.slice(1)), 'malformed');
    rejects(withLeaf(plain(), ['ballot', 'extra'], 1), 'malformed');
  });

  test('choices or randomness of the wrong length (wrong-shape)', () => {
    rejects(withLeaf(plain(), ['choices', 0], [0, 0, 1]), 'wrong-shape');
    rejects(withLeaf(plain(), ['choices', 1], [1, 0, 0, 1, 0, 0]), 'wrong-shape');
    rejects(withLeaf(plain(), ['randomness', 1], audit.randomness[1]!.slice(1)), 'wrong-shape');
    rejects({ ...plain(), choices: audit.choices.slice(0, 1) }, 'wrong-shape');
    rejects({ ...plain(), randomness: audit.randomness.slice(0, 1) }, 'wrong-shape');
  });

  // An audit record must say exactly what the ballot holds: the lengths of each question's lists are
  // checked, so the number of questions should be too.
  test('choices or randomness for more questions than the election has (wrong-shape)', () => {
    const extra = copy(plain());
    extra.choices.push([1]);
    extra.randomness.push([encodeScalarWire(1n)]);
    rejects(extra, 'wrong-shape');
  });

  test('randomness that is not a reduced scalar (bad-element)', () => {
    const bytes = new Uint8Array(32).fill(255);
    rejects(withLeaf(plain(), ['randomness', 1, 2], toBase64url(bytes)), 'bad-element', /randomness\.1\.2/);
    const ell = new Uint8Array(32);
    let v = ORDER;
    for (let i = 0; i < 32; i++, v >>= 8n) ell[i] = Number(v & 0xffn);
    rejects(withLeaf(plain(), ['randomness', 0, 3], toBase64url(ell)), 'bad-element');
  });
});
