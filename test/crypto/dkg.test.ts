/**
 * The key ceremony (src/crypto/dkg.ts): Pedersen DKG over Feldman VSS, 2-of-3 and 3-of-5, on both
 * backends. An honest ceremony gives every trustee a share consistent with the public verification
 * keys and a joint key that any t trustees can decrypt under; a cheating dealer is caught by the
 * recipient's complaint and judged at fault from public data, a false complaint is judged unfounded,
 * and the remaining trustees finish without the cheater.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadBothGroups } from '../../src/crypto/backends.ts';
import { uintBE, utf8 } from '../../src/crypto/bytes.ts';
import {
  assertDkgParameters,
  type CommunicationKeyPair,
  type Complaint,
  combineSecretShares,
  createCommunicationKey,
  type DealerCommitment,
  type Dealing,
  type DkgParameters,
  deal,
  type EncryptedShare,
  jointPublicKey,
  judgeComplaint,
  receiveShare,
  type TrusteeIdentity,
  verificationKey,
  verifyDealerCommitment,
  verifyTrusteeIdentity,
} from '../../src/crypto/dkg.ts';
import { proveDlog, verifyDlog } from '../../src/crypto/dleq.ts';
import { encrypt } from '../../src/crypto/elgamal.ts';
import { CryptoError } from '../../src/crypto/errors.ts';
import type { Group } from '../../src/crypto/group.ts';
import { randomElement } from '../../src/crypto/group.ts';
import { transcript } from '../../src/crypto/hash.ts';
import { lagrangeAtZero } from '../../src/crypto/polynomial.ts';
import { mod } from '../../src/crypto/scalar.ts';
import {
  combineDecryptionShares,
  computeDecryptionShare,
  verifyDecryptionShare,
} from '../../src/crypto/threshold.ts';

const groups = await loadBothGroups();
const context = utf8('psephos test election fingerprint');
const u32 = (n: number) => uintBE(n, 4);

/** All subsets of `items` with `size` elements. */
function subsets<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [first, ...rest] = items as [T, ...T[]];
  return [...subsets(rest, size - 1).map((s) => [first, ...s]), ...subsets(rest, size)];
}

/** Round 1 and 2 of a ceremony: keys, identities and every dealing. */
function setUp(group: Group, params: DkgParameters) {
  const indices = Array.from({ length: params.trustees }, (_, i) => i + 1);
  const keys = indices.map((i) => createCommunicationKey(group, context, i));
  const identities = keys.map((k) => k.identity);
  const dealings = keys.map((k) => deal(group, context, params, k, identities));
  return { indices, keys, identities, dealings };
}

/** The share that `dealing` sent to `recipient`. */
function shareFor(dealing: Dealing, recipient: number): EncryptedShare {
  const found = dealing.shares.find((s) => s.recipient === recipient);
  assert.ok(found, `no share for ${recipient}`);
  return found;
}

/**
 * Round 3 for the qualified dealers: every trustee receives its shares and combines them. Returns the
 * secret shares x_j, or fails on any complaint.
 */
function finish(
  group: Group,
  keys: readonly CommunicationKeyPair[],
  dealings: readonly Dealing[],
  qualified: readonly number[],
): bigint[] {
  return keys.map((self) => {
    const j = self.identity.index;
    const parts = qualified.map((i) => {
      const dealing = dealings[i - 1]!;
      if (i === j) return dealing.ownShare;
      const dealer = keys[i - 1]!.identity;
      const outcome = receiveShare(group, context, self, dealer, dealing.commitment, shareFor(dealing, j));
      assert.ok(outcome.ok, `trustee ${j} complained about dealer ${i}`);
      return outcome.share;
    });
    return combineSecretShares(parts);
  });
}

/**
 * The checks every observer and trustee makes at the end of a ceremony over the `qualified` dealers:
 * h = Π C_{i,0}; g^{x_j} = X_j; any t shares interpolate to the secret of h; any t trustees
 * threshold-decrypt a message encrypted under h.
 */
