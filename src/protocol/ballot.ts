/**
 * Ballots: one encrypted selection per question, the voter's public credential, and a Schnorr
 * signature by the credential over everything else. Created in the booth (or by a simulated voter),
 * validated by the server on arrival and again by the verifier, with the same code.
 *
 * Every proof of answer q is made in the context transcript(fingerprint, credential, u32(q)), so an
 * answer copied into another ballot, question or election does not verify.
 *
 * SPEC.md §11 (Ballots); vectors: test/vectors/protocol.json.
 *
 * @example
 * ```ts
 * const { ballot } = createBallot(group, election, credentialText, [[2]]);    // candidate 2 of question 0
 * const valid = validateBallot(group, election, ballot, isListed);              // throws ProtocolError
 * ```
 */
import { z } from 'zod';
import { fromBase64url, toBase64url, uintBE } from '../crypto/bytes.ts';
import { deriveCredential } from '../crypto/credential.ts';
import type { Ciphertext } from '../crypto/elgamal.ts';
import { CryptoError } from '../crypto/errors.ts';
import type { Element, Group } from '../crypto/group.ts';
import { transcript } from '../crypto/hash.ts';
import type { SelectionSecrets } from '../crypto/selection.ts';
import { encryptSelection, verifySelection } from '../crypto/selection.ts';
import { signMessage, verifySignature } from '../crypto/signature.ts';
import { canonicalBytes } from './canonical.ts';
import {
  Bytes32,
  CiphertextWire,
  DisjunctiveProofWire,
  decodeCiphertext,
  decodeElement,
  decodeProof,
  ElementWire,
  encodeCiphertext,
  encodeElement,
  encodeProof,
  ProofWire,
} from './codec.ts';
import type { ElectionDefinition } from './definition.ts';
import { questionBounds } from './definition.ts';
import { describeIssues, ProtocolError } from './errors.ts';

export const Answer = z.strictObject({
  choices: z.array(CiphertextWire).min(1).max(100),
  choiceProofs: z.array(DisjunctiveProofWire).min(1).max(100),
  rangeProof: DisjunctiveProofWire,
});

export const Ballot = z.strictObject({
  format: z.literal('psephos/ballot'),
  /** The election fingerprint, base64url. */
  election: Bytes32,
  credential: ElementWire,
  answers: z.array(Answer).min(1).max(20),
  signature: ProofWire,
});

export type Answer = z.infer<typeof Answer>;
export type Ballot = z.infer<typeof Ballot>;

/** What ballot creation and validation need to know about the election. */
export interface BallotElection {
  readonly definition: ElectionDefinition;
  readonly fingerprint: Uint8Array;
  /** The joint election public key from the key ceremony. */
  readonly publicKey: Element;
}

/** A ballot that passed every check, decoded for the tally. */
export interface ValidBallot {
  readonly ballot: Ballot;
  readonly answers: readonly (readonly Ciphertext[])[];
}

/** The context of answer q's proofs: transcript(fingerprint, credential bytes, u32(q)). */
export function answerContext(fingerprint: Uint8Array, credential: string, question: number): Uint8Array {
  return transcript([fingerprint, fromBase64url(credential, 32), uintBE(question, 4)]);
}

/** The bytes a ballot's signature covers: the canonical ballot without its signature. */
export function signedContent(ballot: Omit<Ballot, 'signature'>): Uint8Array {
  const { format, election, credential, answers } = ballot;
  return canonicalBytes({ format, election, credential, answers });
}

/** Turns chosen candidate indices into a 0/1 vector, rejecting out-of-range or repeated indices. */
export function choiceVector(candidates: number, chosen: readonly number[]): (0 | 1)[] {
  const bits = Array<0 | 1>(candidates).fill(0);
  for (const i of chosen) {
    if (!Number.isInteger(i) || i < 0 || i >= candidates || bits[i] === 1) {
      throw new ProtocolError(
        'wrong-shape',
        `choice ${i} is not a candidate of this question, or is repeated`,
      );
    }
    bits[i] = 1;
  }
  return bits;
}

/**
 * Encrypts and signs a ballot. `chosen[q]` lists the chosen candidate indices of question q.
 * Returns the secrets a Benaloh audit reveals (the ballot must then never be cast).
 */
