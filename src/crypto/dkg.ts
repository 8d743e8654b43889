/**
 * The key ceremony: distributed key generation, t of n, by Pedersen's protocol over Feldman VSS.
 * No one ever holds the election secret; any t trustees can decrypt together, t − 1 learn nothing.
 *
 * 1. Each trustee i makes a communication key E_i = g^{e_i} and proves knowledge of e_i.
 * 2. As a dealer, trustee i picks a random polynomial f_i of degree t − 1, publishes the Feldman
 *    commitments C_{i,k} = g^{a_{i,k}} with a Schnorr proof for each coefficient, and sends f_i(j) to
 *    each trustee j encrypted with XChaCha20-Poly1305 under a key from the Diffie–Hellman value
 *    K = g^{e_i e_j} (through the board: the ciphertext is public, the share is not).
 * 3. Trustee j decrypts each share and checks g^{f_i(j)} = Π_k C_{i,k}^{j^k}. If it fails, j
 *    publishes a complaint revealing K with a Chaum–Pedersen proof that K = E_i^{e_j}: anyone can then
 *    decrypt the share and see who cheated, without j revealing e_j.
 * 4. Over the qualified dealers Q: the election key h = Π_{i∈Q} C_{i,0}; trustee j's secret share
 *    x_j = Σ_{i∈Q} f_i(j); its public verification key X_j = Π_{i∈Q} Π_k C_{i,k}^{j^k}.
 *
 * SPEC.md §7 (Key ceremony); vectors: test/vectors/psephos-crypto.json.
 *
 * @example
 * ```ts
 * const keys = [1, 2, 3].map((i) => createCommunicationKey(group, context, i));
 * const dealing = deal(group, context, { threshold: 2, trustees: 3 }, keys[0], keys.map((k) => k.identity));
 * ```
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { uintBE } from './bytes.ts';
import type { SchnorrProof } from './dleq.ts';
import { proveDlog, verifyDlog } from './dleq.ts';
import { CryptoError } from './errors.ts';
import type { Element, Group } from './group.ts';
import { taggedHash, transcript } from './hash.ts';
import { evaluate, evaluateCommitments, randomPolynomial } from './polynomial.ts';
import { decodeScalar, encodeScalar, mod, randomScalar } from './scalar.ts';

export interface DkgParameters {
  /** t: how many trustees are needed to decrypt. */
  readonly threshold: number;
  /** n: how many trustees there are (indices 1..n). */
  readonly trustees: number;
}

/** A trustee's public communication key with its proof of possession. */
export interface TrusteeIdentity {
  readonly index: number;
  readonly communicationKey: Element;
  readonly proof: SchnorrProof;
}

/** A trustee's secret communication key with its public identity. */
export interface CommunicationKeyPair {
  readonly secret: bigint;
  readonly identity: TrusteeIdentity;
}

/** What a dealer publishes: Feldman commitments to its polynomial, each with a Schnorr proof. */
export interface DealerCommitment {
  readonly dealer: number;
  readonly coefficients: readonly Element[];
  readonly proofs: readonly SchnorrProof[];
}

/** A share f_dealer(recipient), encrypted to the recipient (public on the board). */
export interface EncryptedShare {
  readonly dealer: number;
  readonly recipient: number;
  readonly nonce: Uint8Array;
  readonly ciphertext: Uint8Array;
}

export interface Dealing {
  readonly commitment: DealerCommitment;
  readonly shares: readonly EncryptedShare[];
  /** f_dealer(dealer): the dealer's share of its own polynomial (kept, never sent). */
  readonly ownShare: bigint;
}

/** A recipient's accusation: the DH value K = E_dealer^{e_recipient}, proven. */
export interface Complaint {
  readonly dealer: number;
  readonly recipient: number;
  readonly sharedKey: Element;
  readonly proof: SchnorrProof;
}

export type ShareOutcome =
  | { readonly ok: true; readonly share: bigint }
  | { readonly ok: false; readonly complaint: Complaint };

const u32 = (n: number) => uintBE(n, 4);

