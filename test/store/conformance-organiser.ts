/**
 * Organiser records in the store conformance suite: an election's private record is written by
 * compare-and-set on its revision (so two API nodes' read-modify-writes never lose a change), can be
 * created with its election in one step, never shows in the election itself, and the records a
 * database kept the old way (fake elections `~console:<id>`) move into their table on migration.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateBoardKey } from '../../src/board/tree-head.ts';
import type { Store } from '../../src/store/store.ts';
import { type MakeStore, rejectsStore, withStore } from './harness.ts';

const ID = 'leader-2025';
const draft = { title: 'Party leader 2025' };
const contacts = { trustees: [{ email: 'ro@example.org', invitedAt: null }, null], note: 'Ŵ ✓ "quoted"' };

async function election(store: Store, id = ID, organiserRecord?: unknown) {
  return store.createElection({
    id,
    draft,
    boardSecretKey: generateBoardKey().secretKey,
    ...(organiserRecord === undefined ? {} : { organiserRecord }),
  });
}

/** Adds 1 to the record's counter by read, change, compare-and-set, again until the write holds. */
async function increment(store: Store): Promise<number> {
  for (let tries = 1; ; tries++) {
    const current = await store.organiserRecord(ID);
    const n = (current?.data as { n: number } | undefined)?.n ?? 0;
    if (await store.setOrganiserRecord(ID, { n: n + 1 }, current?.revision ?? 0)) return tries;
  }
}

