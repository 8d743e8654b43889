/**
 * The homomorphic aggregate: per question and candidate, the product of the counted ballots'
 * ciphertexts, each raised to its credential's weight. It encrypts the number of votes (or the sum of
 * weights) for each candidate; nothing else is ever decrypted.
 *
 * SPEC.md §14 (Tally).
 *
 * @example
 * ```ts
 * const aggregate = new Aggregate(group, definition);
 * aggregate.add(validBallot.answers, 1);
 * aggregate.answers; // Ciphertext[][]
 * ```
 */
import type { Ciphertext } from '../crypto/elgamal.ts';
import { addCiphertexts, scaleCiphertext } from '../crypto/elgamal.ts';
import type { Group } from '../crypto/group.ts';
import type { Ballot } from '../protocol/ballot.ts';
import { decodeCiphertext } from '../protocol/codec.ts';
import type { ElectionDefinition } from '../protocol/definition.ts';

export class Aggregate {
  readonly #group: Group;
  #answers: Ciphertext[][];
  #counted = 0;
  #totalWeight = 0;

  constructor(group: Group, definition: ElectionDefinition) {
    this.#group = group;
    const zero = { alpha: group.identity, beta: group.identity };
    this.#answers = definition.questions.map((q) => q.candidates.map(() => zero));
  }

  /** Adds one counted ballot (already validated) with its credential's weight. */
  add(answers: readonly (readonly Ciphertext[])[], weight: number): void {
    const g = this.#group;
    this.#answers = this.#answers.map((row, i) =>
      row.map((sum, j) => {
        const c = answers[i]![j]!;
        return addCiphertexts(g, sum, weight === 1 ? c : scaleCiphertext(g, c, BigInt(weight)));
      }),
    );
    this.#counted++;
    this.#totalWeight += weight;
  }

  /** Adds another aggregate of the same election (partial sums from worker threads). */
  merge(other: { answers: readonly (readonly Ciphertext[])[]; counted: number; totalWeight: number }): void {
    this.#answers = this.#answers.map((row, i) =>
      row.map((sum, j) => addCiphertexts(this.#group, sum, other.answers[i]![j]!)),
    );
    this.#counted += other.counted;
    this.#totalWeight += other.totalWeight;
  }

  get answers(): readonly (readonly Ciphertext[])[] {
    return this.#answers;
  }
  /** Number of ballots added. */
  get counted(): number {
    return this.#counted;
  }
  /** Sum of their weights: the largest value any candidate's count can take. */
  get totalWeight(): number {
    return this.#totalWeight;
  }
}

/**
 * The aggregate of the ballots that count, read from a stream of board ballots: `counted` maps the event
 * index of each counted ballot to its credential's weight (others are skipped). Used by the server to
 * tally, by the verifier to check the tally, and by the simulation.
 * @example `await aggregateCounted(group, definition, ballots, new Map([[12, 1]]))`
 */
export async function aggregateCounted(
  group: Group,
  definition: ElectionDefinition,
  ballots: AsyncIterable<{ readonly index: number; readonly ballot: Ballot }>,
  counted: ReadonlyMap<number, number>,
): Promise<Aggregate> {
  const aggregate = new Aggregate(group, definition);
  for await (const { index, ballot } of ballots) {
    const weight = counted.get(index);
    if (weight === undefined) continue;
    const answers = ballot.answers.map((a, i) =>
      a.choices.map((c, j) => decodeCiphertext(group, c, `answers.${i}.choices.${j}`)),
    );
    aggregate.add(answers, weight);
  }
  return aggregate;
}
