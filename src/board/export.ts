/**
 * The election record: the whole board of one election as one text file
 * (`<election-id>.psephos.jsonl`), one canonical JSON value per line:
 *
 *   line 1   {"election":<id>,"format":"psephos/record","version":1}
 *   then     every event, in index order;
 *            each signed tree head right after the event that brings the log to its size
 *            (a head of size 0 right after the header).
 *
 * With the record alone the verifier recomputes the hash chain and the Merkle roots and checks every
 * head's signature at the point where it was signed. Reading and checking records is the verifier's
 * job; this module only writes them.
 *
 * SPEC.md §17.4 (Election record).
 *
 * @example
 * ```ts
 * const out = createWriteStream(`${id}.psephos.jsonl`);
 * for await (const line of exportRecord(store, id)) if (!out.write(line)) await once(out, 'drain');
 * ```
 */
import { canonicalJson } from '../protocol/canonical.ts';
import type { BoardStore } from './store.ts';
import type { SignedTreeHead } from './tree-head.ts';

/** The record format's version, in the header line. */
export const RECORD_VERSION = 1;

/**
 * The header line's value.
 * @example `canonicalJson(recordHeader('leader-2025'))` → `'{"election":"leader-2025","format":"psephos/record","version":1}'`
 */
export function recordHeader(election: string): { format: 'psephos/record'; version: 1; election: string } {
  return { format: 'psephos/record', version: RECORD_VERSION, election };
}

/**
 * Streams the record of `election` line by line, each line ending in "\n". It reads the events and
 * heads through the store's iterables and holds one event at a time, so a record of millions of
 * events streams in constant memory. The record is the log as it was when the export started: events
 * and heads appended meanwhile are left for the next export.
 * @example `for await (const line of exportRecord(store, 'leader-2025')) process.stdout.write(line)`
 */
export async function* exportRecord(store: BoardStore, election: string): AsyncIterable<string> {
  // Heads first: every stored head covers only stored events, so the size read after it is at least
  // as large, and every head read below falls within the exported events.
  const latest = await store.latestHead(election);
  const size = await store.size(election);
  const limit = latest?.size ?? 0;
  yield line(recordHeader(election));

  const heads = store.heads(election)[Symbol.asyncIterator]();
  let pending: SignedTreeHead | undefined;
  let headsDone = false;
  /** The heads of size ≤ count not yet written, in order. */
  async function* headsUpTo(count: number): AsyncIterable<string> {
    while (!headsDone) {
      if (pending === undefined) {
        const next = await heads.next();
        if (next.done || next.value.size > limit) {
          headsDone = true;
          if (!next.done) await heads.return?.();
          break;
        }
        pending = next.value;
      }
      if (pending.size > count) break;
      yield line(pending);
      pending = undefined;
    }
  }

  try {
    yield* headsUpTo(0);
    let count = 0;
    for await (const event of store.events(election, 0, size)) {
      yield line(event);
      count++;
      yield* headsUpTo(count);
    }
  } finally {
    // Release the store's cursor when the consumer stops early.
    if (!headsDone) await heads.return?.();
  }
}

function line(value: unknown): string {
  return `${canonicalJson(value)}\n`;
}
