/**
 * Benaloh cast-or-audit. After encrypting, the booth shows the tracker and the voter may audit
 * instead of casting: the booth reveals the choices and the randomness of every ciphertext, and any
 * other device checks that the ballot encrypts exactly those choices. An audited ballot is spoiled —
 * never cast — and the voter starts again, as often as they like. A booth that cheats cannot know in
 * advance which ballots will be audited.
 *
 * SPEC.md §12 (Ballot audit).
 *
 * @example
 * ```ts
 * const audit = makeAudit(group, ballot, choices, secrets);
 * checkAudit(group, election, audit); // the choices, as candidate ids, or ProtocolError
 * ```
 */
import { z } from 'zod';
import { opensTo } from '../crypto/elgamal.ts';
import type { Group } from '../crypto/group.ts';
import type { SelectionSecrets } from '../crypto/selection.ts';
import type { BallotElection } from './ballot.ts';
import { Ballot, validateBallot } from './ballot.ts';
import { decodeScalarWire, encodeScalarWire, ScalarWire } from './codec.ts';
import { describeIssues, ProtocolError } from './errors.ts';
import { tracker, trackerCode } from './tracker.ts';

export const BallotAudit = z.strictObject({
  format: z.literal('psephos/ballot-audit'),
  ballot: Ballot,
  choices: z.array(z.array(z.union([z.literal(0), z.literal(1)]))),
  randomness: z.array(z.array(ScalarWire)),
});
export type BallotAudit = z.infer<typeof BallotAudit>;

/** The audit record of a spoiled ballot. */
export function makeAudit(
  ballot: Ballot,
  choices: readonly (readonly (0 | 1)[])[],
  secrets: readonly SelectionSecrets[],
): BallotAudit {
  return {
    format: 'psephos/ballot-audit',
    ballot,
    choices: choices.map((c) => [...c]),
    randomness: secrets.map((s) => s.randomness.map(encodeScalarWire)),
  };
}

/**
 * Checks an audit: the ballot is valid for the election, and each ciphertext opens to the stated choice
 * with the stated randomness. Returns the tracker code and the chosen candidate ids per question.
 */
export function checkAudit(
  group: Group,
  election: BallotElection,
  value: unknown,
): { tracker: string; chosen: string[][] } {
  const parsed = BallotAudit.safeParse(value);
  if (!parsed.success)
    throw new ProtocolError('malformed', `not a ballot audit: ${describeIssues(parsed.error.issues)}`);
  const audit = parsed.data;
  // The credential list is not needed: an audited ballot is never cast.
  const valid = validateBallot(group, election, audit.ballot, () => true);
  const questions = election.definition.questions.length;
  if (audit.choices.length !== questions || audit.randomness.length !== questions) {
    throw new ProtocolError(
      'wrong-shape',
      `the audit must cover exactly the election's ${questions} questions`,
    );
  }
  const chosen = election.definition.questions.map((q, i) => {
    const bits = audit.choices[i];
    const rs = audit.randomness[i];
    if (!bits || !rs || bits.length !== q.candidates.length || rs.length !== q.candidates.length) {
      throw new ProtocolError(
        'wrong-shape',
        `the audit of question "${q.id}" has the wrong number of choices`,
      );
    }
    valid.answers[i]!.forEach((c, j) => {
      const r = decodeScalarWire(rs[j]!, `randomness.${i}.${j}`);
      if (!opensTo(group, election.publicKey, c, BigInt(bits[j]!), r)) {
        throw new ProtocolError(
          'bad-proof',
          `the ballot does not encrypt what the audit says for "${q.candidates[j]!.name}"`,
        );
      }
    });
    return q.candidates.filter((_, j) => bits[j] === 1).map((c) => c.id);
  });
  return { tracker: trackerCode(tracker(audit.ballot)), chosen };
}
