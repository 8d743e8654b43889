/**
 * A trustee's side of the key ceremony and of the decryption, in the browser — what the command line's
 * `psephos trustee keygen | share | decrypt` do (SPEC.md §7, §8): which step is next, given the board and
 * the secrets of the open key file; the communication key; the dealing; the check of the shares dealt to
 * this trustee, with a complaint (and its proof) against a dealer whose share fails; and the secret
 * share x_j, checked against the public verification key, that the decryption uses.
 *
 * Every function is pure (the page does the network and the downloads): secrets go in and come out as
 * TrusteeSecrets, the key file's contents, so that the page can save them before anything is published.
 * What is published (the bodies returned) holds public values and proofs only.
 *
 * @example
 * ```ts
 * const step = nextStep(board, 2, secrets);               // { kind: 'deal' }
 * const { secrets: dealt, body } = makeDealing(group, board, 2, secrets);
 * ```
 */
import { fromBase64url, toBase64url } from '../../crypto/bytes.ts';
import type {
  CommunicationKeyPair,
  DealerCommitment,
  EncryptedShare,
  TrusteeIdentity,
} from '../../crypto/dkg.ts';
import {
  combineSecretShares,
  createCommunicationKey,
  deal,
  receiveShare,
  verificationKey,
  verifyDealerCommitment,
  verifyTrusteeIdentity,
} from '../../crypto/dkg.ts';
import type { Group } from '../../crypto/group.ts';
import {
  decodeElement,
  decodeProof,
  decodeScalarWire,
  encodeElement,
  encodeProof,
  encodeScalarWire,
} from '../../protocol/codec.ts';
import type { Payload } from '../../protocol/events.ts';
import type { TrusteeSecrets } from '../../protocol/trustee-key.ts';
import type { Board, DealingWire } from './board.ts';
import { missingFrom } from './board.ts';

/** Why a step cannot go on; `trustees` names the others concerned (a dealer, a trustee with a bad key). */
export type TrusteeProblemCode =
  /** A trustee's published key proof fails: the board is wrong; stop. */
  | 'bad-identity'
  /** A dealer's published commitments fail, or its dealing has no share for this trustee. */
  | 'bad-commitments'
  /** The board holds another communication key for this trustee than the key file's. */
  | 'identity-mismatch'
  /** The board holds a dealing of this trustee that this key file does not have (an older file). */
  | 'dealing-mismatch'
  /** This trustee complained about a dealer the board did not exclude: no share can be made. */
  | 'complaint-not-upheld'
  /** The shares in the key file do not add up to the public verification key. */
  | 'share-mismatch'
  /** A key file of another election. */
  | 'other-election'
  /** A key file of another trustee (named in `trustees`). */
  | 'other-trustee'
  /** A key file made for another definition of this election (the fingerprints differ). */
  | 'other-definition';

/** A step that cannot go on, in words the page looks up by `code`. */
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

/** Where this trustee is, from the board and (when a key file is open) its secrets. */
export type Step =
  /** The result is out: nothing left to do. */
  | { readonly kind: 'published' }
  /** The key ceremony ended without this trustee's key. */
  | { readonly kind: 'too-late' }
  /** No key yet: choose a passphrase, make the key (or open a key file made before). */
  | { readonly kind: 'make-key' }
  /** A key is open but not on the board: save the key file, publish the key. */
  | { readonly kind: 'publish-identity' }
  | { readonly kind: 'wait-identities'; readonly missing: readonly number[] }
  /** Something may be to do that needs the secrets: open the key file. */
  | { readonly kind: 'open-key' }
  | { readonly kind: 'deal' }
  | { readonly kind: 'wait-dealings'; readonly missing: readonly number[] }
  | { readonly kind: 'check' }
  /** A complaint in the key file whose dealer the board has not excluded (not sent, or not upheld). */
  | { readonly kind: 'complaint-pending'; readonly dealers: readonly number[] }
  /** This trustee's part of the ceremony is done: the next is after the count. */
  | { readonly kind: 'wait-tally' }
  | { readonly kind: 'decrypt' }
  /** This trustee's decryption shares are on the board. */
  | { readonly kind: 'done' };

