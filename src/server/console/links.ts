/**
 * The addresses the console's emails and pages point to, built in one place each: a trustee's link to
 * the trustee console, the booth of an election, and the id of an election's practice election.
 *
 * @example
 * ```ts
 * trusteeLink('https://vote.example.org', 'leader-2026', 2, token);
 * // 'https://vote.example.org/trustee/leader-2026#trustee=2&token=…'
 * practiceIdOf('leader-2026'); // 'leader-2026-practice'
 * ```
 */

/** The longest election id that still leaves room for `-practice` within the 64-character id limit. */
export const MAX_ID_WITH_PRACTICE = 64 - '-practice'.length;

function base(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

/**
 * A trustee's link to the trustee console. The trustee number and the bearer token travel in the
 * fragment, which browsers send neither to the server nor in Referer headers; the trustee console reads
 * them from `location.hash` (`trustee=<n>&token=<token>`).
 * @example `trusteeLink('https://vote.example.org', 'leader-2026', 1, 'AbC…')`
 */
export function trusteeLink(publicUrl: string, election: string, trustee: number, token: string): string {
  return `${base(publicUrl)}/trustee/${encodeURIComponent(election)}#trustee=${trustee}&token=${encodeURIComponent(token)}`;
}

/**
 * The booth of an election (the voter asks there for a login email).
 * @example `boothLink('https://vote.example.org', 'leader-2026-practice')` → `'https://vote.example.org/vote/leader-2026-practice'`
 */
export function boothLink(publicUrl: string, election: string): string {
  return `${base(publicUrl)}/vote/${encodeURIComponent(election)}`;
}

/**
 * The id of the practice election of `election`, or undefined when the id is too long to extend.
 * @example `practiceIdOf('leader-2026')` → `'leader-2026-practice'`
 */
export function practiceIdOf(election: string): string | undefined {
  return election.length <= MAX_ID_WITH_PRACTICE ? `${election}-practice` : undefined;
}
