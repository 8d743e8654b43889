/**
 * The log checks of a record: events numbered from 0 without gaps, all of one election, each chained to
 * the one before by `previous`, times never going backwards; the RFC 9162 Merkle root accumulated as
 * the events stream by; and every signed tree head valid under the board key and equal to the root of
 * the events before it. Memory is O(log n) whatever the number of events.
 *
 * SPEC.md §15 (Verification: the log).
 *
 * @example
 * ```ts
 * const log = new LogChecker('leader-2026');
 * log.event(event, line);          // per event, in order
 * log.head(head, boardKey, line);  // per signed head
 * log.finish();                    // the last head must cover every event
 * ```
 */

import { BoardError } from '../board/errors.ts';
import type { SignedTreeHead } from '../board/tree-head.ts';
import { verifyTreeHead } from '../board/tree-head.ts';
import { equalBytes, fromBase64url, toBase64url, utf8 } from '../crypto/bytes.ts';
import { EMPTY_ROOT, leafHash, MerkleAccumulator } from '../crypto/merkle.ts';
import { canonicalJson } from '../protocol/canonical.ts';
import type { BoardEvent } from '../protocol/events.ts';
import { GENESIS } from '../protocol/events.ts';
import { check, VerificationFailure } from './failure.ts';

export class LogChecker {
  readonly #election: string;
  readonly #tree = new MerkleAccumulator();
  #previous = GENESIS;
  #time = '';
  #lastHeadSize = -1;
  #heads = 0;

  constructor(election: string) {
    this.#election = election;
  }

  /**
   * Checks one event's place in the log and adds it to the tree. `text` is the record line, which must
   * be the event's canonical form: then what was hashed is exactly what every reader parses.
   */
  event(event: BoardEvent, line: number, text: string): void {
    const where = { event: event.index, line };
    let canonical: string;
    try {
      canonical = canonicalJson(event);
    } catch (e) {
      throw new VerificationFailure('bad-event', (e as Error).message, where);
    }
    check(
      canonical === text,
      'bad-event',
      'the line is not the canonical form (RFC 8785) of its event',
      where,
    );
    check(
      event.election === this.#election,
      'wrong-election',
      `event belongs to election "${event.election}"`,
      where,
    );
    check(
      event.index === this.#tree.size,
      'index-gap',
      `expected event ${this.#tree.size}, found ${event.index}`,
      where,
    );
    check(
      event.previous === this.#previous,
      'chain-broken',
      'its "previous" hash is not the hash of the event before',
      where,
    );
    check(
      Date.parse(event.time) >= Date.parse(this.#time || event.time),
      'time-regression',
      'its time is earlier than the event before',
      where,
    );
    const leaf = leafHash(utf8(canonical));
    this.#tree.append(leaf);
    this.#previous = toBase64url(leaf);
    this.#time = event.time;
  }

  /** Checks a signed tree head: signature, election, and root of the events so far. */
  head(value: unknown, boardKey: string, line: number): SignedTreeHead {
    return this.#head(value, boardKey, line, this.#tree.size, () => this.#tree.root());
  }

  /**
   * Checks a head that came before the first event (so before the board key was known): it must be a
   * head of the empty log.
   */
  emptyLogHead(value: unknown, boardKey: string, line: number): SignedTreeHead {
    return this.#head(value, boardKey, line, 0, () => EMPTY_ROOT);
  }

  #head(
    value: unknown,
    boardKey: string,
    line: number,
    size: number,
    root: () => Uint8Array,
  ): SignedTreeHead {
    let head: SignedTreeHead;
    try {
      head = verifyTreeHead(boardKey, value);
    } catch (e) {
      if (e instanceof BoardError && e.code === 'bad-head-signature')
        throw new VerificationFailure('bad-head-signature', e.message, { line });
      throw new VerificationFailure('bad-head', e instanceof Error ? e.message : 'invalid tree head', {
        line,
      });
    }
    check(
      head.election === this.#election,
      'wrong-election',
      `tree head belongs to election "${head.election}"`,
      { line },
    );
    check(head.size === size, 'head-mismatch', `tree head of size ${head.size} placed after ${size} events`, {
      line,
    });
    check(head.size >= this.#lastHeadSize, 'head-mismatch', 'tree heads are out of order', { line });
    check(
      equalBytes(fromBase64url(head.root, 32), root()),
      'head-mismatch',
      `the signed root of size ${head.size} is not the root of the events`,
      { line },
    );
    this.#lastHeadSize = head.size;
    this.#heads++;
    return head;
  }

  /** After the last line: a signed head must cover every event (the board vouches for all of them). */
  finish(line: number): void {
    check(
      this.#lastHeadSize === this.#tree.size,
      'unsigned-tail',
      `the last ${this.#tree.size - Math.max(0, this.#lastHeadSize)} events are not covered by a signed tree head`,
      { line },
    );
  }

  get size(): number {
    return this.#tree.size;
  }
  get heads(): number {
    return this.#heads;
  }
  get root(): string {
    return toBase64url(this.#tree.root());
  }
}
