/**
 * An election's lifecycle (BRIEF §7), in order: `draft` is before the board exists; every later status
 * follows a board event, and none goes backwards. One list for the server's store and the pages.
 *
 * @example
 * ```ts
 * statusRank('open') > statusRank('ready');   // true: open comes after ready
 * LIFECYCLE.at(-1);                            // 'published'
 * ```
 */

/** The statuses, in the order an election goes through them. */
export const LIFECYCLE = [
  'draft',
  'key-ceremony',
  'ready',
  'open',
  'closed',
  'tallying',
  'published',
] as const;

/** One of {@link LIFECYCLE}. */
export type ElectionStatus = (typeof LIFECYCLE)[number];

/**
 * How far along a status is: 0 for a draft, -1 for a word that is no status.
 * @example `statusRank('open') > statusRank('ready')  // true`
 */
export function statusRank(status: string): number {
  return LIFECYCLE.indexOf(status as ElectionStatus);
}
