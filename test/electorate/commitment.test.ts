import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { toBase64url } from '../../src/crypto/bytes.ts';
import { rootOf } from '../../src/crypto/merkle.ts';
import { committedElectorateSize } from '../../src/electorate/amendment.ts';
import type { ElectorateCommitment } from '../../src/electorate/commitment.ts';
import {
  buildElectorate,
  electorateCommitmentSchema,
  findMemberInPublished,
  memberInclusionProof,
  memberLeaf,
  treeFromPublishedLeaves,
  verifyMemberInclusion,
} from '../../src/electorate/commitment.ts';
import type { Payload } from '../../src/protocol/events.ts';
import { Payloads } from '../../src/protocol/events.ts';

/** Salts 0x00…, 0x01…, so that results are reproducible. */
function countingSalts(): () => Uint8Array {
  let n = 0;
  return () => new Uint8Array(16).fill(n++);
}

describe('member leaf', () => {
  it('is SHA-256(0x00 ‖ tagged hash of election id, salt, member id), byte for byte as SPEC.md §16.2 says', () => {
    const sha = (...parts: Uint8Array[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
    const u32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
    const field = (b: Uint8Array) => Buffer.concat([u32(b.length), b]);
    const salt = Uint8Array.from({ length: 16 }, (_, i) => i);
    const inner = sha(
      field(Buffer.from('psephos/v1/electorate/member')),
      field(Buffer.from('leader-2026')),
      field(salt),
      field(Buffer.from('M0001')),
    );
    const expected = sha(Buffer.from([0]), inner);
    assert.deepEqual(Buffer.from(memberLeaf('leader-2026', 'M0001', salt)), expected);
    assert.equal(toBase64url(memberLeaf('leader-2026', 'M0001', salt)), toBase64url(expected));
  });
});

describe('electorate commitment', () => {
  it('every member verifies; a wrong salt, member, election or index does not', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 40 }),
        fc.string({ minLength: 1, maxLength: 20 }),
        (ids, electionId) => {
          const electorate = buildElectorate(electionId, ids);
          const { commitment } = electorate;
          assert.equal(commitment.count, ids.length);
          for (const entry of electorate.members) {
            const check = {
              electionId,
              memberId: entry.memberId,
              salt: entry.salt,
              index: entry.index,
              proof: memberInclusionProof(electorate.tree, entry.index),
            };
            assert.ok(verifyMemberInclusion(check, commitment));
            const salt = Buffer.from(entry.salt, 'base64url');
            salt[0]! ^= 1;
            assert.ok(!verifyMemberInclusion({ ...check, salt: toBase64url(salt) }, commitment));
            assert.ok(!verifyMemberInclusion({ ...check, memberId: `${entry.memberId}x` }, commitment));
            assert.ok(
              !verifyMemberInclusion(
                { ...check, electionId: `${electionId}x` },
                { ...commitment, electionId: `${electionId}x` },
              ),
            );
            assert.ok(!verifyMemberInclusion({ ...check, electionId: `${electionId}x` }, commitment));
            if (ids.length > 1)
              assert.ok(
                !verifyMemberInclusion({ ...check, index: (entry.index + 1) % ids.length }, commitment),
              );
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('sorts the leaves, whose tree gives the root, and keeps the members in the order given', () => {
    const ids = ['M3', 'M1', 'M2', 'M4', 'M5'];
    const electorate = buildElectorate('leader-2026', ids, countingSalts());
    assert.deepEqual(
      electorate.members.map((m) => m.memberId),
      ids,
    );
    const sorted = [...electorate.leaves].sort((a, b) =>
      Buffer.compare(Buffer.from(a, 'base64url'), Buffer.from(b, 'base64url')),
    );
    assert.deepEqual(electorate.leaves, sorted);
    assert.equal(
      electorate.commitment.root,
      toBase64url(rootOf(electorate.leaves.map((l) => Buffer.from(l, 'base64url')))),
    );
    for (const m of electorate.members) {
      assert.equal(
        electorate.leaves[m.index],
        toBase64url(memberLeaf('leader-2026', m.memberId, Buffer.from(m.salt, 'base64url'))),
      );
    }
    assert.ok(electorateCommitmentSchema.safeParse(electorate.commitment).success);
  });

  it('matches the vectors of SPEC.md §16.2 and §16.4', () => {
    assert.equal(
      toBase64url(
        memberLeaf(
          'leader-2026',
          'M0001',
          Uint8Array.from({ length: 16 }, (_, i) => i),
        ),
      ),
      'HZPoOjzMOUNZ8SCBym3wVQhw_PVls55MA1LtvsTygAk',
    );
    const electorate = buildElectorate('leader-2026', ['M0001', 'M0002', 'M0003'], countingSalts());
    assert.deepEqual(electorate.commitment, {
      electionId: 'leader-2026',
      count: 3,
      root: '8jOnQ-0v2oWVUQDZdRLwpiPbqxtedJlgAlD4536NJ2g',
    });
    assert.deepEqual(electorate.leaves, [
      'czCe3BjlG8LpDSTVFvHur9ojz2J1xXbXCZg95d4up7o',
      'uNDJHFuZE6HynRaE3GniS6tZEdUSVGZybknOJMxKmbY',
      '33neXw__jbyQlXSW7uJvzpby3qz3chSoRIG6llnrIdU',
    ]);
  });

  it('draws a fresh 16-byte salt per member', () => {
    const a = buildElectorate('e', ['M1', 'M2']);
    const b = buildElectorate('e', ['M1', 'M2']);
    assert.equal(Buffer.from(a.members[0]!.salt, 'base64url').length, 16);
    assert.notEqual(a.members[0]!.salt, a.members[1]!.salt);
    assert.notEqual(a.commitment.root, b.commitment.root);
  });

  it('refuses an empty electorate, a repeated member id or a bad election id', () => {
    assert.throws(() => buildElectorate('e', []), { code: 'empty-electorate' });
    assert.throws(() => buildElectorate('e', ['M1', 'M1']), { code: 'invalid-commitment' });
    assert.throws(() => buildElectorate('', ['M1']), { code: 'invalid-commitment' });
  });

  it('rejects malformed checks without throwing', () => {
    const electorate = buildElectorate('e', ['M1', 'M2', 'M3']);
    const entry = electorate.members[0]!;
    const check = {
      electionId: 'e',
      memberId: 'M1',
      salt: entry.salt,
      index: entry.index,
      proof: memberInclusionProof(electorate.tree, entry.index),
    };
    assert.ok(!verifyMemberInclusion({ ...check, salt: 'not base64!' }, electorate.commitment));
    assert.ok(
      !verifyMemberInclusion({ ...check, salt: toBase64url(new Uint8Array(15)) }, electorate.commitment),
    );
    assert.ok(!verifyMemberInclusion({ ...check, proof: ['AA'] }, electorate.commitment));
    assert.ok(!verifyMemberInclusion({ ...check, index: -1 }, electorate.commitment));
  });

  it('rebuilds the tree from published leaves, and refuses leaves that do not match the commitment', () => {
    const { commitment, leaves, members } = buildElectorate('e', ['M1', 'M2', 'M3', 'M4']);
    const tree = treeFromPublishedLeaves(commitment, leaves);
    const m = members[2]!;
    const proof = memberInclusionProof(tree, m.index);
    assert.ok(
      verifyMemberInclusion(
        { electionId: 'e', memberId: m.memberId, salt: m.salt, index: m.index, proof },
        commitment,
      ),
    );
    assert.throws(() => treeFromPublishedLeaves(commitment, leaves.slice(1)), { code: 'invalid-commitment' });
    assert.throws(() => treeFromPublishedLeaves(commitment, [...leaves].reverse()), {
      code: 'invalid-commitment',
      message: /ascending/,
    });
    assert.throws(() => treeFromPublishedLeaves(commitment, [...leaves.slice(0, 3), 'x']), {
      code: 'invalid-commitment',
    });
    const found = findMemberInPublished({ commitment, leaves }, m.memberId, m.salt);
    assert.deepEqual(found, { electionId: 'e', memberId: m.memberId, salt: m.salt, index: m.index, proof });
    assert.equal(findMemberInPublished({ commitment, leaves }, 'M9', m.salt), null);
    assert.throws(() => findMemberInPublished({ commitment, leaves }, m.memberId, 'short'), {
      code: 'invalid-salt',
    });
    const other = buildElectorate('e', ['M1', 'M2', 'M3', 'M5']);
    assert.throws(() => treeFromPublishedLeaves(commitment, other.leaves), {
      code: 'invalid-commitment',
      message: /root/,
    });
  });
});

describe('roll amendments', () => {
  const leaf = (n: number) => toBase64url(new Uint8Array(32).fill(n));
  /** A credential's wire form (the schema checks its form; the verifier checks it is a group element). */
  const credential = (n: number) => toBase64url(new Uint8Array(32).fill(100 + n));
  const commitment: ElectorateCommitment = { electionId: 'leader-2026', count: 10, root: leaf(9) };
  const schema = Payloads['roll-amendment'];
  /** Validates an amendment with the board's schema, as the board does before appending it. */
  const amendment = (input: unknown): Payload<'roll-amendment'> => schema.parse(input);

  it("validates the payload with the board's schema", () => {
    const valid = [
      { kind: 'add', reason: 'Backdated on appeal', credential: credential(1), weight: 2, leaf: leaf(1) },
      { kind: 'add', reason: 'Late joiner; the roll was not committed', credential: credential(1) },
      { kind: 'remove', reason: 'Died', credential: credential(2) },
      { kind: 'remove', reason: 'Duplicate confirmed', credential: credential(2), leaf: leaf(2) },
      { kind: 'correct', reason: 'Id typo', leaf: leaf(1), previousLeaf: leaf(2) },
    ];
    for (const input of valid) assert.deepEqual(schema.parse(input), input, JSON.stringify(input));
    const invalid: [unknown, RegExp][] = [
      [{ kind: 'add', reason: 'No credential', leaf: leaf(1) }, /credential/],
      [{ kind: 'remove', reason: 'No credential' }, /credential/],
      [{ kind: 'add', reason: '', credential: credential(1), leaf: leaf(1) }, /reason/],
      [{ kind: 'add', reason: 'x'.repeat(1001), credential: credential(1) }, /reason/],
      [{ kind: 'add', reason: 'Lone \ud800', credential: credential(1) }, /well-formed/],
      [{ kind: 'add', reason: 'r', credential: credential(1), weight: 0 }, /weight/],
      [{ kind: 'add', reason: 'r', credential: credential(1), previousLeaf: leaf(1) }, /previousLeaf/],
      [{ kind: 'remove', reason: 'r', credential: credential(1), previousLeaf: leaf(1) }, /previousLeaf/],
      [{ kind: 'remove', reason: 'r', credential: credential(1), weight: 1 }, /weight/],
      [{ kind: 'correct', reason: 'r', leaf: leaf(1) }, /previousLeaf/],
      [{ kind: 'correct', reason: 'r', previousLeaf: leaf(1) }, /leaf/],
      [
        { kind: 'correct', reason: 'r', leaf: leaf(1), previousLeaf: leaf(2), credential: credential(1) },
        /credential/,
      ],
      [{ kind: 'correct', reason: 'r', leaf: leaf(1), previousLeaf: leaf(2), weight: 1 }, /weight/],
      [{ kind: 'rename', reason: 'r', credential: credential(1) }, /kind/],
      [{ kind: 'add', reason: 'r', credential: credential(1), leaf: 'AAAA' }, /leaf/],
      [{ kind: 'add', reason: 'r', credential: credential(1), leaf: leaf(1), extra: 1 }, /extra/],
      // The election is named by the event's envelope, not by the payload.
      [{ electionId: 'leader-2026', kind: 'remove', reason: 'r', credential: credential(1) }, /electionId/],
    ];
    for (const [input, field] of invalid) {
      const result = schema.safeParse(input);
      assert.ok(!result.success, JSON.stringify(input));
      assert.match(JSON.stringify(result.error.issues), field, JSON.stringify(input));
    }
  });

  it('the amended size: plus additions, minus removals, corrections neutral', () => {
    const amendments = [
      amendment({ kind: 'add', reason: 'Late correction', credential: credential(1), leaf: leaf(1) }),
      amendment({ kind: 'add', reason: 'Appeal upheld', credential: credential(2), leaf: leaf(2) }),
      amendment({ kind: 'remove', reason: 'Duplicate confirmed', credential: credential(3), leaf: leaf(3) }),
      amendment({ kind: 'remove', reason: 'Died', credential: credential(6) }),
      amendment({ kind: 'correct', reason: 'Typo in id', leaf: leaf(4), previousLeaf: leaf(5) }),
    ];
    assert.equal(committedElectorateSize(commitment, []), 10);
    assert.equal(committedElectorateSize(commitment, amendments), 10);
    assert.equal(committedElectorateSize(commitment, amendments.slice(0, 2)), 12);
    assert.equal(committedElectorateSize(commitment, amendments.slice(2, 4)), 8);
    assert.equal(committedElectorateSize(commitment, amendments.slice(4)), 10);
  });

  it('refuses an addition without a leaf, a leaf added twice, or removals below zero', () => {
    const add = amendment({ kind: 'add', reason: 'r', credential: credential(1), leaf: leaf(1) });
    const { leaf: _, ...noLeaf } = add;
    assert.throws(() => committedElectorateSize(commitment, [amendment(noLeaf)]), {
      code: 'invalid-amendment',
      message: /without their leaf/,
    });
    const again = amendment({ ...add, credential: credential(2) });
    assert.equal(committedElectorateSize(commitment, [add]), 11);
    assert.throws(() => committedElectorateSize(commitment, [add, again]), {
      code: 'invalid-amendment',
      message: /already added/,
    });
    const remove = amendment({ kind: 'remove', reason: 'r', credential: credential(3) });
    assert.equal(committedElectorateSize({ ...commitment, count: 1 }, [remove]), 0);
    assert.throws(() => committedElectorateSize({ ...commitment, count: 1 }, [remove, remove]), {
      code: 'invalid-amendment',
      message: /empty electorate/,
    });
  });
});
