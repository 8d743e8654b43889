/**
 * Canonical encoding: RFC 8785 JSON Canonicalization Scheme, as UTF-8 bytes. Everything Psephos hashes
 * or signs is canonicalised first, so that the same object always has the same bytes, whoever wrote it.
 *
 * SPEC.md §9 (Canonical encoding).
 *
 * @example
 * ```ts
 * new TextDecoder().decode(canonicalBytes({ b: 1, a: 'x' })); // '{"a":"x","b":1}'
 * ```
 */
import canonicalize from 'canonicalize';
import { utf8 } from '../crypto/bytes.ts';
import { ProtocolError } from './errors.ts';

/** The RFC 8785 text of a JSON value; ProtocolError `malformed` for values without one (lone surrogates, NaN). */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (e) {
    // Lone UTF-16 surrogates, NaN, Infinity: values that have no canonical JSON form.
    throw new ProtocolError('malformed', `value has no canonical JSON form: ${(e as Error).message}`);
  }
  if (text === undefined) throw new ProtocolError('malformed', 'value has no JSON form');
  return text;
}

/** The UTF-8 bytes of the canonical text. */
export function canonicalBytes(value: unknown): Uint8Array {
  return utf8(canonicalJson(value));
}
