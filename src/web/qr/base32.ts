/**
 * Base32 (RFC 4648 §6 alphabet, no padding) for the data in the pages' QR codes. Its 32 characters are
 * all in the QR code's alphanumeric mode (5.5 bits a character), so bytes cost 8.8 bits in the code
 * instead of the 10.7 of base64url in byte mode: smaller codes, easier to scan. Decoding is strict (one
 * text per byte string), so a changed character can never decode to the same bytes.
 *
 * @example
 * ```ts
 * toBase32(new Uint8Array([255])); // '74'
 * fromBase32('74');                // Uint8Array [255]
 * ```
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Bytes as unpadded upper-case base32. @example `toBase32(new Uint8Array([0, 1]))` → `'AAAQ'` */
export function toBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Unpadded upper-case base32 back to bytes; throws on any other character, an impossible length or
 * non-zero spare bits. @example `fromBase32('AAAQ')` → `Uint8Array [0, 1]`
 */
export function fromBase32(text: string): Uint8Array {
  if ([1, 3, 6].includes(text.length % 8)) throw new Error('not base32: impossible length');
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let n = 0;
  for (const c of text) {
    const v = VALUE.get(c);
    if (v === undefined) throw new Error('not base32: unexpected character');
    buffer = ((buffer << 5) | v) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (buffer >> bits) & 0xff;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) throw new Error('not base32: non-zero spare bits');
  return out;
}
