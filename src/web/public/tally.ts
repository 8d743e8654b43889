/**
 * The published result in the terms the results page shows: per question, each candidate's total, its
 * share, who has the most votes, and the blank votes when the result implies them.
 *
 * What the numbers are (SPEC.md §14): `result.counted` is the number of ballots that count (one per
 * credential, after the revoting policy); `result.counts[i][j]` is candidate j's total on question i,
 * each ballot weighted by its credential's weight. So:
 * - unweighted (maxWeight 1): a total is a number of ballots, and a share is of the ballots counted; on a
 *   single-choice question, the ballots that chose nobody are `counted − Σ totals` (blank votes);
 * - weighted: totals are weighted votes, which must not be divided by a number of ballots; a share is of
 *   all the weighted votes given to candidates on that question, and blank votes cannot be told apart
 *   (the result does not carry the counted weight).
 * Approval ballots may choose several candidates, so their shares of the ballots can add up past 100%.
 *
 * @example
 * ```ts
 * const [q] = questionResults(definition, result);
 * q.rows[0]; // { name: 'Ada', votes: 3, share: 0.6, top: true }
 * ```
 */
import type { ElectionDefinition } from '../../protocol/definition.ts';
import type { Payload } from '../../protocol/events.ts';

export interface ResultRow {
  readonly id: string;
  readonly name: string;
  readonly votes: number;
  /** 0..1. */
  readonly share: number;
  /** Has the most votes (with others, when tied); nobody does when every total is 0. */
  readonly top: boolean;
}

export interface QuestionResult {
  readonly id: string;
  readonly title: string;
  /** In the ballot's order. */
  readonly rows: readonly ResultRow[];
  /** Ballots that chose nobody, when the result implies them. */
  readonly blank?: { readonly votes: number; readonly share: number };
  /** What shares are of: the ballots counted, or the weighted votes given to candidates. */
  readonly basis: 'ballots' | 'weighted-votes';
  /** Several candidates are at the top. */
  readonly tied: boolean;
  /** For an approval question that allows several choices: that maximum (shares may pass 100%). */
  readonly approvalMax?: number;
}

/**
 * Every question's result.
 * @example `questionResults(definition, { counted: 5, trustees: [1], counts: [[3, 2]] })`
 */
export function questionResults(definition: ElectionDefinition, result: Payload<'result'>): QuestionResult[] {
  const weighted = definition.maxWeight > 1;
  return definition.questions.map((q, i) => {
    const totals = result.counts[i] ?? [];
    const given = totals.reduce((a, b) => a + b, 0);
    const base = weighted ? given : result.counted;
    const share = (votes: number) => (base > 0 ? votes / base : 0);
    const most = Math.max(0, ...totals);
    const rows = q.candidates.map((c, j) => {
      const votes = totals[j] ?? 0;
      return { id: c.id, name: c.name, votes, share: share(votes), top: most > 0 && votes === most };
    });
    const blankVotes = result.counted - given;
    const showBlank =
      !weighted && q.type === 'single' && blankVotes >= 0 && (q.blankAllowed || blankVotes > 0);
    return {
      id: q.id,
      title: q.title,
      rows,
      ...(showBlank ? { blank: { votes: blankVotes, share: share(blankVotes) } } : {}),
      basis: weighted ? 'weighted-votes' : 'ballots',
      tied: rows.filter((r) => r.top).length > 1,
      ...(q.type === 'approval' && q.max > 1 && !weighted ? { approvalMax: q.max } : {}),
    };
  });
}

/**
 * Turnout: the share of the listed voting credentials whose ballot counts (0 with no credentials).
 * @example `turnout(3, 4)` → 0.75
 */
export function turnout(counted: number, credentials: number): number {
  return credentials > 0 ? counted / credentials : 0;
}
