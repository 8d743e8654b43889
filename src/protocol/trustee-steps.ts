/**
 * A trustee's side of the key ceremony, as pure functions over the published ceremony and the key
 * file's secrets (SPEC.md §7, §8): the communication key, the dealing, the check of the shares dealt to
 * this trustee (with a complaint, and its proof, against a dealer whose share fails), the combined
 * secret share x_j checked against the public verification key, and the x_j the decryption uses. One
 * module for both the command line (`psephos trustee keygen | share | decrypt`, which adds files, the
 * network and its exit codes) and the trustee console in the browser (which adds the page), so that
 * the two cannot drift apart.
 *
 * Secrets go in and come out as TrusteeSecrets, the key file's contents, so that the caller can save
 * them before anything is published; what is published (the bodies returned) holds public values and
 * proofs only. Every published value is checked here again: a trustee need not trust the server.
 *
 * @example
 * ```ts
 * const secrets = newTrusteeSecrets(group, ceremony.fingerprint, 2);     // save, then publish identityBody
 * const { secrets: dealt, body } = makeDealing(group, ceremony, 2, secrets);
 * const outcome = checkShares(group, ceremony, 2, dealt);               // once every trustee has dealt
 * const x2 = secretShare(group, ceremony, 2, outcome.secrets);          // for the decryption
 * ```
 */
import { fromBase64url, toBase64url } from '../crypto/bytes.ts';
import type {
  CommunicationKeyPair,
  DealerCommitment,
  Dealing,
  EncryptedShare,
  TrusteeIdentity,
} from '../crypto/dkg.ts';
import {
  combineSecretShares,
  createCommunicationKey,
  deal,
  receiveShare,
  verificationKey,
  verifyDealerCommitment,
  verifyTrusteeIdentity,
} from '../crypto/dkg.ts';
import { CryptoError } from '../crypto/errors.ts';
import type { Group } from '../crypto/group.ts';
import {
  decodeElement,
  decodeProof,
  decodeScalarWire,
  encodeElement,
  encodeProof,
  encodeScalarWire,
} from './codec.ts';
import { ProtocolError } from './errors.ts';
import type { Payload } from './events.ts';
import type { TrusteeSecrets } from './trustee-key.ts';

/** Why a step cannot go on; `trustees` names the others concerned (a dealer, a trustee with a bad key). */
export type TrusteeProblemCode =
  /** A trustee's published key (or its proof) fails: the board is wrong; stop. */
  | 'bad-identity'
  /** A dealer's published commitments fail, or its dealing has no usable share for this trustee. */
  | 'bad-commitments'
  /** The board holds another communication key for this trustee than the key file's. */
  | 'identity-mismatch'
  /** The board holds a dealing of this trustee that this key file does not have (an older file). */
  | 'dealing-mismatch'
  /** This trustee complained about a dealer the board did not exclude: no share can be made. */
  | 'complaint-not-upheld'
  /** The key file lacks the share of a dealer the board counts (named in `trustees`). */
  | 'missing-share'
  /** The shares in the key file do not add up to the public verification key. */
  | 'share-mismatch'
  /** A key file of another election. */
  | 'other-election'
  /** A key file of another trustee (named in `trustees`). */
  | 'other-trustee'
  /** A key file made for another definition of this election (the fingerprints differ). */
  | 'other-definition';

/**
 * A step that cannot go on: `code` for the page's words or the command's exit code, `message` in
 * plain English (what the command line prints), `trustees` the others concerned.
 * @example `throw new TrusteeProblem('bad-identity', "trustee 3's published key proof is invalid", [3])`
 */
export class TrusteeProblem extends Error {
  readonly code: TrusteeProblemCode;
  readonly trustees: readonly number[];
  constructor(code: TrusteeProblemCode, message: string, trustees: readonly number[] = []) {
    super(message);
    this.name = 'TrusteeProblem';
    this.code = code;
    this.trustees = trustees;
  }
}

export type IdentityWire = Payload<'trustee-identity'>;
export type DealingWire = Payload<'trustee-dealing'>;
/** The body of POST …/trustees/:n/complaint. */
export type ComplaintBody = Omit<Payload<'trustee-complaint'>, 'recipient'>;

/** What the steps read of the published ceremony (GET /api/elections/:id/ceremony, decoded). */
export interface CeremonyView {
  readonly fingerprint: Uint8Array;
  readonly threshold: number;
  readonly trustees: number;
  readonly identities: readonly IdentityWire[];
  readonly dealings: readonly DealingWire[];
  readonly disqualified: readonly number[];
}

