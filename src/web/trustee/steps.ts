/**
 * Where a trustee is in the key ceremony and the decryption, in the browser (SPEC.md §7, §8): which
 * step is next, given the board and the secrets of the open key file, and whether an opened key file
 * belongs with the board. The steps themselves (the communication key, the dealing, the check of the
 * shares, the secret share) are src/protocol/trustee-steps.ts, shared with the command line's
 * `psephos trustee keygen | share | decrypt`.
 *
 * @example
 * ```ts
 * assertMatchesBoard(board, 2, opened.secrets);           // the file belongs with the board
 * const step = nextStep(board, 2, opened.secrets);        // { kind: 'deal' }
 * ```
 */
import type { TrusteeSecrets } from '../../protocol/trustee-key.ts';
import { missingFrom, TrusteeProblem } from '../../protocol/trustee-steps.ts';
import type { Board } from './board.ts';

export { TrusteeProblem, type TrusteeProblemCode } from '../../protocol/trustee-steps.ts';

/** Where this trustee is, from the board and (when a key file is open) its secrets. */
export type Step =
  /** The result is out: nothing left to do. */
  | { readonly kind: 'published' }
  /** The key ceremony ended without this trustee's key. */
  | { readonly kind: 'too-late' }
  /** No key yet: choose a passphrase, make the key (or open a key file made before). */
  | { readonly kind: 'make-key' }
  /** A key is open but not on the board: save the key file, publish the key. */
  | { readonly kind: 'publish-identity' }
  | { readonly kind: 'wait-identities'; readonly missing: readonly number[] }
  /** Something may be to do that needs the secrets: open the key file. */
  | { readonly kind: 'open-key' }
  | { readonly kind: 'deal' }
  | { readonly kind: 'wait-dealings'; readonly missing: readonly number[] }
  | { readonly kind: 'check' }
  /** A complaint in the key file whose dealer the board has not excluded (not sent, or not upheld). */
  | { readonly kind: 'complaint-pending'; readonly dealers: readonly number[] }
  /** This trustee's part of the ceremony is done: the next is after the count. */
  | { readonly kind: 'wait-tally' }
  | { readonly kind: 'decrypt' }
  /** This trustee's decryption shares are on the board. */
  | { readonly kind: 'done' };

/**
 * The next step of trustee `me`: from the board alone while no key file is open, exactly once one is.
 * @example `nextStep(board, 2, undefined)  // { kind: 'open-key' } once every key is published`
 */
export function nextStep(board: Board, me: number, secrets: TrusteeSecrets | undefined): Step {
  if (board.status === 'published') return { kind: 'published' };
  if (!board.identities.some((i) => i.trustee === me)) {
    if (board.status !== 'key-ceremony') return { kind: 'too-late' };
    return { kind: secrets ? 'publish-identity' : 'make-key' };
  }
  if (board.decryptionShares.includes(me)) return { kind: 'done' };
  const missingKeys = missingFrom(
    board.trustees,
    board.identities.map((i) => i.trustee),
  );
  if (missingKeys.length > 0) return { kind: 'wait-identities', missing: missingKeys };
  const dealt = board.dealings.some((d) => d.trustee === me);
  const missingDealings = missingFrom(
    board.trustees,
    board.dealings.map((d) => d.trustee),
  );
  if (!secrets) {
    if (dealt && missingDealings.length > 0) return { kind: 'wait-dealings', missing: missingDealings };
    // Between the ceremony and the count there is nothing that cannot wait for the count.
    if (dealt && ['ready', 'open', 'closed'].includes(board.status)) return { kind: 'wait-tally' };
    return { kind: 'open-key' };
  }
  if (!dealt) return { kind: 'deal' };
  if (missingDealings.length > 0) return { kind: 'wait-dealings', missing: missingDealings };
  if (!checked(board, me, secrets)) return { kind: 'check' };
  const pending = (secrets.complaints ?? []).filter((d) => !board.disqualified.includes(d));
  if (pending.length > 0) return { kind: 'complaint-pending', dealers: pending };
  if (board.status === 'tallying' && board.tally) return { kind: 'decrypt' };
  return { kind: 'wait-tally' };
}

/** Whether every other dealer's share was opened (kept) or complained about. */
function checked(board: Board, me: number, secrets: TrusteeSecrets): boolean {
  return board.dealings.every(
    (d) =>
      d.trustee === me ||
      secrets.received?.[d.trustee] !== undefined ||
      (secrets.complaints ?? []).includes(d.trustee),
  );
}

/**
 * Checks that an opened key file belongs with the board: the same key for this trustee, and the
 * dealing on the board (if any) is the file's. TrusteeProblem `identity-mismatch` or `dealing-mismatch`.
 * @example `assertMatchesBoard(board, 2, secrets)`
 */
export function assertMatchesBoard(board: Board, me: number, secrets: TrusteeSecrets): void {
  const published = board.identities.find((i) => i.trustee === me);
  if (published && published.communicationKey !== secrets.identity.communicationKey)
    throw new TrusteeProblem('identity-mismatch', `the board holds another key for trustee ${me}`);
  const dealing = board.dealings.find((d) => d.trustee === me);
  if (dealing && dealing.coefficients.join() !== secrets.dealing?.coefficients.join())
    throw new TrusteeProblem(
      'dealing-mismatch',
      `the board holds a dealing of trustee ${me} not in this file`,
    );
}
