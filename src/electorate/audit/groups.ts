/**
 * Grouping member positions by a key, the first step of every exact-match detector.
 */

/**
 * Positions grouped by key, blank and null keys skipped, keeping only groups of at least `minSize`.
 * Most keys (emails, phones) are unique, so a key seen once is remembered by its position alone and
 * gets an array only when it recurs: this saves a short-lived array per member.
 * @example `groupPositions(['a', '', 'a', 'b'], 2)` → `Map { 'a' => [0, 2] }`
 */
export function groupPositions(keys: readonly (string | null)[], minSize: number): Map<string, number[]> {
  const first = new Map<string, number>();
  const groups = new Map<string, number[]>();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (!key) continue;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, i);
    else if (seen >= 0) {
      groups.set(key, [seen, i]);
      first.set(key, -1);
    } else groups.get(key)!.push(i);
  }
  if (minSize <= 1) {
    for (const [key, position] of first) if (position >= 0) groups.set(key, [position]);
  } else if (minSize > 2) {
    for (const [key, group] of groups) if (group.length < minSize) groups.delete(key);
  }
  return groups;
}