/**
 * The trustees 1..n missing from `present`.
 * @example `missingFrom(3, [1, 3])  // [2]`
 */
export function missingFrom(all: number, present: Iterable<number>): number[] {
  const have = new Set(present);
  return Array.from({ length: all }, (_, i) => i + 1).filter((i) => !have.has(i));
}

/** Runs a decoding of published data; a bad encoding is the publisher's fault: `code`, naming `trustee`. */
function decoding<T>(code: TrusteeProblemCode, trustee: number, what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ProtocolError || e instanceof CryptoError)
      throw new TrusteeProblem(code, `${what}: ${e.message}`, [trustee]);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------
// Keys

/**
 * A new communication key pair for trustee `me`, as a key file's first secrets.
 * @example `const secrets = newTrusteeSecrets(group, ceremony.fingerprint, 2)  // save, then publish identityBody(secrets)`
 */
export function newTrusteeSecrets(group: Group, fingerprint: Uint8Array, me: number): TrusteeSecrets {
  const pair = createCommunicationKey(group, fingerprint, me);
  return {
    fingerprint: toBase64url(fingerprint),
    communicationSecret: encodeScalarWire(pair.secret),
    identity: {
      communicationKey: encodeElement(group, pair.identity.communicationKey),
      proof: encodeProof(pair.identity.proof),
    },
  };
}

/**
 * The body of POST …/trustees/:n/identity: the public key and its proof.
 * @example `await api('POST', `${base}/trustees/2/identity`, identityBody(secrets))`
 */
export function identityBody(secrets: TrusteeSecrets): Omit<IdentityWire, 'trustee'> {
  return { communicationKey: secrets.identity.communicationKey, proof: secrets.identity.proof };
}

/**
 * Trustee `me`'s communication key pair, from the key file's secrets.
 * @example `receiveShare(group, fp, keyPairOf(group, 2, secrets), dealer, commitment, share)`
 */
export function keyPairOf(group: Group, me: number, secrets: TrusteeSecrets): CommunicationKeyPair {
  return {
    secret: decodeScalarWire(secrets.communicationSecret, 'communicationSecret'),
    identity: {
      index: me,
      communicationKey: decodeElement(group, secrets.identity.communicationKey, 'communicationKey'),
      proof: decodeProof(secrets.identity.proof, 'proof'),
    },
  };
}

/**
 * The published identities, each proof checked; TrusteeProblem `bad-identity` (naming the trustee)
 * for a key that does not decode or whose proof fails.
 * @example `checkedIdentities(group, ceremony).get(3)?.communicationKey`
 */
export function checkedIdentities(group: Group, ceremony: CeremonyView): Map<number, TrusteeIdentity> {
  const identities = new Map<number, TrusteeIdentity>();
  for (const wire of ceremony.identities) {
    const identity = decoding(
      'bad-identity',
      wire.trustee,
      `trustee ${wire.trustee}'s communication key`,
      () => ({
        index: wire.trustee,
        communicationKey: decodeElement(group, wire.communicationKey, 'communicationKey'),
        proof: decodeProof(wire.proof, 'proof'),
      }),
    );
    if (!verifyTrusteeIdentity(group, ceremony.fingerprint, identity))
      throw new TrusteeProblem(
        'bad-identity',
        `trustee ${wire.trustee}'s published key proof is invalid: stop and tell the organiser`,
        [wire.trustee],
      );
    identities.set(wire.trustee, identity);
  }
  return identities;
}

// ---------------------------------------------------------------------------------------------------
// Dealing

/**
 * A dealing in its published form (without the trustee number the route or event adds).
 * @example `await post('trustee-dealing', { trustee: 2, ...dealingBody(group, deal(group, fp, params, self, all)) })`
 */
export function dealingBody(group: Group, made: Dealing): Omit<DealingWire, 'trustee'> {
  return {
    coefficients: made.commitment.coefficients.map((c) => encodeElement(group, c)),
    proofs: made.commitment.proofs.map(encodeProof),
    shares: made.shares.map((s) => ({
      recipient: s.recipient,
      nonce: toBase64url(s.nonce),
      ciphertext: toBase64url(s.ciphertext),
    })),
  };
}

/**
 * This trustee's dealing (the one already in the key file, if any: once published it can never be
 * made again), the secrets with it, and the body to publish (without f_j(j), which stays in the file).
 * @example `const { secrets: next, body } = makeDealing(group, ceremony, 2, secrets)  // save next, then post body`
 */