/** Checks 1 ≤ t ≤ n ≤ 255 (a ceremony larger than that is not a trustee panel). */
export function assertDkgParameters({ threshold, trustees }: DkgParameters): void {
  const ok = Number.isInteger(threshold) && Number.isInteger(trustees) && threshold >= 1;
  if (!ok || threshold > trustees || trustees > 255) {
    throw new CryptoError('bad-parameters', `invalid threshold ${threshold} of ${trustees} trustees`);
  }
}

/** Trustee `index`'s communication key pair. */
export function createCommunicationKey(
  group: Group,
  context: Uint8Array,
  index: number,
): CommunicationKeyPair {
  const secret = randomScalar();
  const communicationKey = group.mulBase(secret);
  const pairs = [{ base: group.generator, value: communicationKey }];
  const proof = proveDlog(group, 'dkg/communication-key', context, pairs, secret, u32(index));
  return { secret, identity: { index, communicationKey, proof } };
}

/** Checks a trustee's proof of possession of its communication key. */
export function verifyTrusteeIdentity(group: Group, context: Uint8Array, identity: TrusteeIdentity): boolean {
  const pairs = [{ base: group.generator, value: identity.communicationKey }];
  return verifyDlog(group, 'dkg/communication-key', context, pairs, identity.proof, u32(identity.index));
}

const coefficientMessage = (dealer: number, k: number) => transcript([u32(dealer), u32(k)]);

/** Symmetric key and associated data for the share dealer → recipient. */
function shareCipher(
  group: Group,
  context: Uint8Array,
  dealer: TrusteeIdentity,
  recipient: TrusteeIdentity,
  k: Element,
  nonce: Uint8Array,
) {
  const key = taggedHash('dkg/share-key', [
    context,
    group.encode(dealer.communicationKey),
    group.encode(recipient.communicationKey),
    group.encode(k),
    u32(dealer.index),
    u32(recipient.index),
  ]);
  return xchacha20poly1305(key, nonce, transcript([context, u32(dealer.index), u32(recipient.index)]));
}

/**
 * A dealer's round: commitments with proofs, and one encrypted share per other trustee.
 * @example `deal(group, context, params, myKeys, allIdentities)`
 */
export function deal(
  group: Group,
  context: Uint8Array,
  params: DkgParameters,
  self: CommunicationKeyPair,
  trustees: readonly TrusteeIdentity[],
): Dealing {
  assertDkgParameters(params);
  const dealer = self.identity.index;
  const polynomial = randomPolynomial(params.threshold - 1);
  const coefficients = polynomial.map((a) => group.mulBase(a));
  const proofs = polynomial.map((a, k) =>
    proveDlog(
      group,
      'dkg/coefficient',
      context,
      [{ base: group.generator, value: coefficients[k]! }],
      a,
      coefficientMessage(dealer, k),
    ),
  );
  const shares = trustees
    .filter((t) => t.index !== dealer)
    .map((recipient) => {
      const nonce = randomBytes(24);
      const k = group.mul(recipient.communicationKey, self.secret);
      const plaintext = encodeScalar(evaluate(polynomial, BigInt(recipient.index)));
      const ciphertext = shareCipher(group, context, self.identity, recipient, k, nonce).encrypt(plaintext);
      return { dealer, recipient: recipient.index, nonce, ciphertext };
    });
  return {
    commitment: { dealer, coefficients, proofs },
    shares,
    ownShare: evaluate(polynomial, BigInt(dealer)),
  };
}

/** Checks a dealer's commitments: t of them, none the identity, each coefficient's proof valid. */
export function verifyDealerCommitment(
  group: Group,
  context: Uint8Array,
  params: DkgParameters,
  c: DealerCommitment,
): boolean {
  if (c.coefficients.length !== params.threshold || c.proofs.length !== params.threshold) return false;
  return c.coefficients.every(
    (value, k) =>
      !group.isIdentity(value) &&
      verifyDlog(
        group,
        'dkg/coefficient',
        context,
        [{ base: group.generator, value }],
        c.proofs[k]!,
        coefficientMessage(c.dealer, k),
      ),
  );
}

