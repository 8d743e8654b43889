/**
 * The fast ristretto255 backend: libsodium's WASM build, called through its raw module with buffers
 * allocated once, so a scalar multiplication costs what libsodium costs plus two 32-byte copies.
 * Elements are held as their canonical encodings (libsodium decodes and encodes on every call).
 *
 * @example
 * ```ts
 * const group = await loadSodiumGroup();
 * group.encode(group.mulBase(1n)); // e2f2ae0a…, RFC 9496 A.1
 * ```
 */
import sodium from 'libsodium-wrappers-sumo';
import { equalBytes, fromHex } from './bytes.ts';
import { CryptoError } from './errors.ts';
import type { DecodeOptions, Element, Group } from './group.ts';
import { assertElementLength, assertScalar } from './group.ts';
import { encodeScalar } from './scalar.ts';

/** The part of libsodium's emscripten module that this backend calls. */
interface RawSodium {
  HEAPU8: Uint8Array;
  _malloc(size: number): number;
  _crypto_core_ristretto255_is_valid_point(p: number): number;
  _crypto_core_ristretto255_add(r: number, p: number, q: number): number;
  _crypto_core_ristretto255_sub(r: number, p: number, q: number): number;
  _crypto_core_ristretto255_from_hash(r: number, h: number): number;
  _crypto_scalarmult_ristretto255(q: number, n: number, p: number): number;
  _crypto_scalarmult_ristretto255_base(q: number, n: number): number;
}

class SodiumElement {
  readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
}

const IDENTITY_BYTES = new Uint8Array(32);
const GENERATOR_HEX = 'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76';

function own(a: Element): SodiumElement {
  if (!(a instanceof SodiumElement)) {
    throw new CryptoError('bad-parameters', 'element belongs to another group backend');
  }
  return a;
}

function isZero(bytes: Uint8Array): boolean {
  let acc = 0;
  for (const b of bytes) acc |= b;
  return acc === 0;
}

/** Loads libsodium (WASM) and returns the ristretto255 group over it. */
export async function loadSodiumGroup(): Promise<Group> {
  await sodium.ready;
  const raw = (sodium as unknown as { libsodium: RawSodium }).libsodium;
  if (typeof raw?._crypto_scalarmult_ristretto255 !== 'function') {
    throw new CryptoError('backend-unavailable', 'this libsodium build lacks ristretto255');
  }
  // Scratch space: out, in1, in2 (32 bytes each) and a 64-byte hash input.
  const out = raw._malloc(32);
  const in1 = raw._malloc(32);
  const in2 = raw._malloc(32);
  const hash = raw._malloc(64);
  // The heap view is re-read on every call: it is replaced when the WASM memory grows.
  const put = (ptr: number, bytes: Uint8Array) => raw.HEAPU8.set(bytes, ptr);
  const take = (ptr: number) => new SodiumElement(raw.HEAPU8.slice(ptr, ptr + 32)) as unknown as Element;

  const binary = (op: (r: number, p: number, q: number) => number, a: Element, b: Element): Element => {
    put(in1, own(a).bytes);
    put(in2, own(b).bytes);
    if (op(out, in1, in2) !== 0) throw new CryptoError('bad-encoding', 'libsodium rejected a group element');
    return take(out);
  };
  // libsodium reports a product equal to the identity as a failure (-1); inputs here are always valid
  // elements and reduced scalars, so -1 can only mean the identity.
  const product = (rc: number): Element => (rc === 0 ? take(out) : identity);

  const identity: Element = new SodiumElement(IDENTITY_BYTES) as unknown as Element;
  const generator = new SodiumElement(fromHex(GENERATOR_HEX)) as unknown as Element;

  const group: Group = {
    backend: 'sodium',
    identity,
    generator,
    decode(bytes: Uint8Array, options?: DecodeOptions): Element {
      assertElementLength(bytes);
      if (isZero(bytes)) {
        if (options?.allowIdentity) return identity;
        throw new CryptoError('identity-not-allowed', 'the identity element is not allowed here');
      }
      put(in1, bytes);
      if (raw._crypto_core_ristretto255_is_valid_point(in1) !== 1) {
        throw new CryptoError('non-canonical-element', 'not a canonical ristretto255 encoding');
      }
      return new SodiumElement(Uint8Array.from(bytes)) as unknown as Element;
    },
    encode: (a) => Uint8Array.from(own(a).bytes),
    add: (a, b) => binary(raw._crypto_core_ristretto255_add, a, b),
    sub: (a, b) => binary(raw._crypto_core_ristretto255_sub, a, b),
    neg: (a) => binary(raw._crypto_core_ristretto255_sub, identity, a),
    mul(a, k) {
      assertScalar(k);
      put(in1, encodeScalar(k));
      put(in2, own(a).bytes);
      return product(raw._crypto_scalarmult_ristretto255(out, in1, in2));
    },
    mulBase(k) {
      assertScalar(k);
      put(in1, encodeScalar(k));
      return product(raw._crypto_scalarmult_ristretto255_base(out, in1));
    },
    sum(elements) {
      let acc = identity;
      for (const e of elements) acc = group.add(acc, e);
      return acc;
    },
    equals: (a, b) => equalBytes(own(a).bytes, own(b).bytes),
    isIdentity: (a) => isZero(own(a).bytes),
    fromUniformBytes(bytes) {
      if (bytes.length !== 64)
        throw new CryptoError('bad-length', `expected 64 uniform bytes, got ${bytes.length}`);
      put(hash, bytes);
      raw._crypto_core_ristretto255_from_hash(out, hash);
      return take(out);
    },
  };
  return group;
}
