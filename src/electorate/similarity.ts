/**
 * String similarity for fuzzy matching: Jaro–Winkler for names (it rewards a shared beginning, where
 * typing mistakes in names are rarest) and a one-edit test for email domains.
 */

/**
 * Jaro–Winkler similarity in [0, 1] (1 for equal strings), with the usual prefix scale 0.1 over at most
 * four characters.
 * @example `jaroWinkler('martha', 'marhta')` → `0.961…`
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Uint8Array(a.length);
  const bMatched = new Uint8Array(b.length);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const end = Math.min(i + window + 1, b.length);
    for (let j = Math.max(0, i - window); j < end; j++) {
      if (bMatched[j] === 0 && a[i] === b[j]) {
        aMatched[i] = 1;
        bMatched[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transposed = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    if (aMatched[i] === 0) continue;
    while (bMatched[j] === 0) j++;
    if (a[i] !== b[j]) transposed++;
    j++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transposed / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * True when `a` becomes `b` by at most one insertion, deletion, substitution or swap of neighbours.
 * @example `withinOneEdit('gmial.com', 'gmail.com')` → `true`; `withinOneEdit('gmx.com', 'gmail.com')` → `false`
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  const rest = (x: number, y: number): boolean => a.slice(x) === b.slice(y);
  if (a.length === b.length) {
    return rest(i + 1, i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(i + 2, i + 2));
  }
  return a.length > b.length ? rest(i + 1, i) : rest(i, i + 1);
}
