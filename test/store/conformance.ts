/**
 * The store conformance suite: every rule of the Store interface (src/store/store.ts) and of its
 * board part (src/board/store.ts), as node:test tests that each backend's test file runs against its
 * own database. A rule is kept by both stores or by neither.
 *
 * Not a test file itself: test/store/sqlite.test.ts and test/store/postgres.test.ts call it.
 */
import { describe } from 'node:test';
import { boardConformance } from './conformance-board.ts';
import { membersConformance } from './conformance-members.ts';
import { organiserConformance } from './conformance-organiser.ts';
import { peopleConformance } from './conformance-people.ts';
import { queueConformance } from './conformance-queues.ts';
import type { MakeStore } from './harness.ts';

export type { MakeStore, StoreUnderTest } from './harness.ts';

/**
 * Declares the whole suite for one backend. `make` gives each test a fresh, migrated store with a
 * second way into its database (another Store, raw SQL); the test cleans it up.
 * @example `storeConformance('SqliteStore', async () => ({ store, cleanup, reopen, raw }))`
 */
export function storeConformance(name: string, make: MakeStore): void {
  describe(`${name} conformance`, () => {
    boardConformance(make);
    peopleConformance(make);
    queueConformance(make);
    membersConformance(make);
    organiserConformance(make);
  });
}
