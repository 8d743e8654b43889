import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { toBase64url } from '../../src/crypto/bytes.ts';
import { rootOf } from '../../src/crypto/merkle.ts';
import {
  committedElectorateSize,
  rollAmendment,
  rollAmendmentSchema,
} from '../../src/electorate/amendment.ts';
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

/** Salts 0x00…, 0x01…, so that results are reproducible. */
function countingSalts(): () => Uint8Array {
  let n = 0;
  return () => new Uint8Array(16).fill(n++);
}

describe('member leaf', () => {
  it('is SHA-256(0x00 ‖ tagged hash of election id, salt, member id), byte for byte as SPEC-electorate.md says', () => {
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

  it('matches the vector of SPEC-electorate.md', () => {
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
  const commitment: ElectorateCommitment = { electionId: 'leader-2026', count: 10, root: leaf(9) };

  it('validates the payload', () => {
    assert.deepEqual(
      rollAmendment({
        electionId: 'leader-2026',
        kind: 'add',
        reason: ' Backdated on appeal ',
        leaf: leaf(1),
      }),
      {
        electionId: 'leader-2026',
        kind: 'add',
        reason: 'Backdated on appeal',
        leaf: leaf(1),
      },
    );
    assert.ok(rollAmendmentSchema.safeParse({ electionId: 'x', kind: 'remove', reason: 'Died' }).success);
    assert.ok(
      rollAmendmentSchema.safeParse({
        electionId: 'x',
        kind: 'correct',
        reason: 'Id typo',
        leaf: leaf(1),
        previousLeaf: leaf(2),
      }).success,
    );
    const invalid = [
      { electionId: 'x', kind: 'add', reason: 'No leaf' },
      { electionId: 'x', kind: 'add', reason: '  ', leaf: leaf(1) },
      { electionId: 'x', kind: 'remove', reason: 'r', previousLeaf: leaf(1) },
      { electionId: 'x', kind: 'correct', reason: 'r', leaf: leaf(1) },
      { electionId: 'x', kind: 'rename', reason: 'r' },
      { electionId: 'x', kind: 'add', reason: 'r', leaf: 'AAAA' },
      { electionId: 'x', kind: 'add', reason: 'r', leaf: leaf(1), extra: 1 },
      { electionId: '', kind: 'remove', reason: 'r' },
    ];
    for (const input of invalid) {
      assert.throws(
        () => rollAmendment(input as never),
        { code: 'invalid-amendment' },
        JSON.stringify(input),
      );
    }
  });

  it('the amended size: plus additions, minus removals, corrections neutral', () => {
    const amendments = [
      rollAmendment({ electionId: 'leader-2026', kind: 'add', reason: 'Late correction', leaf: leaf(1) }),
      rollAmendment({ electionId: 'leader-2026', kind: 'add', reason: 'Appeal upheld', leaf: leaf(2) }),
      rollAmendment({
        electionId: 'leader-2026',
        kind: 'remove',
        reason: 'Duplicate confirmed',
        leaf: leaf(3),
      }),
      rollAmendment({
        electionId: 'leader-2026',
        kind: 'correct',
        reason: 'Typo in id',
        leaf: leaf(4),
        previousLeaf: leaf(5),
      }),
    ];
    assert.equal(committedElectorateSize(commitment, []), 10);
    assert.equal(committedElectorateSize(commitment, amendments), 11);
  });

  it('refuses amendments of another election, a leaf added twice, or removals below zero', () => {
    const add = rollAmendment({ electionId: 'leader-2026', kind: 'add', reason: 'r', leaf: leaf(1) });
    assert.throws(() => committedElectorateSize(commitment, [{ ...add, electionId: 'other' }]), {
      code: 'invalid-amendment',
    });
    assert.throws(() => committedElectorateSize(commitment, [add, add]), { code: 'invalid-amendment' });
    const remove = rollAmendment({ electionId: 'leader-2026', kind: 'remove', reason: 'r' });
    assert.throws(() => committedElectorateSize({ ...commitment, count: 1 }, [remove, remove]), {
      code: 'invalid-amendment',
    });
  });
});
