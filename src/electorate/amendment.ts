/**
 * Roll amendments: every change to the electorate after its commitment (a late addition, a removal, a
 * correction of a member id) is a `roll-amendment` event on the board with a reason, visible to all. Its
 * payload is the board's (`Payloads['roll-amendment']` in src/protocol/events.ts); this module computes
 * the size of the committed electorate as amended, which the verifier also keeps.
 *
 * SPEC.md §16.6.
 */
import type { Payload } from '../protocol/events.ts';
import type { ElectorateCommitment } from './commitment.ts';
import { ElectorateError } from './errors.ts';

/**
 * The size of the electorate as amended: the committed count, plus one per addition, minus one per
 * removal; a correction changes nothing. The amendments are those of the commitment's election, in board
 * order. Throws `invalid-amendment` for an addition without the new member's leaf (the roll is
 * committed), a leaf added twice, or a size below zero.
 * @example `committedElectorateSize(commitment, [addition, removal])` → `commitment.count`
 */
export function committedElectorateSize(
  commitment: ElectorateCommitment,
  amendments: readonly Payload<'roll-amendment'>[],
): number {
  let size = commitment.count;
  const added = new Set<string>();
  amendments.forEach((amendment, i) => {
    if (amendment.kind === 'add') {
      if (amendment.leaf === undefined)
        throw new ElectorateError(
          'invalid-amendment',
          `amendment ${i + 1} adds a member without their leaf, to a committed roll`,
        );
      if (added.has(amendment.leaf))
        throw new ElectorateError('invalid-amendment', `amendment ${i + 1} adds a leaf already added`);
      added.add(amendment.leaf);
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
