/**
 * Byte helpers: base64url (the wire encoding of every byte string in Psephos), hex, concatenation,
 * fixed-width integers and constant-time comparison.
 */
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { base64urlnopad } from '@scure/base';
import { CryptoError } from './errors.ts';

const B64URL = /^[A-Za-z0-9_-]*$/;

/** Encodes bytes as unpadded base64url. @example `toBase64url(new Uint8Array([255]))` → `'_w'` */
export function toBase64url(bytes: Uint8Array): string {
  return base64urlnopad.encode(bytes);
}

/**
 * Decodes unpadded base64url, rejecting any other alphabet, padding, or a non-canonical tail
 * (so that each byte string has exactly one text form, which canonical hashing relies on).
 * @example `fromBase64url('_w')` → `Uint8Array [255]`
 */
export function fromBase64url(text: string, expectedLength?: number): Uint8Array {
  if (!B64URL.test(text) || text.length % 4 === 1) {
    throw new CryptoError('bad-encoding', 'not unpadded base64url text');
  }
  let bytes: Uint8Array;
  try {
    bytes = base64urlnopad.decode(text);
  } catch {
    throw new CryptoError('bad-encoding', 'non-canonical base64url text');
  }
  if (toBase64url(bytes) !== text) throw new CryptoError('bad-encoding', 'non-canonical base64url text');
  if (expectedLength !== undefined && bytes.length !== expectedLength) {
    throw new CryptoError('bad-length', `expected ${expectedLength} bytes, got ${bytes.length}`);
  }
  return bytes;
}

/** Lower-case hex. @example `toHex(new Uint8Array([1, 171]))` → `'01ab'` */
export function toHex(bytes: Uint8Array): string {
  return bytesToHex(bytes);
}

/** Parses even-length hex. @example `fromHex('01ab')` → `Uint8Array [1, 171]` */
export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new CryptoError('bad-encoding', 'not even-length hex');
  return hexToBytes(hex.toLowerCase());
}

/** Concatenates byte strings. @example `concatBytes(a, b).length === a.length + b.length` */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** UTF-8 bytes of a string. @example `utf8('é')` → `Uint8Array [195, 169]` */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Big-endian unsigned integer of `width` bytes (1 to 8). @example `uintBE(1, 4)` → `00 00 00 01` */
export function uintBE(value: number, width: number): Uint8Array {
  if (!Number.isInteger(width) || width < 1 || width > 8)
    throw new CryptoError('bad-parameters', 'width must be 1 to 8 bytes');
  if (!Number.isSafeInteger(value) || value < 0 || value >= 2 ** (8 * width)) {
    throw new CryptoError('bad-parameters', `integer ${value} does not fit in ${width} bytes`);
  }
  const out = new Uint8Array(width);
  let v = value;
  for (let i = width - 1; i >= 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  return out;
}

/**
 * Compares two byte strings in time that depends only on their lengths, for secrets (MACs, tags).
 * @example `equalBytes(a, b)`
 */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
