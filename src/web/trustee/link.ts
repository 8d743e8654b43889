/**
 * The trustee's link, as the organiser's console sends it (src/server/console/links.ts):
 * `/trustee/<election>#trustee=<n>&token=<token>`, the token being the trustee's bearer token (from
 * POST /api/elections/:id/setup, or a fresh one in a reminder; 43 base64url characters). The token alone
 * says which trustee it is (GET /api/session answers `{ kind: 'trustee', subject: '<n>', election }`), so
 * `trustee=<n>` is only for people reading the link, and the bare form `/trustee/<election>#<token>` is
 * read too.
 *
 * The token is in the fragment, which browsers send neither to the server nor in Referer headers. The
 * page takes it out of the address bar at once (history.replaceState) and keeps it in this tab's
 * sessionStorage only, so a reload keeps working and closing the tab forgets it.
 *
 * @example
 * ```ts
 * const token = takeTrusteeToken('leader-2026'); // from the address, else from this tab's storage
 * ```
 */

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const storageKey = (electionId: string) => `psephos-trustee-token:${electionId}`;

/** The token written in a fragment (without its `#`), in either form, or undefined. */
export function tokenOfFragment(fragment: string): string | undefined {
  if (TOKEN.test(fragment)) return fragment;
  const named = new URLSearchParams(fragment).get('token') ?? '';
  return TOKEN.test(named) ? named : undefined;
}

/**
 * The trustee token: from the address's fragment (then removed from the address and kept in this
 * tab's sessionStorage), else the one kept earlier in this tab.
 * @example `const token = takeTrusteeToken(electionId); if (!token) showAskForTheLink();`
 */
export function takeTrusteeToken(electionId: string): string | undefined {
  const fromLink = tokenOfFragment(location.hash.slice(1));
  if (location.hash) history.replaceState(null, '', `${location.pathname}${location.search}`);
  try {
    if (fromLink) sessionStorage.setItem(storageKey(electionId), fromLink);
    const kept = sessionStorage.getItem(storageKey(electionId)) ?? undefined;
    return fromLink ?? (kept && TOKEN.test(kept) ? kept : undefined);
  } catch {
    // Storage disabled: the link still works until the page is reloaded.
    return fromLink;
  }
}

/**
 * Forgets the kept token (it was refused: a wrong or expired link).
 * @example `forgetTrusteeToken(electionId)`
 */
export function forgetTrusteeToken(electionId: string): void {
  try {
    sessionStorage.removeItem(storageKey(electionId));
  } catch {
    // Nothing kept.
  }
}