function assertUsableKey(
  group: Group,
  params: DkgParameters,
  commitments: readonly DealerCommitment[],
  secretShares: readonly bigint[],
  decrypters: readonly number[],
): void {
  const h = jointPublicKey(group, commitments);
  assert.ok(group.equals(h, group.sum(commitments.map((c) => c.coefficients[0]!))));
  assert.ok(!group.isIdentity(h));
  secretShares.forEach((x, k) => {
    const j = k + 1;
    assert.ok(group.equals(group.mulBase(x), verificationKey(group, commitments, j)), `X_${j} = g^{x_${j}}`);
  });
  const m = 7n;
  const { ciphertext } = encrypt(group, h, m);
  for (const subset of subsets(decrypters, params.threshold)) {
    const x = mod(subset.reduce((acc, j) => acc + lagrangeAtZero(subset, j) * secretShares[j - 1]!, 0n));
    assert.ok(group.equals(group.mulBase(x), h), `trustees ${subset} interpolate the election secret`);
    const shares = subset.map((j) => {
      const share = computeDecryptionShare(group, context, j, secretShares[j - 1]!, ciphertext.alpha);
      const X = verificationKey(group, commitments, j);
      assert.ok(verifyDecryptionShare(group, context, X, ciphertext.alpha, share));
      return share;
    });
    const gm = combineDecryptionShares(group, ciphertext, shares);
    assert.ok(group.equals(gm, group.mulBase(m)), `trustees ${subset} decrypt`);
  }
  if (params.threshold >= 2) {
    // t − 1 trustees interpolate something else.
    const few = decrypters.slice(0, params.threshold - 1);
    const x = mod(few.reduce((acc, j) => acc + lagrangeAtZero(few, j) * secretShares[j - 1]!, 0n));
    assert.ok(!group.equals(group.mulBase(x), h), 't − 1 trustees do not have the secret');
  }
}

/** A copy of an encrypted share with one ciphertext bit flipped. */
function tampered(share: EncryptedShare, at = 0): EncryptedShare {
  const ciphertext = Uint8Array.from(share.ciphertext);
  ciphertext[at] = ciphertext[at]! ^ 1;
  return { ...share, ciphertext };
}

/** A dealing with the share for `recipient` replaced. */
function withShare(dealing: Dealing, recipient: number, share: EncryptedShare): Dealing {
  return { ...dealing, shares: dealing.shares.map((s) => (s.recipient === recipient ? share : s)) };
}

/** What the recipient's side of round 3 says about one dealer's share. */
function receive(group: Group, keys: readonly CommunicationKeyPair[], dealing: Dealing, recipient: number) {
  const dealer = keys[dealing.commitment.dealer - 1]!.identity;
  return receiveShare(
    group,
    context,
    keys[recipient - 1]!,
    dealer,
    dealing.commitment,
    shareFor(dealing, recipient),
  );
}

/** The judgement any observer reaches on a complaint, from the public board. */
function judge(
  group: Group,
  identities: readonly TrusteeIdentity[],
  complaint: Complaint,
  dealing: Dealing,
): ReturnType<typeof judgeComplaint> {
  const encrypted = dealing.shares.find((s) => s.recipient === complaint.recipient);
  return judgeComplaint(
    group,
    context,
    complaint,
    identities[complaint.dealer - 1]!,
    identities[complaint.recipient - 1]!,
    dealing.commitment,
    encrypted,
  );
}

/** A complaint made by hand with a proof for the given (dealer, key) pairs. */
function forgeComplaint(
  group: Group,
  recipient: CommunicationKeyPair,
  dealer: TrusteeIdentity,
  sharedKey = group.mul(dealer.communicationKey, recipient.secret),
  proofDealer: TrusteeIdentity = dealer,
): Complaint {
  const pairs = [
    { base: group.generator, value: recipient.identity.communicationKey },
    { base: proofDealer.communicationKey, value: group.mul(proofDealer.communicationKey, recipient.secret) },
  ];
  const proof = proveDlog(group, 'dkg/complaint', context, pairs, recipient.secret, u32(proofDealer.index));
  return { dealer: dealer.index, recipient: recipient.identity.index, sharedKey, proof };
}

const ceremonies: DkgParameters[] = [
  { threshold: 2, trustees: 3 },
  { threshold: 3, trustees: 5 },
];

