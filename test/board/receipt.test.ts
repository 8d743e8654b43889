/**
 * Receipts and heads over random histories (src/board/receipt.ts): every head is consistent with every
 * later one; every receipt verifies against its own head and, through a consistency proof, against
 * every later head; and every change a dishonest board (or a corrupted file) could make is caught with
 * the code that names it — including a board that rewrites or drops history and signs new heads with
 * its real key.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Board } from '../../src/board/board.ts';
import type { MemoryStore } from '../../src/board/memory-store.ts';
import { type Receipt, verifyLaterHead, verifyReceipt, verifyReceiptEvent } from '../../src/board/receipt.ts';
import { type SignedTreeHead, signTreeHead } from '../../src/board/tree-head.ts';
import { fromBase64url, toBase64url } from '../../src/crypto/bytes.ts';
import { verifyConsistency } from '../../src/crypto/merkle.ts';
import { eventLeafHash, parseEvent } from '../../src/protocol/events.ts';
import { tracker } from '../../src/protocol/tracker.ts';
import {
  appendKind,
  ballots,
  boardKey,
  changeChar,
  ELECTION,
  KINDS,
  type Kind,
  newBoard,
  otherKey,
  throwsWith,
  wire,
} from './fixtures.ts';

/** One step of a history: append an event of some kind, or sign a head. */
type Step = { kind: Kind } | { kind: 'sign' };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...KINDS).map((kind) => ({ kind })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'sign' as const }) },
);
/** Histories with at least one ballot, so there is a receipt to check. */
const historyArb = fc
  .array(stepArb, { minLength: 1, maxLength: 24 })
  .map((steps): Step[] => [...steps, { kind: 'ballot' }, { kind: 'amendment' }]);

interface Played {
  board: Board;
  store: MemoryStore;
  heads: SignedTreeHead[];
  receipts: Receipt[];
}

/**
 * Plays a history on a new board. A receipt is taken right after each ballot (signing a head then,
 * as the server does), and a final head closes the history.
 */
async function play(
  steps: readonly Step[],
  change?: (n: number, kind: Kind) => Kind | 'drop',
): Promise<Played> {
  const { board, store } = await newBoard();
  const receipts: Receipt[] = [];
  for (const [n, step] of steps.entries()) {
    if (step.kind === 'sign') {
      await board.signHead();
      continue;
    }
    const kind = change?.(n, step.kind) ?? step.kind;
    if (kind === 'drop') continue;
    const event = await appendKind(board, kind, n);
    if (event.type === 'ballot' && change === undefined) receipts.push(await board.receipt(event.index));
  }
  await board.signHead();
  const heads: SignedTreeHead[] = [];
  for await (const head of store.heads(ELECTION)) heads.push(head);
  return { board, store, heads, receipts };
}

const hashes = (list: readonly string[]) => list.map((h) => fromBase64url(h, 32));
const laterHeads = (played: Played, receipt: Receipt) =>
  played.heads.filter((h) => h.size >= receipt.head.size);

