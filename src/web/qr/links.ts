/**
 * What the pages' QR codes hold: a link to the election's receipt check page carrying the data in its
 * fragment (never sent to the server), so a phone's own camera opens the check, and the page's
 * scanner reads the same codes.
 *
 *   <origin>/vote/<election>/receipt#<kind>=<part>-<parts>-<set>-<data>
 *
 * `kind` is `receipt` or `audit`; `data` is base32 of (a slice of) the compact form (receipt-code.ts,
 * audit-code.ts); data too large for one scannable code is cut into up to {@link MAX_PARTS} parts of at
 * most {@link MAX_PART_BYTES} bytes each, numbered `part` of `parts`; `set` (base32 of the first 5
 * bytes of the compact form's SHA-256) ties the parts of one code together and checks the whole once
 * joined. The link is put in the code as a byte-mode segment followed by an alphanumeric one (see
 * base32.ts), which every QR reader joins back into the one text.
 *
 * @example
 * ```ts
 * const links = qrLinks(location.origin, 'leader-2026', 'receipt', bytes); // [{ text, prefix, payload, … }]
 * const part = parseQrLink(links[0].text);                                  // { kind: 'receipt', … }
 * const joined = joinParts(addPart(undefined, part!));                      // bytes, once all parts are in
 * ```
 */
import { sha256 } from '../../crypto/hash.ts';
import { fromBase32, toBase32 } from './base32.ts';
import { WireError } from './wire.ts';

export type QrKind = 'receipt' | 'audit';

/** At most this many bytes in one code: with the link, a QR code of version 25 or less (M level). */
export const MAX_PART_BYTES = 800;
/** More parts than this is no longer a sensible thing to scan: the file is the way then. */
export const MAX_PARTS = 8;

/** One code's content: `text` is `prefix` (byte mode) followed by `payload` (alphanumeric mode). */
export interface QrLink {
  readonly text: string;
  readonly prefix: string;
  readonly payload: string;
  readonly part: number;
  readonly parts: number;
}

/** One code, read back. */
export interface QrPart {
  readonly kind: QrKind;
  readonly election: string;
  readonly part: number;
  readonly parts: number;
  readonly set: string;
  readonly data: Uint8Array;
}

/** The parts read so far of one set. */
export interface Collected {
  readonly kind: QrKind;
  readonly election: string;
  readonly parts: number;
  readonly set: string;
  readonly data: ReadonlyMap<number, Uint8Array>;
}

const LINK =
  /^(?:https?:\/\/[^/?#\s]+)?\/vote\/([a-z0-9-]{1,64})\/receipt\/?#(receipt|audit)=([1-9])-([1-9])-([A-Z2-7]{8})-([A-Z2-7]+)$/;

function setOf(data: Uint8Array): string {
  return toBase32(sha256(data).subarray(0, 5));
}

/**
 * The codes' links for `data`, or undefined when it would take more than MAX_PARTS codes.
 * @example `qrLinks('https://vote.example.org', 'leader-2026', 'audit', bytes)?.length // 1 to 8`
 */
export function qrLinks(
  origin: string,
  election: string,
  kind: QrKind,
  data: Uint8Array,
): QrLink[] | undefined {
  const parts = Math.max(1, Math.ceil(data.length / MAX_PART_BYTES));
  if (parts > MAX_PARTS) return undefined;
  const size = Math.ceil(data.length / parts);
  const set = setOf(data);
  const prefix = `${origin}/vote/${election}/receipt#${kind}=`;
  return Array.from({ length: parts }, (_, i) => {
    const payload = `${i + 1}-${parts}-${set}-${toBase32(data.subarray(i * size, (i + 1) * size))}`;
    return { text: `${prefix}${payload}`, prefix, payload, part: i + 1, parts };
  });
}

/**
 * A scanned or pasted text as one code's part, or undefined when it is not such a link.
 * @example `parseQrLink('https://x/vote/e/receipt#receipt=1-1-ABCDEFGH-AE')?.part // 1`
 */
export function parseQrLink(text: string): QrPart | undefined {
  const m = LINK.exec(text.trim());
  if (!m) return undefined;
  const part = Number(m[3]);
  const parts = Number(m[4]);
  if (part > parts) return undefined;
  let data: Uint8Array;
  try {
    data = fromBase32(m[6]!);
  } catch {
    return undefined;
  }
  return { kind: m[2] as QrKind, election: m[1]!, part, parts, set: m[5]!, data };
}

/**
 * Adds a part; a part of another set starts a new collection (the voter moved on to another code).
 * @example `collected = addPart(collected, parseQrLink(scanned)!)`
 */
export function addPart(collected: Collected | undefined, part: QrPart): Collected {
  const same =
    collected?.kind === part.kind &&
    collected.election === part.election &&
    collected.set === part.set &&
    collected.parts === part.parts;
  const data = new Map(same ? collected.data : []);
  data.set(part.part, part.data);
  return { kind: part.kind, election: part.election, parts: part.parts, set: part.set, data };
}

/**
 * The joined data once every part is in (undefined before); WireError if the parts do not fit.
 * @example `const bytes = joinParts(collected); if (bytes) check(bytes);`
 */
export function joinParts(collected: Collected): Uint8Array | undefined {
  if (collected.data.size < collected.parts) return undefined;
  const pieces = Array.from({ length: collected.parts }, (_, i) => collected.data.get(i + 1)!);
  const joined = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of pieces) {
    joined.set(p, offset);
    offset += p.length;
  }
  if (setOf(joined) !== collected.set) {
    throw new WireError('the parts do not belong together');
  }
  return joined;
}