for (const group of groups) {
  const b = group.backend;

  for (const params of ceremonies) {
    const name = `${params.threshold}-of-${params.trustees}`;

    describe(`key ceremony ${name} on ${b}`, () => {
      test(`${b} ${name}: an honest ceremony gives a joint key that any ${params.threshold} trustees decrypt under`, () => {
        const { indices, keys, identities, dealings } = setUp(group, params);
        for (const identity of identities) assert.ok(verifyTrusteeIdentity(group, context, identity));
        for (const d of dealings) {
          assert.ok(
            verifyDealerCommitment(group, context, params, d.commitment),
            `dealer ${d.commitment.dealer}`,
          );
          assert.equal(d.commitment.coefficients.length, params.threshold);
          assert.deepEqual(
            d.shares.map((s) => [s.dealer, s.recipient]),
            indices.filter((j) => j !== d.commitment.dealer).map((j) => [d.commitment.dealer, j]),
          );
        }
        const secretShares = finish(group, keys, dealings, indices);
        assertUsableKey(
          group,
          params,
          dealings.map((d) => d.commitment),
          secretShares,
          indices,
        );
      });

      test(`${b} ${name}: a tampered encrypted share draws a complaint; the dealer is at fault; the rest finish`, () => {
        const { indices, keys, identities, dealings } = setUp(group, params);
        const cheater = 2;
        const victim = params.trustees;
        const bad = withShare(
          dealings[cheater - 1]!,
          victim,
          tampered(shareFor(dealings[cheater - 1]!, victim), 3),
        );
        const outcome = receive(group, keys, bad, victim);
        assert.equal(outcome.ok, false);
        assert.ok(!outcome.ok);
        assert.equal(outcome.complaint.dealer, cheater);
        assert.equal(outcome.complaint.recipient, victim);
        assert.equal(judge(group, identities, outcome.complaint, bad), 'dealer-at-fault');
        // The same complaint against the untampered dealing would be unfounded.
        assert.equal(
          judge(group, identities, outcome.complaint, dealings[cheater - 1]!),
          'complaint-unfounded',
        );
        // Other recipients of the cheater's dealing are not affected.
        for (const j of indices.filter((j) => j !== cheater && j !== victim)) {
          assert.ok(receive(group, keys, bad, j).ok, `recipient ${j}`);
        }
        const qualified = indices.filter((i) => i !== cheater);
        const secretShares = finish(group, keys, dealings, qualified);
        assertUsableKey(
          group,
          params,
          qualified.map((i) => dealings[i - 1]!.commitment),
          secretShares,
          indices.filter((j) => j !== cheater),
        );
      });

      test(`${b} ${name}: a share that decrypts but contradicts the commitments puts the dealer at fault`, () => {
        const { keys, identities, dealings } = setUp(group, params);
        const cheater = 1;
        const victim = 2;
        // The same dealer deals a second polynomial; its share for the victim is properly encrypted
        // but is not f(victim) for the committed polynomial.
        const second = deal(group, context, params, keys[cheater - 1]!, identities);
        const bad = withShare(dealings[cheater - 1]!, victim, shareFor(second, victim));
        assert.ok(receive(group, keys, second, victim).ok, 'the share opens under its own commitments');
        const outcome = receive(group, keys, bad, victim);
        assert.ok(!outcome.ok, 'the victim complains');
        assert.equal(judge(group, identities, outcome.complaint, bad), 'dealer-at-fault');
      });

      test(`${b} ${name}: commitments to a different polynomial draw a complaint from every recipient`, () => {
        const { indices, keys, identities, dealings } = setUp(group, params);
        const cheater = params.trustees;
        const other = deal(group, context, params, keys[cheater - 1]!, identities);
        const bad: Dealing = { ...dealings[cheater - 1]!, commitment: other.commitment };
        // The commitments are well formed in themselves: only the shares reveal the cheat.
        assert.ok(verifyDealerCommitment(group, context, params, bad.commitment));
        for (const j of indices.filter((j) => j !== cheater)) {
          const outcome = receive(group, keys, bad, j);
          assert.ok(!outcome.ok, `recipient ${j} complains`);
          assert.equal(judge(group, identities, outcome.complaint, bad), 'dealer-at-fault', `recipient ${j}`);
        }
        const qualified = indices.filter((i) => i !== cheater);
        assertUsableKey(
          group,
          params,
          qualified.map((i) => dealings[i - 1]!.commitment),
          finish(group, keys, dealings, qualified),
          qualified,
        );
      });

      test(`${b} ${name}: a dealer who sends no share to a recipient is at fault`, () => {
        const { keys, identities, dealings } = setUp(group, params);
        const dealing = dealings[0]!;
        const complaint = forgeComplaint(group, keys[1]!, identities[0]!);
        const missing: Dealing = { ...dealing, shares: dealing.shares.filter((s) => s.recipient !== 2) };
        assert.equal(judge(group, identities, complaint, missing), 'dealer-at-fault');
      });

      test(`${b} ${name}: a false complaint about a valid share is unfounded`, () => {
        const { keys, identities, dealings } = setUp(group, params);
        const [dealerKey, liarKey, thirdKey] = keys as [
          CommunicationKeyPair,
          CommunicationKeyPair,
          CommunicationKeyPair,
        ];
        const dealer = dealerKey.identity;
        const dealing = dealings[0]!;
        assert.ok(receive(group, keys, dealing, 2).ok);
        // The true key, correctly proven: the share it opens is consistent.
        const honestKey = forgeComplaint(group, liarKey, dealer);
        assert.equal(judge(group, identities, honestKey, dealing), 'complaint-unfounded', 'true key');
        // A wrong shared key, with the proof for the true one.
        const wrongKey = { ...honestKey, sharedKey: randomElement(group) };
        assert.equal(judge(group, identities, wrongKey, dealing), 'complaint-unfounded', 'wrong key');
        // A wrong shared key with a proof made for it (it cannot be made: the proof fails).
        const fake = randomElement(group);
        const fakeProof = proveDlog(
          group,
          'dkg/complaint',
          context,
          [
            { base: group.generator, value: liarKey.identity.communicationKey },
            { base: dealer.communicationKey, value: fake },
          ],
          liarKey.secret,
          u32(dealer.index),
        );
        const fakeKey = { ...honestKey, sharedKey: fake, proof: fakeProof };
        assert.equal(judge(group, identities, fakeKey, dealing), 'complaint-unfounded', 'unproven key');
        // The key and proof of the liar's complaint against another dealer.
        const otherDealer = forgeComplaint(group, liarKey, dealer, undefined, thirdKey.identity);
        assert.equal(
          judge(group, identities, otherDealer, dealing),
          'complaint-unfounded',
          'proof for dealer 3',
        );
        const otherDealerKey = {
          ...otherDealer,
          sharedKey: group.mul(thirdKey.identity.communicationKey, liarKey.secret),
        };
        assert.equal(
          judge(group, identities, otherDealerKey, dealing),
          'complaint-unfounded',
          'key of dealer 3',
        );
        // A complaint in the liar's name made with another trustee's secret.
        const impostor = forgeComplaint(group, { ...thirdKey, identity: liarKey.identity }, dealer);
        assert.equal(judge(group, identities, impostor, dealing), 'complaint-unfounded', 'not the recipient');
        // A spoiled proof.
        const spoiled = {
          ...honestKey,
          proof: { ...honestKey.proof, response: mod(honestKey.proof.response + 1n) },
        };
        assert.equal(judge(group, identities, spoiled, dealing), 'complaint-unfounded', 'spoiled proof');
      });

      test(`${b} ${name}: verifyDealerCommitment rejects wrong counts, an identity coefficient, swapped proofs`, () => {
        const { keys, identities, dealings } = setUp(group, params);
        const c = dealings[0]!.commitment;
        assert.ok(verifyDealerCommitment(group, context, params, c));
        const [k0, k1] = [c.coefficients[0]!, c.coefficients[1]!];
        const [p0, p1] = [c.proofs[0]!, c.proofs[1]!];
        // A zero coefficient with a valid proof of knowledge of 0: only the identity check stops it.
        const zeroProof = proveDlog(
          group,
          'dkg/coefficient',
          context,
          [{ base: group.generator, value: group.identity }],
          0n,
          transcript([u32(c.dealer), u32(1)]),
        );
        const zeroPairs = [{ base: group.generator, value: group.identity }];
        assert.ok(
          verifyDlog(
            group,
            'dkg/coefficient',
            context,
            zeroPairs,
            zeroProof,
            transcript([u32(c.dealer), u32(1)]),
          ),
          'the proof of the zero coefficient is itself valid',
        );
        const replace = <T>(list: readonly T[], k: number, v: T) => list.map((x, i) => (i === k ? v : x));
        const extra = deal(group, context, params, keys[0]!, identities).commitment;
        const cases: [string, DealerCommitment][] = [
          [
            'one coefficient too few',
            { ...c, coefficients: c.coefficients.slice(1), proofs: c.proofs.slice(1) },
          ],
          [
            'one coefficient too many',
            {
              ...c,
              coefficients: [...c.coefficients, extra.coefficients[0]!],
              proofs: [...c.proofs, extra.proofs[0]!],
            },
          ],
          ['one proof too few', { ...c, proofs: c.proofs.slice(0, -1) }],
          ['one proof too many', { ...c, proofs: [...c.proofs, p0] }],
          [
            'a zero coefficient',
            {
              ...c,
              coefficients: replace(c.coefficients, 1, group.identity),
              proofs: replace(c.proofs, 1, zeroProof),
            },
          ],
          ['proofs 0 and 1 swapped', { ...c, proofs: [p1, p0, ...c.proofs.slice(2)] }],
          ['coefficients 0 and 1 swapped', { ...c, coefficients: [k1, k0, ...c.coefficients.slice(2)] }],
          ['another coefficient', { ...c, coefficients: replace(c.coefficients, 0, randomElement(group)) }],
          ['relabelled to another dealer', { ...c, dealer: 2 }],
          ['proofs of another dealing', { ...c, proofs: extra.proofs }],
        ];
        for (const [what, bad] of cases) {
          assert.equal(verifyDealerCommitment(group, context, params, bad), false, what);
        }
        assert.equal(verifyDealerCommitment(group, utf8('another election'), params, c), false, 'context');
        const otherThreshold = { ...params, threshold: params.threshold + 1 };
        assert.equal(verifyDealerCommitment(group, context, otherThreshold, c), false, 'other threshold');
      });

      test(`${b} ${name}: verifyTrusteeIdentity rejects a proof bound to another index, key or context`, () => {
        const { identities } = setUp(group, params);
        const [first, second] = identities as [TrusteeIdentity, TrusteeIdentity];
        assert.ok(verifyTrusteeIdentity(group, context, first));
        const cases: [string, TrusteeIdentity][] = [
          ['another index', { ...first, index: 2 }],
          ["the other trustee's key", { ...first, communicationKey: second.communicationKey }],
          ["the other trustee's proof", { ...first, proof: second.proof }],
          [
            'a changed response',
            { ...first, proof: { ...first.proof, response: mod(first.proof.response + 1n) } },
          ],
        ];
        for (const [what, bad] of cases)
          assert.equal(verifyTrusteeIdentity(group, context, bad), false, what);
        assert.equal(verifyTrusteeIdentity(group, utf8('another election'), first), false, 'context');
      });
    });
  }

  test(`${b}: a dealing cannot be read with the wrong key or moved to another recipient`, () => {
    const params = { threshold: 2, trustees: 3 };
    const { keys, identities, dealings } = setUp(group, params);
    const dealing = dealings[0]!;
    const dealer = identities[0]!;
    // Trustee 3 tries to open the share meant for trustee 2: it complains (it cannot read it).
    const misdirected = { ...shareFor(dealing, 2), recipient: 3 };
    const outcome = receiveShare(group, context, keys[2]!, dealer, dealing.commitment, misdirected);
    assert.equal(outcome.ok, false);
    // Under another election's context the share does not open.
    const elsewhere = receiveShare(
      group,
      utf8('another election'),
      keys[1]!,
      dealer,
      dealing.commitment,
      shareFor(dealing, 2),
    );
    assert.equal(elsewhere.ok, false);
  });

  test(`${b}: the joint secret is the sum of the dealers' constant terms`, () => {
    const params = { threshold: 2, trustees: 3 };
    const { indices, keys, dealings } = setUp(group, params);
    const x = finish(group, keys, dealings, indices);
    const secret = mod(lagrangeAtZero([1, 3], 1) * x[0]! + lagrangeAtZero([1, 3], 3) * x[2]!);
    assert.ok(
      group.equals(
        group.mulBase(secret),
        jointPublicKey(
          group,
          dealings.map((d) => d.commitment),
        ),
      ),
    );
    // No single dealing holds it.
    for (const d of dealings) assert.ok(!group.equals(group.mulBase(secret), d.commitment.coefficients[0]!));
  });
}

