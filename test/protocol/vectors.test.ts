/**
 * Psephos's protocol vectors (test/vectors/protocol.json, made by scripts/make-protocol-vectors.ts)
 * on both backends: the definition's canonical text and fingerprint exactly; the election key and
 * the voter's public credential re-derived; the stored ballot valid under the stored definition, key
 * and credential list, and opening to the stated choices; its tracker, tracker code and the leaf hash
 * of the event that carries it exactly.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { boardPublicKey } from '../../src/board/tree-head.ts';
import { loadBothGroups } from '../../src/crypto/backends.ts';
import { fromHex, toBase64url, toHex } from '../../src/crypto/bytes.ts';
import { deriveCredential } from '../../src/crypto/credential.ts';
import { decodeScalar } from '../../src/crypto/scalar.ts';
import type { BallotAudit } from '../../src/protocol/audit.ts';
import { checkAudit } from '../../src/protocol/audit.ts';
import type { Ballot, BallotElection } from '../../src/protocol/ballot.ts';
import { validateBallot } from '../../src/protocol/ballot.ts';
import { canonicalJson } from '../../src/protocol/canonical.ts';
import { decodeElement, encodeElement } from '../../src/protocol/codec.ts';
import { fingerprint, parseDefinition } from '../../src/protocol/definition.ts';
import { eventLeafHash, parseEvent } from '../../src/protocol/events.ts';
import { tracker, trackerCode } from '../../src/protocol/tracker.ts';
import { throwsProtocol, withLeaf } from './fixtures.ts';

interface ProtocolVectors {
  definition: unknown;
  canonicalDefinition: string;
  fingerprint: string;
  fingerprintHex: string;
  boardSecretKeyHex: string;
  electionSecretKeyHex: string;
  electionPublicKey: string;
  credential: { text: string; publicCredential: string };
  credentials: string[];
  chosen: number[][];
  chosenIds: string[][];
  ballot: Ballot;
  audit: BallotAudit;
  tracker: string;
  trackerHex: string;
  trackerCode: string;
  event: unknown;
  leafHashHex: string;
}

const v: ProtocolVectors = JSON.parse(
  readFileSync(new URL('../vectors/protocol.json', import.meta.url), 'utf8'),
);
const groups = await loadBothGroups();

describe('protocol vectors: definition', () => {
  const definition = parseDefinition(v.definition);

  test('canonical text, exactly', () => {
    assert.equal(canonicalJson(definition), v.canonicalDefinition);
    // The stored input is not in canonical order: canonicalisation did the work.
    assert.notEqual(JSON.stringify(v.definition), v.canonicalDefinition);
    assert.equal(canonicalJson(v.definition), v.canonicalDefinition);
  });

  test('fingerprint, exactly', () => {
    assert.equal(toBase64url(fingerprint(definition)), v.fingerprint);
    assert.equal(toHex(fingerprint(definition)), v.fingerprintHex);
  });

  test('the board key is the one of the stored seed', () => {
    assert.equal(boardPublicKey(fromHex(v.boardSecretKeyHex)), definition.boardKey);
  });
});

for (const group of groups) {
  const b = group.backend;
  const definition = parseDefinition(v.definition);
  const election: BallotElection = {
    definition,
    fingerprint: fromHex(v.fingerprintHex),
    publicKey: decodeElement(group, v.electionPublicKey, 'electionPublicKey'),
  };
  const isListed = (c: string) => v.credentials.includes(c);

  describe(`protocol vectors on ${b}`, () => {
    test(`${b}: the election key and the public credential re-derived`, () => {
      const secretKey = decodeScalar(fromHex(v.electionSecretKeyHex));
      assert.equal(encodeElement(group, group.mulBase(secretKey)), v.electionPublicKey);
      const derived = deriveCredential(group, definition.id, v.credential.text).publicCredential;
      assert.equal(encodeElement(group, derived), v.credential.publicCredential);
      assert.equal(v.ballot.credential, v.credential.publicCredential);
    });

    test(`${b}: the stored ballot is valid under the stored definition, key and list`, () => {
      const valid = validateBallot(group, election, v.ballot, isListed);
      assert.deepEqual(valid.ballot, v.ballot);
      assert.equal(v.ballot.election, v.fingerprint);
    });

    test(`${b}: the stored ballot encrypts the stated choices (its audit checks out)`, () => {
      const result = checkAudit(group, election, v.audit);
      assert.deepEqual(result, { tracker: v.trackerCode, chosen: v.chosenIds });
      assert.deepEqual(v.audit.ballot, v.ballot);
      assert.deepEqual(
        v.audit.choices,
        definition.questions.map((q, i) => q.candidates.map((_, j) => (v.chosen[i]!.includes(j) ? 1 : 0))),
      );
    });

    test(`${b}: the stored ballot is rejected once changed, or under another election`, () => {
      const a0 = v.ballot.answers[0]!;
      const reordered = withLeaf(v.ballot, ['answers', 0, 'choices'], a0.choices.toReversed());
      throwsProtocol(() => validateBallot(group, election, reordered, isListed), 'bad-signature');
      throwsProtocol(() => validateBallot(group, election, v.ballot, () => false), 'unlisted-credential');
      const other = parseDefinition({ ...(v.definition as object), title: 'Another election' });
      const elsewhere = { ...election, definition: other, fingerprint: fingerprint(other) };
      throwsProtocol(() => validateBallot(group, elsewhere, v.ballot, isListed), 'wrong-election');
    });
  });
}

describe('protocol vectors: tracker and event', () => {
  test('tracker and tracker code, exactly', () => {
    const t = tracker(v.ballot);
    assert.equal(toBase64url(t), v.tracker);
    assert.equal(toHex(t), v.trackerHex);
    assert.equal(trackerCode(t), v.trackerCode);
  });

  test('the event parses, carries the ballot, and has the stored leaf hash', () => {
    const event = parseEvent(v.event);
    assert.equal(event.type, 'ballot');
    assert.deepEqual(event.type === 'ballot' ? event.payload.ballot : undefined, v.ballot);
    assert.equal(toHex(eventLeafHash(event)), v.leafHashHex);
    assert.notEqual(toHex(eventLeafHash({ ...event, index: event.index + 1 })), v.leafHashHex);
  });
});