/** Decrypts a share with K and checks it against the dealer's commitments; undefined if either fails. */
function openWithKey(
  group: Group,
  context: Uint8Array,
  dealer: TrusteeIdentity,
  recipient: TrusteeIdentity,
  k: Element,
  commitment: DealerCommitment,
  encrypted: EncryptedShare,
): bigint | undefined {
  try {
    const share = decodeScalar(
      shareCipher(group, context, dealer, recipient, k, encrypted.nonce).decrypt(encrypted.ciphertext),
    );
    const expected = evaluateCommitments(group, commitment.coefficients, BigInt(recipient.index));
    return group.equals(group.mulBase(share), expected) ? share : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The recipient's side: decrypt and check the share from one dealer; on failure, a complaint that
 * anyone can judge.
 */
export function receiveShare(
  group: Group,
  context: Uint8Array,
  self: CommunicationKeyPair,
  dealer: TrusteeIdentity,
  commitment: DealerCommitment,
  encrypted: EncryptedShare,
): ShareOutcome {
  const k = group.mul(dealer.communicationKey, self.secret);
  const share = openWithKey(group, context, dealer, self.identity, k, commitment, encrypted);
  if (share !== undefined) return { ok: true, share };
  const pairs = [
    { base: group.generator, value: self.identity.communicationKey },
    { base: dealer.communicationKey, value: k },
  ];
  const proof = proveDlog(group, 'dkg/complaint', context, pairs, self.secret, u32(dealer.index));
  return {
    ok: false,
    complaint: { dealer: dealer.index, recipient: self.identity.index, sharedKey: k, proof },
  };
}

/**
 * Judges a complaint from public data only: `dealer-at-fault` when the revealed key is proven and the
 * share it opens is missing, undecryptable or inconsistent with the commitments; otherwise
 * `complaint-unfounded` (the complaint is false or its proof is invalid).
 */
export function judgeComplaint(
  group: Group,
  context: Uint8Array,
  complaint: Complaint,
  dealer: TrusteeIdentity,
  recipient: TrusteeIdentity,
  commitment: DealerCommitment,
  encrypted: EncryptedShare | undefined,
): 'dealer-at-fault' | 'complaint-unfounded' {
  const sameParties = complaint.dealer === dealer.index && complaint.recipient === recipient.index;
  const sameShare =
    encrypted === undefined || (encrypted.dealer === dealer.index && encrypted.recipient === recipient.index);
  if (!sameParties || !sameShare)
    throw new CryptoError('bad-parameters', 'the complaint, identities and share name different trustees');
  const pairs = [
    { base: group.generator, value: recipient.communicationKey },
    { base: dealer.communicationKey, value: complaint.sharedKey },
  ];
  if (!verifyDlog(group, 'dkg/complaint', context, pairs, complaint.proof, u32(dealer.index)))
    return 'complaint-unfounded';
  if (encrypted === undefined) return 'dealer-at-fault';
  const share = openWithKey(group, context, dealer, recipient, complaint.sharedKey, commitment, encrypted);
  return share === undefined ? 'dealer-at-fault' : 'complaint-unfounded';
}

/** The election public key h = Π C_{i,0} over the qualified dealers. */
export function jointPublicKey(group: Group, qualified: readonly DealerCommitment[]): Element {
  return group.sum(qualified.map((c) => c.coefficients[0]!));
}

/** Trustee j's public verification key X_j = Π_i g^{f_i(j)} over the qualified dealers. */
export function verificationKey(
  group: Group,
  qualified: readonly DealerCommitment[],
  trustee: number,
): Element {
  return group.sum(qualified.map((c) => evaluateCommitments(group, c.coefficients, BigInt(trustee))));
}

/** Trustee j's secret share x_j = Σ f_i(j) over the shares it accepted from the qualified dealers. */
export function combineSecretShares(shares: readonly bigint[]): bigint {
  return mod(shares.reduce((a, b) => a + b, 0n));
}