export function createBallot(
  group: Group,
  election: BallotElection,
  credentialText: string,
  chosen: readonly (readonly number[])[],
): { ballot: Ballot; secrets: readonly SelectionSecrets[]; choices: readonly (0 | 1)[][] } {
  const { definition, fingerprint, publicKey } = election;
  if (chosen.length !== definition.questions.length) {
    throw new ProtocolError(
      'wrong-shape',
      `the ballot answers ${chosen.length} questions, the election has ${definition.questions.length}`,
    );
  }
  const { secret, publicCredential } = deriveCredential(group, definition.id, credentialText);
  const credential = encodeElement(group, publicCredential);
  const choices = definition.questions.map((q, i) => choiceVector(q.candidates.length, chosen[i]!));
  const encrypted = definition.questions.map((q, i) => {
    try {
      return encryptSelection(
        group,
        answerContext(fingerprint, credential, i),
        publicKey,
        choices[i]!,
        questionBounds(q),
      );
    } catch (e) {
      if (e instanceof CryptoError)
        throw new ProtocolError('wrong-shape', `question "${q.title}": ${e.message}`);
      throw e;
    }
  });
  const answers: Answer[] = encrypted.map(({ selection }) => ({
    choices: selection.ciphertexts.map((c) => encodeCiphertext(group, c)),
    choiceProofs: selection.choiceProofs.map((p) => p.map(encodeProof)),
    rangeProof: selection.rangeProof.map(encodeProof),
  }));
  const unsigned = {
    format: 'psephos/ballot' as const,
    election: toBase64url(fingerprint),
    credential,
    answers,
  };
  const signature = encodeProof(signMessage(group, fingerprint, secret, signedContent(unsigned)));
  return { ballot: { ...unsigned, signature }, secrets: encrypted.map((e) => e.secrets), choices };
}

/** Schema check only: a typed ballot or ProtocolError `malformed`. */
export function parseBallot(value: unknown): Ballot {
  const parsed = Ballot.safeParse(value);
  if (!parsed.success)
    throw new ProtocolError('malformed', `not a valid ballot: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

function checkShape(definition: ElectionDefinition, ballot: Ballot): void {
  if (ballot.answers.length !== definition.questions.length) {
    throw new ProtocolError(
      'wrong-shape',
      `the ballot answers ${ballot.answers.length} questions, the election has ${definition.questions.length}`,
    );
  }
  definition.questions.forEach((q, i) => {
    const a = ballot.answers[i]!;
    const { min, max } = questionBounds(q);
    const sized = a.choices.length === q.candidates.length && a.choiceProofs.length === q.candidates.length;
    if (!sized || a.choiceProofs.some((p) => p.length !== 2) || a.rangeProof.length !== max - min + 1) {
      throw new ProtocolError('wrong-shape', `answer ${i} does not match question "${q.id}"`);
    }
  });
}

/**
 * Every check of a ballot, cheapest first: schema, election, listed credential, shape, encodings,
 * signature, proofs. `isListed` answers whether a public credential is on the published list.
 * Throws ProtocolError with the code of the first failure. (The revoting policy is the board's
 * check: it depends on the ballots already cast.)
 */
export function validateBallot(
  group: Group,
  election: BallotElection,
  value: unknown,
  isListed: (credential: string) => boolean,
): ValidBallot {
  const ballot = parseBallot(value);
  const { definition, fingerprint, publicKey } = election;
  if (ballot.election !== toBase64url(fingerprint))
    throw new ProtocolError('wrong-election', 'this ballot was made for another election');
  if (!isListed(ballot.credential))
    throw new ProtocolError('unlisted-credential', 'this credential is not on the published list');
  checkShape(definition, ballot);
  const credential = decodeElement(group, ballot.credential, 'credential');
  // Every encoding is decoded before any check that costs a scalar multiplication.
  const selections = ballot.answers.map((a, i) => ({
    ciphertexts: a.choices.map((c, j) => decodeCiphertext(group, c, `answers.${i}.choices.${j}`)),
    choiceProofs: a.choiceProofs.map((p, j) =>
      p.map((b, k) => decodeProof(b, `answers.${i}.choiceProofs.${j}.${k}`)),
    ),
    rangeProof: a.rangeProof.map((b, k) => decodeProof(b, `answers.${i}.rangeProof.${k}`)),
  }));
  const signature = decodeProof(ballot.signature, 'signature');
  if (!verifySignature(group, fingerprint, credential, signedContent(ballot), signature)) {
    throw new ProtocolError('bad-signature', 'the ballot signature does not match its credential');
  }
  definition.questions.forEach((q, i) => {
    const context = answerContext(fingerprint, ballot.credential, i);
    if (!verifySelection(group, context, publicKey, selections[i]!, questionBounds(q))) {
      throw new ProtocolError('bad-proof', `a proof of answer ${i} ("${q.id}") is invalid`);
    }
  });
  const answers = selections.map((s) => s.ciphertexts);
  return { ballot, answers };
}
