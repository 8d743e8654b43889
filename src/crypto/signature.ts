/**
 * Schnorr signatures over ristretto255, made with a voter's credential secret: a Schnorr proof of
 * knowledge of the secret behind the public credential, with the signed message inside the
 * Fiat–Shamir hash (purpose `signature/ballot`, context = the election fingerprint).
 *
 * SPEC.md §6 (Ballot signatures); vectors: test/vectors/psephos-crypto.json.
 *
 * @example
 * ```ts
 * const signature = signMessage(group, fingerprint, secret, message);
 * verifySignature(group, fingerprint, publicCredential, message, signature); // true
 * ```
 */
import type { SchnorrProof } from './dleq.ts';
import { proveDlog, verifyDlog } from './dleq.ts';
import type { Element, Group } from './group.ts';

const PURPOSE = 'signature/ballot';

/** Signs `message` with the credential secret. */
export function signMessage(
  group: Group,
  context: Uint8Array,
  secret: bigint,
  message: Uint8Array,
): SchnorrProof {
  const pairs = [{ base: group.generator, value: group.mulBase(secret) }];
  return proveDlog(group, PURPOSE, context, pairs, secret, message);
}

/** Checks a signature; false for anything invalid. */
export function verifySignature(
  group: Group,
  context: Uint8Array,
  publicCredential: Element,
  message: Uint8Array,
  signature: SchnorrProof,
): boolean {
  return verifyDlog(
    group,
    PURPOSE,
    context,
    [{ base: group.generator, value: publicCredential }],
    signature,
    message,
  );
}
