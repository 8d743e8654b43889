/**
 * Roll amendments: every change to the electorate after its commitment (a late addition, a removal, a
 * correction of a member id) is a `roll-amendment` event on the board with a reason, visible to all. The
 * verifier checks that the credentials counted never exceed the committed electorate as amended.
 *
 * SPEC-electorate.md §5.
 */
import { z } from 'zod';
import type { ElectorateCommitment } from './commitment.ts';
import { electionIdSchema, hash32Schema } from './commitment.ts';
import { ElectorateError } from './errors.ts';

/**
 * The payload of a `roll-amendment` event. `leaf` is the member leaf added, or removed; a correction
 * that changes a member id gives the new `leaf` and the `previousLeaf` it replaces.
 * @example `rollAmendmentSchema.parse({ electionId: 'leader-2026', kind: 'add', reason: 'Membership backdated on appeal', leaf })`
 */
export const rollAmendmentSchema = z
  .strictObject({
    electionId: electionIdSchema,
    kind: z.enum(['add', 'remove', 'correct']),
    reason: z.string().trim().min(1).max(2000),
    leaf: hash32Schema.optional(),
    previousLeaf: hash32Schema.optional(),
  })
  .superRefine((amendment, ctx) => {
    const problem = (message: string): void => ctx.addIssue({ code: 'custom', message });
    if (amendment.kind === 'add' && amendment.leaf === undefined) {
      problem("an addition carries the new member's leaf, so they can check it");
    }
    if (amendment.kind !== 'correct' && amendment.previousLeaf !== undefined) {
      problem('only a correction replaces a previous leaf');
    }
    if (
      amendment.kind === 'correct' &&
      (amendment.leaf === undefined) !== (amendment.previousLeaf === undefined)
    ) {
      problem('a correction gives both the new leaf and the previous one, or neither');
    }
  });

/** A validated roll amendment. */
export type RollAmendment = z.infer<typeof rollAmendmentSchema>;

/**
 * Builds a roll amendment, validating it; throws `invalid-amendment` with the reason otherwise.
 * @example `rollAmendment({ electionId, kind: 'remove', reason: 'Deceased; notified by family 2026-11-02' })`
 */
export function rollAmendment(input: z.input<typeof rollAmendmentSchema>): RollAmendment {
  const result = rollAmendmentSchema.safeParse(input);
  if (!result.success) {
    throw new ElectorateError(
      'invalid-amendment',
      `the roll amendment is invalid: ${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}

/**
 * The size of the electorate as amended: the committed count, plus one per addition, minus one per
 * removal. The verifier checks that the credentials counted do not exceed it. Throws
 * `invalid-amendment` for an amendment of another election, a leaf added twice, or a size below zero.
 * @example `committedElectorateSize(commitment, [addition, removal])` → `commitment.count`
 */
export function committedElectorateSize(
  commitment: ElectorateCommitment,
  amendments: readonly RollAmendment[],
): number {
  let size = commitment.count;
  const added = new Set<string>();
  amendments.forEach((amendment, i) => {
    if (amendment.electionId !== commitment.electionId) {
      throw new ElectorateError(
        'invalid-amendment',
        `amendment ${i + 1} is for election "${amendment.electionId}", not "${commitment.electionId}"`,
      );
    }
    if (amendment.kind === 'add') {
      if (added.has(amendment.leaf!))
        throw new ElectorateError('invalid-amendment', `amendment ${i + 1} adds a leaf already added`);
      added.add(amendment.leaf!);
      size++;
    } else if (amendment.kind === 'remove') {
      size--;
      if (size < 0)
        throw new ElectorateError(
          'invalid-amendment',
          `amendment ${i + 1} removes a member from an empty electorate`,
        );
    }
  });
  return size;
}
