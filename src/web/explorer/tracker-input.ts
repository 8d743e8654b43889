/**
 * What a person types to find a ballot on the board. Two forms are accepted:
 * - the short code the booth shows (SPEC.md §11): the tracker's first 10 bytes in Crockford base32,
 *   16 characters in four groups of four. Case, spaces and dashes do not matter, and the letters
 *   Crockford reads as digits (O as 0, I and L as 1) are read that way, as the alphabet intends;
 * - the full tracker, 43 base64url characters, as in a receipt file.
 * Anything else is refused here, before the server is asked, with the reason in a form the page can
 * put into words. The short code carries no checksum, so a typo that leaves 16 valid characters is
 * only found out by the search itself ("not on the board").
 *
 * @example
 * ```ts
 * parseTrackerInput('k3f9 2qxm 7tbd w1ce'); // { kind: 'code', code: 'K3F9-2QXM-7TBD-W1CE', prefix: Uint8Array(10) }
 * parseTrackerInput('K3F9-2QXM-7TBD');      // { kind: 'invalid', problem: 'length', length: 12 }
 * ```
 */
import { fromBase64url } from '../../crypto/bytes.ts';

/** Crockford's base32 alphabet (no I, L, O, U). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Characters in the short code, and the tracker bytes they stand for. */
export const CODE_LENGTH = 16;
export const CODE_BYTES = 10;

export type TrackerQuery =
  /** The full tracker, base64url. */
  | { readonly kind: 'full'; readonly tracker: string }
  /** The short code: `code` in display form, `prefix` the tracker's first 10 bytes. */
  | { readonly kind: 'code'; readonly code: string; readonly prefix: Uint8Array }
  | {
      readonly kind: 'invalid';
      readonly problem: 'empty' | 'length' | 'character' | 'full-form';
      /** For `length`: how many characters were typed (spaces and dashes aside). */
      readonly length?: number;
      /** For `character`: the first character that cannot be in a tracker. */
      readonly character?: string;
    };

/**
 * Reads a typed tracker; never throws.
 * @example `parseTrackerInput(receipt.tracker)` → `{ kind: 'full', tracker: receipt.tracker }`
 */
export function parseTrackerInput(text: string): TrackerQuery {
  const compact = text.replace(/\s+/g, '');
  if (compact === '') return { kind: 'invalid', problem: 'empty' };
  // The long form first: base64url has dashes of its own, which must not be dropped.
  if (/^[A-Za-z0-9_-]{43}$/.test(compact)) {
    try {
      fromBase64url(compact, 32);
      return { kind: 'full', tracker: compact };
    } catch {
      return { kind: 'invalid', problem: 'full-form' };
    }
  }
  const code = compact
    .replace(/[-‐‑–—]/g, '')
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const wrong = [...code].find((c) => !ALPHABET.includes(c));
  if (wrong !== undefined) return { kind: 'invalid', problem: 'character', character: wrong };
  if (code.length !== CODE_LENGTH) return { kind: 'invalid', problem: 'length', length: code.length };
  return { kind: 'code', code: code.match(/.{4}/g)!.join('-'), prefix: decodeCode(code) };
}

/**
 * True when `tracker` (32 bytes) starts with the short code's bytes.
 * @example `matchesCode(tracker(ballot), query.prefix)`
 */
export function matchesCode(tracker: Uint8Array, prefix: Uint8Array): boolean {
  if (tracker.length < prefix.length) return false;
  return prefix.every((byte, i) => tracker[i] === byte);
}

/** 16 characters × 5 bits = the 80 bits of the tracker's first 10 bytes, most significant first. */
function decodeCode(code: string): Uint8Array {
  const out = new Uint8Array(CODE_BYTES);
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (const c of code) {
    buffer = (buffer << 5) | ALPHABET.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffer >> bits) & 0xff;
      buffer &= (1 << bits) - 1;
    }
  }
  return out;
}