export function makeDealing(
  group: Group,
  ceremony: CeremonyView,
  me: number,
  secrets: TrusteeSecrets,
): { secrets: TrusteeSecrets; body: Omit<DealingWire, 'trustee'> } {
  let dealing = secrets.dealing;
  if (!dealing) {
    const identities = [...checkedIdentities(group, ceremony).values()].sort((a, b) => a.index - b.index);
    const params = { threshold: ceremony.threshold, trustees: ceremony.trustees };
    const made = deal(group, ceremony.fingerprint, params, keyPairOf(group, me, secrets), identities);
    dealing = { ownShare: encodeScalarWire(made.ownShare), ...dealingBody(group, made) };
  }
  const { ownShare: _kept, ...body } = dealing;
  return { secrets: { ...secrets, dealing }, body };
}

/**
 * A published dealing's commitments; TrusteeProblem `bad-commitments` if they do not decode.
 * @example `verificationKey(group, ceremony.dealings.map((d) => commitmentOf(group, d)), 2)`
 */
export function commitmentOf(group: Group, d: DealingWire): DealerCommitment {
  return decoding('bad-commitments', d.trustee, `trustee ${d.trustee}'s dealing`, () => ({
    dealer: d.trustee,
    coefficients: d.coefficients.map((c, k) => decodeElement(group, c, `coefficients.${k}`)),
    proofs: d.proofs.map((p, k) => decodeProof(p, `proofs.${k}`)),
  }));
}

function encryptedShareTo(d: DealingWire, recipient: number): EncryptedShare {
  const wire = d.shares.find((s) => s.recipient === recipient);
  if (!wire)
    throw new TrusteeProblem(
      'bad-commitments',
      `trustee ${d.trustee}'s dealing has no share for trustee ${recipient}`,
      [d.trustee],
    );
  return decoding('bad-commitments', d.trustee, `trustee ${d.trustee}'s share`, () => ({
    dealer: d.trustee,
    recipient,
    nonce: fromBase64url(wire.nonce, 24),
    ciphertext: fromBase64url(wire.ciphertext, 48),
  }));
}

// ---------------------------------------------------------------------------------------------------
// Checking the shares dealt to this trustee

/** What checkShares found. */
export interface CheckOutcome {
  /** The secrets with the shares received, the complaints and (when known) the combined share. */
  readonly secrets: TrusteeSecrets;
  /** Dealers whose share opened and matched their commitments. */
  readonly valid: readonly number[];
  /** Dealers this trustee complains about. */
  readonly complaints: readonly number[];
  /** The complaints to publish (those whose dealer the board has not excluded yet). */
  readonly toSend: readonly ComplaintBody[];
  /** X_j = g^{x_j}, public, once the combined share is known. */
  readonly verificationKey: string | undefined;
}

/**
 * Opens each share dealt to trustee `me` and checks it against its dealer's commitments; a share that
 * fails gives a complaint (K with its proof: anyone can then judge who is at fault). A complaint
 * recorded earlier is sent again until the board shows its verdict. Needs every dealing on the board.
 * TrusteeProblem `bad-identity`, `bad-commitments` (published data that fails) or `share-mismatch`.
 * @example `const outcome = checkShares(group, ceremony, 2, secrets); outcome.complaints  // [] when all is well`
 */
export function checkShares(
  group: Group,
  ceremony: CeremonyView,
  me: number,
  secrets: TrusteeSecrets,
): CheckOutcome {
  const identities = checkedIdentities(group, ceremony);
  const self = keyPairOf(group, me, secrets);
  const params = { threshold: ceremony.threshold, trustees: ceremony.trustees };
  const received: Record<string, string> = { ...secrets.received };
  const complaints = new Set(secrets.complaints ?? []);
  const toSend: ComplaintBody[] = [];
  const valid: number[] = [];
  for (const d of [...ceremony.dealings].sort((a, b) => a.trustee - b.trustee)) {
    if (d.trustee === me) continue;
    const commitment = commitmentOf(group, d);
    if (!verifyDealerCommitment(group, ceremony.fingerprint, params, commitment))
      throw new TrusteeProblem(
        'bad-commitments',
        `trustee ${d.trustee}'s published commitments are invalid: stop and tell the organiser`,
        [d.trustee],
      );
    if (received[d.trustee] !== undefined) {
      valid.push(d.trustee);
      continue;
    }
    const dealer = identities.get(d.trustee)!;
    const share = encryptedShareTo(d, me);
    const outcome = receiveShare(group, ceremony.fingerprint, self, dealer, commitment, share);
    if (outcome.ok) {
      received[d.trustee] = encodeScalarWire(outcome.share);
      valid.push(d.trustee);
      continue;
    }
    complaints.add(d.trustee);
    if (!ceremony.disqualified.includes(d.trustee))
      toSend.push({
        dealer: d.trustee,
        sharedKey: encodeElement(group, outcome.complaint.sharedKey),
        proof: encodeProof(outcome.complaint.proof),
      });
  }
  const next = { ...secrets, received, complaints: [...complaints].sort((a, b) => a - b) };
  const combined = combinedShare(group, ceremony, me, next);
  return {
    secrets: combined ? { ...next, combinedShare: encodeScalarWire(combined.share) } : next,
    valid,
    complaints: next.complaints,
    toSend,
    verificationKey: combined?.verificationKey,
  };
}