test('assertDkgParameters accepts 1 ≤ t ≤ n ≤ 255 and nothing else', () => {
  for (const ok of [
    { threshold: 1, trustees: 1 },
    { threshold: 2, trustees: 3 },
    { threshold: 255, trustees: 255 },
  ]) {
    assert.doesNotThrow(() => assertDkgParameters(ok));
  }
  for (const bad of [
    { threshold: 0, trustees: 3 },
    { threshold: 4, trustees: 3 },
    { threshold: 2, trustees: 256 },
    { threshold: 1.5, trustees: 3 },
    { threshold: 2, trustees: Number.NaN },
  ]) {
    assert.throws(
      () => assertDkgParameters(bad),
      (e: unknown) => e instanceof CryptoError && e.code === 'bad-parameters',
      JSON.stringify(bad),
    );
  }
  const [group] = groups as [Group];
  const key = createCommunicationKey(group, context, 1);
  assert.throws(
    () => deal(group, context, { threshold: 3, trustees: 2 }, key, [key.identity]),
    (e: unknown) => e instanceof CryptoError && e.code === 'bad-parameters',
  );
});

test('a fresh communication key is random, is g^secret and carries its index', () => {
  const [group] = groups as [Group];
  const a = createCommunicationKey(group, context, 1);
  const c = createCommunicationKey(group, context, 1);
  assert.ok(!group.equals(a.identity.communicationKey, c.identity.communicationKey));
  assert.ok(group.equals(a.identity.communicationKey, group.mulBase(a.secret)));
  assert.equal(a.identity.index, 1);
});
