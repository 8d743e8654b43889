/**
 * The reference ristretto255 backend: @noble/curves (pure TypeScript, audited). Slower than libsodium
 * for scalar multiplication, faster for additions of already-decoded points; the test suite runs every
 * vector and property through both backends.
 *
 * @example
 * ```ts
 * const group = nobleGroup();
 * group.encode(group.mulBase(2n)); // 6a493210…, RFC 9496 A.1
 * ```
 */
import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { CryptoError } from './errors.ts';
import type { DecodeOptions, Element, Group } from './group.ts';
import { assertElementLength, assertScalar } from './group.ts';

const Point = ristretto255.Point;
type Point = InstanceType<typeof Point>;

function own(a: Element): Point {
  if (!(a instanceof Point))
    throw new CryptoError('bad-parameters', 'element belongs to another group backend');
  return a;
}

const wrap = (p: Point) => p as unknown as Element;

function decode(bytes: Uint8Array, options?: DecodeOptions): Element {
  assertElementLength(bytes);
  let p: Point;
  try {
    p = Point.fromBytes(bytes);
  } catch {
    throw new CryptoError('non-canonical-element', 'not a canonical ristretto255 encoding');
  }
  if (p.is0() && !options?.allowIdentity) {
    throw new CryptoError('identity-not-allowed', 'the identity element is not allowed here');
  }
  return wrap(p);
}

// noble rejects a zero scalar in multiply(); the product is then the identity by definition.
const times = (p: Point, k: bigint) => (k === 0n ? Point.ZERO : p.multiply(k));

const group: Group = {
  backend: 'noble',
  identity: wrap(Point.ZERO),
  generator: wrap(Point.BASE),
  decode,
  encode: (a) => own(a).toBytes(),
  add: (a, b) => wrap(own(a).add(own(b))),
  sub: (a, b) => wrap(own(a).subtract(own(b))),
  neg: (a) => wrap(own(a).negate()),
  mul(a, k) {
    assertScalar(k);
    return wrap(times(own(a), k));
  },
  mulBase(k) {
    assertScalar(k);
    return wrap(times(Point.BASE, k));
  },
  sum(elements) {
    let acc = Point.ZERO;
    for (const e of elements) acc = acc.add(own(e));
    return wrap(acc);
  },
  equals: (a, b) => own(a).equals(own(b)),
  isIdentity: (a) => own(a).is0(),
  fromUniformBytes(bytes) {
    if (bytes.length !== 64)
      throw new CryptoError('bad-length', `expected 64 uniform bytes, got ${bytes.length}`);
    return wrap(ristretto255_hasher.deriveToCurve!(bytes));
  },
};

/** The ristretto255 group over @noble/curves (synchronous: nothing to load). */
export function nobleGroup(): Group {
  return group;
}