export function organiserConformance(make: MakeStore): void {
  describe('organiser records', () => {
    test('first write at revision 0, then compare-and-set on the revision; a stale write changes nothing', async () => {
      await withStore(make, async ({ store }) => {
        await election(store);
        assert.equal(await store.organiserRecord(ID), undefined);
        assert.equal(await store.setOrganiserRecord(ID, contacts, 0), true);
        const first = await store.organiserRecord(ID);
        assert.deepEqual(
          { ...first, updatedAt: undefined },
          {
            election: ID,
            data: contacts,
            revision: 1,
            updatedAt: undefined,
          },
        );
        assert.equal(new Date(first!.updatedAt).toISOString(), first!.updatedAt);
        // A second first write (another node read "none" too) is refused.
        assert.equal(await store.setOrganiserRecord(ID, { other: true }, 0), false);
        assert.deepEqual((await store.organiserRecord(ID))?.data, contacts);

        const changed = { ...contacts, trustees: [null, { email: 'agent@example.org', invitedAt: null }] };
        assert.equal(await store.setOrganiserRecord(ID, changed, 1), true);
        const second = await store.organiserRecord(ID);
        assert.equal(second?.revision, 2);
        assert.deepEqual(second?.data, changed);
        assert.ok(second!.updatedAt >= first!.updatedAt);
        // Written against revision 1, which has moved on: refused, the record as it was.
        assert.equal(await store.setOrganiserRecord(ID, contacts, 1), false);
        assert.equal(await store.setOrganiserRecord(ID, contacts, 7), false);
        assert.deepEqual(await store.organiserRecord(ID), second);
      });
    });

    test('an unknown election and a bad revision are refused; records are per election', async () => {
      await withStore(make, async ({ store }) => {
        await rejectsStore(() => store.setOrganiserRecord('nobody', contacts, 0), 'not-found');
        await rejectsStore(() => store.setOrganiserRecord('nobody', contacts, 3), 'not-found');
        assert.equal(await store.organiserRecord('nobody'), undefined);
        await election(store);
        for (const revision of [-1, 1.5, Number.NaN]) {
          await assert.rejects(() => store.setOrganiserRecord(ID, contacts, revision), RangeError);
        }
        assert.equal(await store.organiserRecord(ID), undefined);
        await election(store, 'deputy-2025');
        assert.equal(await store.setOrganiserRecord('deputy-2025', { n: 2 }, 0), true);
        assert.equal(await store.organiserRecord(ID), undefined);
        assert.deepEqual((await store.organiserRecord('deputy-2025'))?.data, { n: 2 });
      });
    });

    test('kept apart from the election: not in its draft, not listed; written in any status', async () => {
      await withStore(make, async ({ store }) => {
        const created = await election(store);
        await store.setOrganiserRecord(ID, contacts, 0);
        assert.deepEqual(await store.election(ID), created);
        assert.deepEqual(
          (await store.elections()).map((e) => e.id),
          [ID],
        );
        assert.ok(!JSON.stringify(await store.elections()).includes('ro@example.org'));
        assert.equal(await store.transition(ID, 'draft', 'key-ceremony'), true);
        assert.equal(await store.setOrganiserRecord(ID, { n: 1 }, 1), true);
        const record = await store.organiserRecord(ID);
        assert.deepEqual([record?.data, record?.revision], [{ n: 1 }, 2]);
        assert.equal((await store.election(ID))?.status, 'key-ceremony');
      });
    });

    test('created with its election in one step, or not at all', async () => {
      await withStore(make, async ({ store }) => {
        const secrets = { practice: { practiceOf: 'leader-2025', credentialKey: 'AAAA' } };
        const created = await election(store, 'leader-2025-practice', secrets);
        const record = await store.organiserRecord('leader-2025-practice');
        assert.deepEqual(record?.data, secrets);
        assert.equal(record?.revision, 1);
        assert.equal(record?.updatedAt, created.createdAt);
        // The id is taken: neither the election nor a record is written.
        await election(store);
        await rejectsStore(() => election(store, ID, secrets), 'exists');
        assert.equal(await store.organiserRecord(ID), undefined);
        await rejectsStore(() => election(store, 'leader-2025-practice', { other: true }), 'exists');
        assert.deepEqual(await store.organiserRecord('leader-2025-practice'), record);
        // Without one, the election has none.
        await election(store, 'deputy-2025');
        assert.equal(await store.organiserRecord('deputy-2025'), undefined);
      });
    });

    test('two nodes changing one record at once: every change lands, none is lost', async () => {
      await withStore(make, async ({ store, reopen }) => {
        const other = await reopen();
        await election(store);
        // Both read revision 0, or both revision r: exactly one of two such writes holds.
        const firsts = await Promise.all([
          store.setOrganiserRecord(ID, { n: 1 }, 0),
          other.setOrganiserRecord(ID, { n: 1 }, 0),
        ]);
        assert.deepEqual(firsts.sort(), [false, true]);
        const seconds = await Promise.all([
          store.setOrganiserRecord(ID, { n: 2 }, 1),
          other.setOrganiserRecord(ID, { n: 2 }, 1),
        ]);
        assert.deepEqual(seconds.sort(), [false, true]);
        // Read-modify-write loops on both nodes: the count is every increment.
        const each = 15;
        const loop = async (s: Store) => {
          for (let i = 0; i < each; i++) await increment(s);
        };
        await Promise.all([loop(store), loop(other)]);
        const final = await store.organiserRecord(ID);
        assert.deepEqual(final?.data, { n: 2 + 2 * each });
        assert.equal(final?.revision, 2 + 2 * each);
      });
    });

    test('migration 3 moves records kept as fake elections `~console:<id>` into their table', async () => {
      await withStore(make, async ({ store, raw }) => {
        // A database as version 2 left it: the console's records as elections of their own.
        await election(store);
        await raw('DROP TABLE organiser_records');
        await raw('DELETE FROM schema_migrations WHERE version = 3');
        const old = (id: string, data: unknown) =>
          store.createElection({ id, draft: data, boardSecretKey: generateBoardKey().secretKey });
        const kept = { format: 'psephos/console-private', version: 1, trustees: [contacts.trustees[0]] };
        const saved = await old(`~console:${ID}`, kept);
        await old('~console:gone-practice', { format: 'psephos/console-private', version: 1 });

        await store.migrate();
        assert.deepEqual(await store.organiserRecord(ID), {
          election: ID,
          data: kept,
          revision: 1,
          updatedAt: saved.updatedAt,
        });
        assert.deepEqual(
          (await store.elections()).map((e) => e.id),
          [ID],
        );
        assert.equal(await store.election('~console:gone-practice'), undefined);
        assert.equal(await store.setOrganiserRecord(ID, { n: 1 }, 1), true);
      });
    });
  });
}