describe('receipts and heads over random histories', () => {
  test('every signed head is consistent with every later head', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async (steps) => {
        const { board, heads } = await play(steps);
        for (const [i, earlier] of heads.entries()) {
          for (const later of heads.slice(i + 1)) {
            const proof = hashes(board.consistencyProof(earlier.size, later.size));
            const ok = verifyConsistency(
              earlier.size,
              later.size,
              fromBase64url(earlier.root, 32),
              fromBase64url(later.root, 32),
              proof,
            );
            assert.ok(ok, `head ${earlier.size} → head ${later.size}`);
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  test('every receipt verifies against its own head, the board’s event, and every later head', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async (steps) => {
        const played = await play(steps);
        assert.ok(played.receipts.length > 0);
        for (const issued of played.receipts) {
          const receipt = verifyReceipt(boardKey.publicKey, wire(issued), ELECTION);
          assert.deepEqual(receipt, issued);
          const event = verifyReceiptEvent(receipt, wire(await played.store.event(ELECTION, receipt.index)));
          assert.equal(toBase64url(tracker(event.payload.ballot)), receipt.tracker);
          for (const later of laterHeads(played, receipt)) {
            const proof = played.board.consistencyProof(receipt.head.size, later.size);
            assert.deepEqual(verifyLaterHead(boardKey.publicKey, receipt, wire(later), proof), later);
          }
        }
      }),
      { numRuns: 50 },
    );
  });
});

/** Ways to spoil a receipt, each with the code its check must report. */
const receiptMutations = [
  'leaf-hash',
  'inclusion',
  'index',
  'index-past-head',
  'root',
  'size',
  'signature',
  'election',
] as const;

describe('a changed receipt is rejected with the right code', () => {
  test('leaf hash, proof element, index, head root/size/signature, election', async () => {
    await fc.assert(
      fc.asyncProperty(
        historyArb,
        fc.constantFrom(...receiptMutations),
        fc.nat(),
        fc.nat(),
        async (steps, mutation, pick, offset) => {
          const played = await play(steps);
          const receipt = played.receipts[pick % played.receipts.length]!;
          const { head } = receipt;
          const spoil = (changes: Partial<Receipt>) => wire({ ...receipt, ...changes });
          const verify = (value: unknown) => () => verifyReceipt(boardKey.publicKey, value);
          const position = 1 + (offset % 40); // a middle character: the result stays 32 bytes of base64url
          switch (mutation) {
            case 'leaf-hash':
              return throwsWith(
                verify(spoil({ leafHash: changeChar(receipt.leafHash, position) })),
                'not-included',
              );
            case 'inclusion': {
              if (receipt.inclusion.length === 0) return; // a one-event head has no proof to change
              const k = offset % receipt.inclusion.length;
              const inclusion = receipt.inclusion.map((h, i) => (i === k ? changeChar(h, position) : h));
              return throwsWith(verify(spoil({ inclusion })), 'not-included');
            }
            case 'index': {
              if (head.size === 1) return;
              const index = (receipt.index + 1 + (offset % (head.size - 1))) % head.size;
              return throwsWith(verify(spoil({ index })), 'not-included', `index ${index}`);
            }
            case 'index-past-head':
              throwsWith(verify(spoil({ index: head.size + (offset % 3) })), 'not-included');
              return assert.throws(verify(spoil({ index: head.size })), /outside its tree head/);
            case 'root':
              return throwsWith(
                verify(spoil({ head: { ...head, root: changeChar(head.root, position) } })),
                'bad-head-signature',
              );
            case 'size':
              return throwsWith(
                verify(spoil({ head: { ...head, size: head.size + 1 + (offset % 3) } })),
                'bad-head-signature',
              );
            case 'signature':
              return throwsWith(
                verify(
                  spoil({ head: { ...head, signature: changeChar(head.signature, 1 + (offset % 84)) } }),
                ),
                'bad-head-signature',
              );
            case 'election':
              return throwsWith(verify(spoil({ election: 'leader-2026' })), 'wrong-election');
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  test('the receipt of one ballot does not pass for another event on the board', async () => {
    const played = await play([
      { kind: 'open' },
      { kind: 'ballot' },
      { kind: 'amendment' },
      { kind: 'ballot' },
      { kind: 'close' },
    ]);
    const [receipt, other] = played.receipts as [Receipt, Receipt];
    const eventAt = async (i: number) => wire(await played.store.event(ELECTION, i));
    // The board serves another event at the receipt's index, or the right index with other content.
    throwsWith(() => verifyReceiptEvent(receipt, 0), 'wrong-event');
    const otherEvent = await eventAt(other.index);
    throwsWith(() => verifyReceiptEvent(receipt, otherEvent), 'wrong-event');
    throwsWith(
      () => verifyReceiptEvent(receipt, { ...(otherEvent as object), index: receipt.index }),
      'wrong-event',
    );
    // A receipt whose leaf and index name a non-ballot event.
    const open = await eventAt(0);
    const forOpen = { ...receipt, index: 0, leafHash: toBase64url(eventLeafHash(parseEvent(open))) };
    throwsWith(() => verifyReceiptEvent(forOpen, open), 'not-a-ballot');
    // The right event, but the receipt shows another tracker.
    const mine = await eventAt(receipt.index);
    throwsWith(
      () => verifyReceiptEvent({ ...receipt, tracker: toBase64url(tracker(ballots[5]!)) }, mine),
      'wrong-tracker',
    );
    throwsWith(() => verifyReceiptEvent({ ...receipt, election: 'leader-2026' }, mine), 'wrong-election');
    // And the genuine pair passes.
    assert.equal(verifyReceiptEvent(receipt, mine).index, receipt.index);
  });

  test('a receipt that is not a receipt (malformed-receipt)', () => {
    const base = { format: 'psephos/receipt', election: ELECTION, index: 0, inclusion: [] };
    for (const value of [null, {}, base, { ...base, extra: 1 }, 'receipt']) {
      throwsWith(() => verifyReceipt(boardKey.publicKey, value), 'malformed-receipt');
    }
  });
});

describe('a later head that does not extend the receipt’s is rejected', () => {
  test('consistency proofs for other sizes, smaller heads, heads by another key', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, fc.nat(), fc.nat(), async (steps, pick, other) => {
        const played = await play(steps);
        const receipt = played.receipts[pick % played.receipts.length]!;
        const { board } = played;
        const later = played.heads.at(-1)!;
        const m = receipt.head.size;
        const n = later.size;
        const check = (head: unknown, proof: readonly string[]) => () =>
          verifyLaterHead(boardKey.publicKey, receipt, head, proof);
        const proof = board.consistencyProof(m, n);
        // A proof from another old size, or to another new size (unless it happens to be the same list,
        // as the empty proofs of 0 → n and of m → m are).
        const same = (list: readonly string[]) => list.join() === proof.join();
        const otherOld = (m + 1 + (other % n)) % (n + 1); // any size in [0, n] but m
        const fromOther = board.consistencyProof(otherOld, n);
        if (!same(fromOther)) throwsWith(check(later, fromOther), 'inconsistent-heads', `${otherOld} → ${n}`);
        const otherNew = m + (other % (n - m + 1));
        const toOther = board.consistencyProof(m, otherNew);
        if (!same(toOther)) throwsWith(check(later, toOther), 'inconsistent-heads', `${m} → ${otherNew}`);
        // A changed proof element.
        if (proof.length > 0) {
          const k = other % proof.length;
          const changed = proof.map((h, i) => (i === k ? changeChar(h, 1 + (other % 40)) : h));
          throwsWith(check(later, changed), 'inconsistent-heads');
          throwsWith(check(later, [...proof, proof[0]!]), 'inconsistent-heads');
        }
        throwsWith(check(later, ['not a hash']), 'inconsistent-heads');
        // A later head signed by someone else, and a head smaller than the receipt's.
        const { signature: _, ...unsigned } = later;
        throwsWith(check(signTreeHead(otherKey.secretKey, unsigned), proof), 'bad-head-signature');
        const earlier = played.heads.find((h) => h.size < m);
        if (earlier) throwsWith(check(earlier, []), 'out-of-order');
        // An honest pair still passes.
        verifyLaterHead(boardKey.publicKey, receipt, later, proof);
      }),
      { numRuns: 50 },
    );
  });

  test('a board that rewrites or drops an event and signs new heads with its real key is caught', async () => {
    await fc.assert(
      fc.asyncProperty(
        historyArb,
        fc.nat(),
        fc.nat(),
        fc.constantFrom('rewrite', 'drop'),
        async (steps, pick, at, how) => {
          const honest = await play(steps);
          const receipt = honest.receipts[pick % honest.receipts.length]!;
          // The step that appended the event to change: any event the receipt's head covers.
          const eventSteps = steps.flatMap((s, n) => (s.kind === 'sign' ? [] : [n]));
          const target = eventSteps[at % receipt.head.size]!;
          const replacement = (n: number, kind: Kind): Kind | 'drop' =>
            n !== target ? kind : how === 'drop' ? 'drop' : kind === 'amendment' ? 'complaint' : 'amendment';
          // The rewritten log carries on past the receipt's head, so that a later head exists.
          const forged = await play([...steps, { kind: 'close' }, { kind: 'close' }], replacement);
          const later = forged.heads.at(-1)!;
          assert.ok(later.size >= receipt.head.size);
          throwsWith(
            () =>
              verifyLaterHead(
                boardKey.publicKey,
                receipt,
                later,
                forged.board.consistencyProof(receipt.head.size, later.size),
              ),
            'inconsistent-heads',
          );
        },
      ),
      { numRuns: 50 },
    );
  });
});