/**
 * The next step of trustee `me`: from the board alone while no key file is open, exactly once one is.
 * @example `nextStep(board, 2, undefined)  // { kind: 'open-key' } once every key is published`
 */
export function nextStep(board: Board, me: number, secrets: TrusteeSecrets | undefined): Step {
  if (board.status === 'published') return { kind: 'published' };
  if (!board.identities.some((i) => i.trustee === me)) {
    if (board.status !== 'key-ceremony') return { kind: 'too-late' };
    return { kind: secrets ? 'publish-identity' : 'make-key' };
  }
  if (board.decryptionShares.includes(me)) return { kind: 'done' };
  const missingKeys = missingFrom(
    board.trustees,
    board.identities.map((i) => i.trustee),
  );
  if (missingKeys.length > 0) return { kind: 'wait-identities', missing: missingKeys };
  const dealt = board.dealings.some((d) => d.trustee === me);
  const missingDealings = missingFrom(
    board.trustees,
    board.dealings.map((d) => d.trustee),
  );
  if (!secrets) {
    if (dealt && missingDealings.length > 0) return { kind: 'wait-dealings', missing: missingDealings };
    // Between the ceremony and the count there is nothing that cannot wait for the count.
    if (dealt && ['ready', 'open', 'closed'].includes(board.status)) return { kind: 'wait-tally' };
    return { kind: 'open-key' };
  }
  if (!dealt) return { kind: 'deal' };
  if (missingDealings.length > 0) return { kind: 'wait-dealings', missing: missingDealings };
  if (!checked(board, me, secrets)) return { kind: 'check' };
  const pending = (secrets.complaints ?? []).filter((d) => !board.disqualified.includes(d));
  if (pending.length > 0) return { kind: 'complaint-pending', dealers: pending };
  if (board.status === 'tallying' && board.tally) return { kind: 'decrypt' };
  return { kind: 'wait-tally' };
}

/** Whether every other dealer's share was opened (kept) or complained about. */
function checked(board: Board, me: number, secrets: TrusteeSecrets): boolean {
  return board.dealings.every(
    (d) =>
      d.trustee === me ||
      secrets.received?.[d.trustee] !== undefined ||
      (secrets.complaints ?? []).includes(d.trustee),
  );
}

// ---------------------------------------------------------------------------------------------------
// Keys

/**
 * A new communication key pair for trustee `me`, as the key file's first secrets.
 * @example `const secrets = makeIdentity(group, board, 2)  // then save, then publish identityBody(secrets)`
 */
