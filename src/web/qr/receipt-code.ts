/**
 * The compact form of a receipt, for its QR code: the same receipt, field for field, in bytes instead
 * of JSON (about 55 % of the JSON's size, so the code is a few versions smaller). The election id is
 * not in it: the QR code's link names the election (…/vote/<id>/receipt#receipt=…).
 *
 *   version (1) ‖ tracker (32) ‖ leafHash (32) ‖ index (LEB128) ‖ head.size (LEB128) ‖ head.root (32)
 *   ‖ head.time (length byte + ASCII) ‖ head.signature (64) ‖ count (1) ‖ inclusion (32 × count)
 *
 * Decoding gives back the receipt's JSON value, which the receipt check then verifies as any receipt
 * (the board's signature, the inclusion proof): nothing here is trusted.
 *
 * @example
 * ```ts
 * const bytes = receiptToBytes(receipt);               // undefined if it cannot be carried exactly
 * verifyReceipt(boardKey, receiptFromBytes(bytes, receipt.election), receipt.election);
 * ```
 */
import type { Receipt } from '../../board/receipt.ts';
import { fromBase64url, toBase64url } from '../../crypto/bytes.ts';
import { canonicalJson } from '../../protocol/canonical.ts';
import { Reader, WireError, Writer } from './wire.ts';

const VERSION = 1;

/**
 * The receipt's compact bytes, or undefined when the compact form would not give it back exactly.
 * @example `const bytes = receiptToBytes(verifyReceipt(boardKey, value))`
 */
export function receiptToBytes(receipt: Receipt): Uint8Array | undefined {
  try {
    const w = new Writer();
    w.byte(VERSION);
    w.fixed(fromBase64url(receipt.tracker, 32));
    w.fixed(fromBase64url(receipt.leafHash, 32));
    w.uint(receipt.index);
    w.uint(receipt.head.size);
    w.fixed(fromBase64url(receipt.head.root, 32));
    w.ascii(receipt.head.time);
    w.fixed(fromBase64url(receipt.head.signature, 64));
    w.byte(receipt.inclusion.length);
    for (const h of receipt.inclusion) w.fixed(fromBase64url(h, 32));
    const bytes = w.bytes();
    // A head of another election, say, has no compact form: the code must carry this very receipt.
    return canonicalJson(receiptFromBytes(bytes, receipt.election)) === canonicalJson(receipt)
      ? bytes
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The receipt (as a JSON value, still to be verified) that compact bytes carry; throws WireError when
 * they are not a compact receipt. @example `receiptFromBytes(bytes, 'leader-2026')`
 */
export function receiptFromBytes(bytes: Uint8Array, election: string): unknown {
  const r = new Reader(bytes);
  if (r.byte() !== VERSION) throw new WireError('not a compact receipt of a known version');
  const b64 = (length: number) => toBase64url(r.fixed(length));
  const tracker = b64(32);
  const leafHash = b64(32);
  const index = r.uint();
  const size = r.uint();
  const root = b64(32);
  const time = r.ascii();
  const signature = b64(64);
  const inclusion = Array.from({ length: r.byte() }, () => b64(32));
  r.end();
  return {
    format: 'psephos/receipt',
    election,
    tracker,
    index,
    leafHash,
    head: { format: 'psephos/tree-head', election, size, root, time, signature },
    inclusion,
  };
}