/** x_j over the dealers still qualified and not complained about, checked against X_j; undefined if a part is unknown. */
function combinedShare(
  group: Group,
  ceremony: CeremonyView,
  me: number,
  secrets: TrusteeSecrets,
): { share: bigint; verificationKey: string } | undefined {
  const excluded = new Set([...ceremony.disqualified, ...(secrets.complaints ?? [])]);
  const qualified = ceremony.dealings.filter((d) => !excluded.has(d.trustee));
  const parts = qualified.map((d) => shareFrom(d.trustee, me, secrets));
  if (parts.some((p) => p === undefined)) return undefined;
  const share = combineSecretShares(parts.map((p) => decodeScalarWire(p!, 'share')));
  const expected = verificationKey(
    group,
    qualified.map((d) => commitmentOf(group, d)),
    me,
  );
  if (!group.equals(group.mulBase(share), expected))
    throw new TrusteeProblem(
      'share-mismatch',
      'the shares in the key file do not add up to the verification key the commitments give',
    );
  return { share, verificationKey: encodeElement(group, expected) };
}

/** f_dealer(me) from the key file: this trustee's own share, or the one received. */
const shareFrom = (dealer: number, me: number, secrets: TrusteeSecrets) =>
  dealer === me ? secrets.dealing?.ownShare : secrets.received?.[dealer];

// ---------------------------------------------------------------------------------------------------
// Decryption

/**
 * The dealers the board qualified (every dealer not disqualified), in order.
 * @example `qualifiedDealers(ceremony)  // [1, 2, 3]`
 */
export function qualifiedDealers(ceremony: CeremonyView): number[] {
  return ceremony.dealings
    .map((d) => d.trustee)
    .filter((i) => !ceremony.disqualified.includes(i))
    .sort((a, b) => a - b);
}

/**
 * x_j for the decryption: the shares of the dealers the board qualified, from the key file, checked
 * against the public verification key. TrusteeProblem `complaint-not-upheld` (naming the dealers) when
 * a share is missing because this trustee complained about its dealer; `missing-share` (naming the
 * dealers) when it is missing otherwise; `share-mismatch` when the sum does not match.
 * @example `const x = secretShare(group, ceremony, 2, secrets)  // then trusteeShares(…, x, aggregate)`
 */
export function secretShare(
  group: Group,
  ceremony: CeremonyView,
  me: number,
  secrets: TrusteeSecrets,
): bigint {
  const qualified = qualifiedDealers(ceremony);
  const parts = qualified.map((i) => shareFrom(i, me, secrets));
  const missing = qualified.filter((_, k) => parts[k] === undefined);
  const unheard = missing.filter((i) => (secrets.complaints ?? []).includes(i));
  if (unheard.length > 0)
    throw new TrusteeProblem('complaint-not-upheld', 'a complaint was not upheld', unheard);
  if (missing.length > 0)
    throw new TrusteeProblem('missing-share', 'the key file lacks shares the board counts', missing);
  const share = combineSecretShares(parts.map((p) => decodeScalarWire(p!, 'share')));
  const commitments = ceremony.dealings
    .filter((d) => qualified.includes(d.trustee))
    .map((d) => commitmentOf(group, d));
  if (!group.equals(group.mulBase(share), verificationKey(group, commitments, me)))
    throw new TrusteeProblem(
      'share-mismatch',
      `the secret share does not match trustee ${me}'s verification key`,
    );
  return share;
}
