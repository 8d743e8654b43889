/**
 * Bounded discrete logarithm by baby-step giant-step: find m in [0, max] with g^m = target. The
 * baby-step table (⌈√(max+1)⌉ entries) is built once per group and size and reused, so the tally of
 * every candidate shares it. Time and memory are O(√max): max = 10^9 needs 31 623 entries.
 *
 * SPEC.md §8 (Threshold decryption: recovering the count).
 *
 * @example
 * ```ts
 * const solver = discreteLogSolver(group, 1_000_000);
 * solver.solve(group.mulBase(123_456n)); // 123456
 * ```
 */
import { toHex } from './bytes.ts';
import { CryptoError } from './errors.ts';
import type { Element, Group } from './group.ts';

export interface DiscreteLogSolver {
  readonly max: number;
  /** m with g^m = target, m ≤ max; throws CryptoError dlog-out-of-range when there is none. */
  solve(target: Element): number;
}

const key = (group: Group, e: Element) => toHex(group.encode(e));

function buildSolver(group: Group, max: number): DiscreteLogSolver {
  const step = Math.ceil(Math.sqrt(max + 1));
  const baby = new Map<string, number>();
  let e = group.identity;
  for (let j = 0; j < step; j++) {
    baby.set(key(group, e), j);
    e = group.add(e, group.generator);
  }
  const giant = group.mulBase(BigInt(step));
  return {
    max,
    solve(target) {
      let gamma = target;
      for (let i = 0; i * step <= max; i++) {
        const j = baby.get(key(group, gamma));
        if (j !== undefined && i * step + j <= max) return i * step + j;
        gamma = group.sub(gamma, giant);
      }
      throw new CryptoError('dlog-out-of-range', `the decrypted value is not in [0, ${max}]`);
    },
  };
}

const cache = new WeakMap<Group, DiscreteLogSolver[]>();

/**
 * A solver for values up to `max` (at most 10^12), reusing a cached table at least as large.
 * @example `discreteLogSolver(group, 1000).solve(group.mulBase(7n)) === 7`
 */
export function discreteLogSolver(group: Group, max: number): DiscreteLogSolver {
  if (!Number.isSafeInteger(max) || max < 0 || max > 1e12) {
    throw new CryptoError('bad-parameters', 'the bound of a discrete log must be an integer in [0, 10^12]');
  }
  const solvers = cache.get(group) ?? [];
  const reusable = solvers.find((s) => s.max >= max);
  if (reusable) return { max, solve: (t) => checkBound(reusable.solve(t), max) };
  const solver = buildSolver(group, max);
  cache.set(group, [...solvers, solver]);
  return solver;
}

function checkBound(m: number, max: number): number {
  if (m > max) throw new CryptoError('dlog-out-of-range', `the decrypted value is not in [0, ${max}]`);
  return m;
}