export function makeIdentity(group: Group, board: Board, me: number): TrusteeSecrets {
  const pair = createCommunicationKey(group, board.fingerprint, me);
  return {
    fingerprint: board.fingerprintText,
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
export function identityBody(secrets: TrusteeSecrets): Omit<Payload<'trustee-identity'>, 'trustee'> {
  return { communicationKey: secrets.identity.communicationKey, proof: secrets.identity.proof };
}

/**
 * Checks that an opened key file belongs with the board: the same key for this trustee, and the
 * dealing on the board (if any) is the file's. TrusteeProblem `identity-mismatch` or `dealing-mismatch`.
 * @example `assertMatchesBoard(board, 2, secrets)`
 */
export function assertMatchesBoard(board: Board, me: number, secrets: TrusteeSecrets): void {
  const published = board.identities.find((i) => i.trustee === me);
  if (published && published.communicationKey !== secrets.identity.communicationKey)
    throw new TrusteeProblem('identity-mismatch', `the board holds another key for trustee ${me}`);
  const dealing = board.dealings.find((d) => d.trustee === me);
  if (dealing && dealing.coefficients.join() !== secrets.dealing?.coefficients.join())
    throw new TrusteeProblem(
      'dealing-mismatch',
      `the board holds a dealing of trustee ${me} not in this file`,
    );
}

function keyPairOf(group: Group, me: number, secrets: TrusteeSecrets): CommunicationKeyPair {
  return {
    secret: decodeScalarWire(secrets.communicationSecret, 'communicationSecret'),
    identity: {
      index: me,
      communicationKey: decodeElement(group, secrets.identity.communicationKey, 'communicationKey'),
      proof: decodeProof(secrets.identity.proof, 'proof'),
    },
  };
}

/** The published identities, each proof checked here too: a trustee need not trust the server. */
function checkedIdentities(group: Group, board: Board): Map<number, TrusteeIdentity> {
  const identities = new Map<number, TrusteeIdentity>();
  for (const wire of board.identities) {
    const identity = {
      index: wire.trustee,
      communicationKey: decodeElement(group, wire.communicationKey, 'communicationKey'),
      proof: decodeProof(wire.proof, 'proof'),
    };
    if (!verifyTrusteeIdentity(group, board.fingerprint, identity))
      throw new TrusteeProblem('bad-identity', `trustee ${wire.trustee}'s key proof is invalid`, [
        wire.trustee,
      ]);
    identities.set(wire.trustee, identity);
  }
  return identities;
}

// ---------------------------------------------------------------------------------------------------
// Dealing

/**
 * This trustee's dealing (the one already in the key file, if any: once published it can never be
 * made again), the secrets with it, and the body to publish (without f_j(j), which stays in the file).
 * @example `const { secrets: next, body } = makeDealing(group, board, 2, secrets)`
 */
export function makeDealing(
  group: Group,
  board: Board,
  me: number,
  secrets: TrusteeSecrets,
): { secrets: TrusteeSecrets; body: Omit<Payload<'trustee-dealing'>, 'trustee'> } {
  let dealing = secrets.dealing;
  if (!dealing) {
    const identities = [...checkedIdentities(group, board).values()].sort((a, b) => a.index - b.index);
    const params = { threshold: board.threshold, trustees: board.trustees };
    const made = deal(group, board.fingerprint, params, keyPairOf(group, me, secrets), identities);
    dealing = {
      ownShare: encodeScalarWire(made.ownShare),
      coefficients: made.commitment.coefficients.map((c) => encodeElement(group, c)),
      proofs: made.commitment.proofs.map(encodeProof),
      shares: made.shares.map((s) => ({
        recipient: s.recipient,
        nonce: toBase64url(s.nonce),
        ciphertext: toBase64url(s.ciphertext),
      })),
    };
  }
  const { ownShare: _kept, ...body } = dealing;
  return { secrets: { ...secrets, dealing }, body };
}

// ---------------------------------------------------------------------------------------------------
// Checking the shares dealt to this trustee

/** The body of POST …/trustees/:n/complaint. */
export type ComplaintBody = Omit<Payload<'trustee-complaint'>, 'recipient'>;

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

function commitmentOf(group: Group, d: DealingWire): DealerCommitment {
  return {
    dealer: d.trustee,
    coefficients: d.coefficients.map((c, k) => decodeElement(group, c, `coefficients.${k}`)),
    proofs: d.proofs.map((p, k) => decodeProof(p, `proofs.${k}`)),
  };
}

function encryptedShareTo(d: DealingWire, me: number): EncryptedShare {
  const wire = d.shares.find((s) => s.recipient === me);
  if (!wire)
    throw new TrusteeProblem('bad-commitments', `trustee ${d.trustee}'s dealing has no share for ${me}`, [
      d.trustee,
    ]);
  return {
    dealer: d.trustee,
    recipient: me,
    nonce: fromBase64url(wire.nonce, 24),
    ciphertext: fromBase64url(wire.ciphertext, 48),
  };
}

/**
 * Opens each share dealt to trustee `me` and checks it against its dealer's commitments; a share that
 * fails gives a complaint (K with its proof: anyone can then judge who is at fault). Needs every
 * dealing on the board.
 * @example `const outcome = checkShares(group, board, 2, secrets); outcome.complaints  // [] when all is well`
 */
export function checkShares(group: Group, board: Board, me: number, secrets: TrusteeSecrets): CheckOutcome {
  const identities = checkedIdentities(group, board);
  const self = keyPairOf(group, me, secrets);
  const params = { threshold: board.threshold, trustees: board.trustees };
  const received: Record<string, string> = { ...secrets.received };
  const complaints = new Set(secrets.complaints ?? []);
  const toSend: ComplaintBody[] = [];
  const valid: number[] = [];
  for (const d of [...board.dealings].sort((a, b) => a.trustee - b.trustee)) {
    if (d.trustee === me) continue;
    const commitment = commitmentOf(group, d);
    if (!verifyDealerCommitment(group, board.fingerprint, params, commitment))
      throw new TrusteeProblem('bad-commitments', `trustee ${d.trustee}'s commitments are invalid`, [
        d.trustee,
      ]);
    if (received[d.trustee] !== undefined) {
      valid.push(d.trustee);
      continue;
    }
    const dealer = identities.get(d.trustee)!;
    const outcome = receiveShare(group, board.fingerprint, self, dealer, commitment, encryptedShareTo(d, me));
    if (outcome.ok) {
      received[d.trustee] = encodeScalarWire(outcome.share);
      valid.push(d.trustee);
      continue;
    }
    complaints.add(d.trustee);
    if (!board.disqualified.includes(d.trustee))
      toSend.push({
        dealer: d.trustee,
        sharedKey: encodeElement(group, outcome.complaint.sharedKey),
        proof: encodeProof(outcome.complaint.proof),
      });
  }
  const next = { ...secrets, received, complaints: [...complaints].sort((a, b) => a - b) };
  const combined = combinedShare(group, board, me, next);
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
  board: Board,
  me: number,
  secrets: TrusteeSecrets,
): { share: bigint; verificationKey: string } | undefined {
  const excluded = new Set([...board.disqualified, ...(secrets.complaints ?? [])]);
  const qualified = board.dealings.filter((d) => !excluded.has(d.trustee));
  const parts = qualified.map((d) =>
    d.trustee === me ? secrets.dealing?.ownShare : secrets.received?.[d.trustee],
  );
  if (parts.some((p) => p === undefined)) return undefined;
  const share = combineSecretShares(parts.map((p) => decodeScalarWire(p!, 'share')));
  const expected = verificationKey(
    group,
    qualified.map((d) => commitmentOf(group, d)),
    me,
  );
  if (!group.equals(group.mulBase(share), expected))
    throw new TrusteeProblem('share-mismatch', 'the shares do not add up to the verification key');
  return { share, verificationKey: encodeElement(group, expected) };
}

// ---------------------------------------------------------------------------------------------------
// Decryption

/**
 * x_j for the decryption: the shares of the dealers the board qualified (not excluded), from the key
 * file, checked against the public verification key. TrusteeProblem `complaint-not-upheld` when one of
 * them is a dealer this trustee complained about; `share-mismatch` when the sum does not match.
 * @example `const x = secretShare(group, board, 2, secrets)  // then trusteeShares(…, x, aggregate)`
 */
export function secretShare(group: Group, board: Board, me: number, secrets: TrusteeSecrets): bigint {
  const qualified = board.dealings.filter((d) => !board.disqualified.includes(d.trustee));
  const complained = qualified
    .map((d) => d.trustee)
    .filter((d) => (secrets.complaints ?? []).includes(d) && secrets.received?.[d] === undefined);
  if (complained.length > 0)
    throw new TrusteeProblem('complaint-not-upheld', 'a complaint was not upheld', complained);
  const combined = combinedShare(group, board, me, { ...secrets, complaints: [] });
  if (!combined) throw new TrusteeProblem('share-mismatch', 'the key file lacks shares the board counts');
  return combined.share;
}
