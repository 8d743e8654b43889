/**
 * Elections, voters, login tokens, sessions and organisers in the store conformance suite: drafts
 * change only as drafts, statuses move by compare-and-set and only forward, voters are added all or
 * nothing, the Belenios credential rule holds under concurrent binds, a login token works once even
 * when two requests race, sessions expire.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateBoardKey } from '../../src/board/tree-head.ts';
import type { ElectionStatus, Store } from '../../src/store/store.ts';
import { type MakeStore, rejectsStore, withStore } from './harness.ts';

const ID = 'leader-2025';
const draft = { title: 'Party leader 2025', questions: [{ id: 'leader', candidates: ['ada', 'bo', 'cy'] }] };

async function election(store: Store, id = ID) {
  return store.createElection({ id, draft, boardSecretKey: generateBoardKey().secretKey });
}

/** Five members; `m-03` shares an address (in another case) with `m-01`. */
const ROLL = [
  { voterId: 'm-01', email: 'ada@example.org', name: 'Ada' },
  { voterId: 'm-02', email: 'bo@example.org', name: 'Bo' },
  { voterId: 'm-03', email: 'ADA@example.org', name: 'Ada’s partner' },
  { voterId: 'm-04', email: 'cy@example.org', name: 'Cy' },
  { voterId: 'm-05', email: 'dee@example.org', name: 'Dee' },
];

const T0 = '2025-03-01T09:00:00.000Z';
const T1 = '2025-03-01T09:15:00.000Z';
const T2 = '2025-03-01T09:30:00.000Z';

export function peopleConformance(make: MakeStore): void {
  describe('elections', () => {
    test('creates drafts, refuses a taken id, and reads them back as stored', async () => {
      await withStore(make, async ({ store }) => {
        const key = generateBoardKey().secretKey;
        const created = await store.createElection({ id: ID, draft, boardSecretKey: key });
        assert.equal(created.id, ID);
        assert.equal(created.status, 'draft');
        assert.deepEqual(created.draft, draft);
        assert.deepEqual(created.boardSecretKey, key);
        assert.ok(created.boardSecretKey instanceof Uint8Array && !Buffer.isBuffer(created.boardSecretKey));
        assert.equal(created.createdAt, created.updatedAt);
        assert.equal(new Date(created.createdAt).toISOString(), created.createdAt);
        key.fill(0);
        assert.deepEqual(await store.election(ID), created);
        await rejectsStore(() => election(store), 'exists');
        await assert.rejects(
          () => store.createElection({ id: 'short-key', draft, boardSecretKey: new Uint8Array(31) }),
          RangeError,
        );
        assert.equal(await store.election('short-key'), undefined);
        await election(store, 'practice-2025');
        assert.deepEqual(
          (await store.elections()).map((e) => e.id),
          [ID, 'practice-2025'],
        );
        assert.equal(await store.election('nobody'), undefined);
      });
    });

    test('a draft changes only while the election is a draft', async () => {
      await withStore(make, async ({ store }) => {
        await election(store);
        const changed = { ...draft, title: 'Party leader 2025 (second round)' };
        await store.updateDraft(ID, changed);
        const read = await store.election(ID);
        assert.deepEqual(read?.draft, changed);
        assert.ok(read!.updatedAt >= read!.createdAt);
        assert.equal(await store.transition(ID, 'draft', 'key-ceremony'), true);
        await rejectsStore(() => store.updateDraft(ID, draft), 'wrong-status');
        assert.deepEqual((await store.election(ID))?.draft, changed);
        await rejectsStore(() => store.updateDraft('nobody', draft), 'not-found');
      });
    });

    test('transitions are compare-and-set, forward only, through the whole lifecycle', async () => {
      await withStore(make, async ({ store }) => {
        await election(store);
        assert.equal(await store.transition(ID, 'ready', 'open'), false);
        assert.equal((await store.election(ID))?.status, 'draft');
        const path: ElectionStatus[] = [
          'draft',
          'key-ceremony',
          'ready',
          'open',
          'closed',
          'tallying',
          'published',
        ];
        for (let i = 1; i < path.length; i++) {
          assert.equal(
            await store.transition(ID, path[i - 1]!, path[i]!),
            true,
            `${path[i - 1]} → ${path[i]}`,
          );
          assert.equal((await store.election(ID))?.status, path[i]);
        }
        await rejectsStore(() => store.transition(ID, 'published', 'open'), 'wrong-status');
        await rejectsStore(() => store.transition(ID, 'open', 'open'), 'wrong-status');
        await rejectsStore(() => store.transition('nobody', 'draft', 'key-ceremony'), 'not-found');
      });
    });

    test('two organisers moving one election at once, through two stores: exactly one succeeds', async () => {
      await withStore(make, async ({ store, reopen }) => {
        const second = await reopen();
        await election(store);
        for (const [from, to] of [
          ['draft', 'key-ceremony'],
          ['key-ceremony', 'ready'],
          ['ready', 'open'],
        ] as const) {
          const results = await Promise.all(
            [store, second, store, second].map((s) => s.transition(ID, from, to)),
          );
          assert.equal(results.filter(Boolean).length, 1, `${from} → ${to}: ${results}`);
        }
        // Two different moves from `open`: one wins; the status is the winner's.
        const [closed, published] = await Promise.all([
          store.transition(ID, 'open', 'closed'),
          second.transition(ID, 'open', 'published'),
        ]);
        assert.equal(Number(closed) + Number(published), 1);
        assert.equal((await second.election(ID))?.status, closed ? 'closed' : 'published');
      });
    });
  });

  describe('voters', () => {
    test('adds voters, finds them by member id and by address, pages and counts them', async () => {
      await withStore(make, async ({ store }) => {
        await election(store);
        await election(store, 'other');
        await store.addVoters(ID, [...ROLL].reverse());
        await store.addVoters('other', [ROLL[0]!]);
        await store.addVoters(ID, []);
        assert.deepEqual(await store.voter(ID, 'm-02'), {
          election: ID,
          voterId: 'm-02',
          email: 'bo@example.org',
          name: 'Bo',
          credential: null,
          votedAt: null,
          invitedAt: null,
          mail: null,
        });
        assert.equal(await store.voter(ID, 'm-99'), undefined);
        assert.equal(await store.voter('nobody', 'm-01'), undefined);
        // Addresses match whatever their case; of members sharing one, the first in member-id order.
        assert.equal((await store.voterByEmail(ID, 'Bo@Example.ORG'))?.voterId, 'm-02');
        assert.equal((await store.voterByEmail(ID, 'ada@example.org'))?.voterId, 'm-01');
        assert.equal((await store.voterByEmail(ID, 'ADA@EXAMPLE.ORG'))?.email, 'ada@example.org');
        assert.equal(await store.voterByEmail(ID, 'eve@example.org'), undefined);
        const ids = (voters: readonly { voterId: string }[]) => voters.map((v) => v.voterId);
        assert.deepEqual(ids(await store.voters(ID)), ['m-01', 'm-02', 'm-03', 'm-04', 'm-05']);
        assert.deepEqual(ids(await store.voters(ID, { limit: 2 })), ['m-01', 'm-02']);
        assert.deepEqual(ids(await store.voters(ID, { after: 'm-02', limit: 2 })), ['m-03', 'm-04']);
        assert.deepEqual(ids(await store.voters(ID, { after: 'm-05' })), []);
        await assert.rejects(() => store.voters(ID, { limit: 0 }), RangeError);
        assert.deepEqual(await store.countVoters(ID), { total: 5, voted: 0 });
        assert.deepEqual(await store.countVoters('nobody'), { total: 0, voted: 0 });

        await store.markVoted(ID, 'm-02', T1);
        await store.markVoted(ID, 'm-04', T0);
        await store.markVoted(ID, 'm-02', T2);
        assert.equal((await store.voter(ID, 'm-02'))?.votedAt, T1, 'the first ballot’s time is kept');
        assert.deepEqual(ids(await store.voters(ID, { notVoted: true })), ['m-01', 'm-03', 'm-05']);
        assert.deepEqual(ids(await store.voters(ID, { notVoted: true, after: 'm-01', limit: 1 })), ['m-03']);
        assert.deepEqual(await store.countVoters(ID), { total: 5, voted: 2 });
        assert.deepEqual(await store.countVoters('other'), { total: 1, voted: 0 });
        await rejectsStore(() => store.markVoted(ID, 'm-99', T0), 'not-found');
      });
    });

    test('member ids sort by code point in both databases', async () => {
      await withStore(make, async ({ store }) => {
        await election(store);
        const ids = ['b', 'B', 'a-2', 'a10', 'a2', 'Å', 'é', '_x'];
        await store.addVoters(
          ID,
          ids.map((voterId) => ({ voterId, email: `${voterId}@example.org`, name: voterId })),
        );
        const codePointOrder = [...ids].sort();
        assert.deepEqual(
          (await store.voters(ID)).map((v) => v.voterId),
          codePointOrder,
        );
        assert.deepEqual(
          (await store.voters(ID, { after: 'a2', limit: 3 })).map((v) => v.voterId),
          codePointOrder.slice(codePointOrder.indexOf('a2') + 1, codePointOrder.indexOf('a2') + 4),
        );
      });
    });

    test('adding voters is all or nothing: one member id already there, or twice in the batch, adds none', async () => {
      await withStore(make, async ({ store }) => {
        await election(store);
        await store.addVoters(ID, ROLL.slice(0, 2));
        await rejectsStore(() => store.addVoters(ID, [ROLL[2]!, ROLL[3]!, ROLL[0]!]), 'exists');
        await rejectsStore(() => store.addVoters(ID, [ROLL[2]!, ROLL[3]!, ROLL[2]!]), 'exists');
        assert.deepEqual(await store.countVoters(ID), { total: 2, voted: 0 });
        assert.equal(await store.voter(ID, 'm-03'), undefined);
        await rejectsStore(() => store.addVoters('nobody', ROLL), 'not-found');
      });
    });

    test('binds a credential: bound, already-bound, taken by another voter, or this voter has another', async () => {
      await withStore(make, async ({ store }) => {
        await election(store);
        await election(store, 'other');
        await store.addVoters(ID, ROLL);
        await store.addVoters('other', ROLL);
        assert.equal(await store.bindCredential(ID, 'm-01', 'cred-A'), 'bound');
        assert.equal(await store.bindCredential(ID, 'm-01', 'cred-A'), 'already-bound');
        assert.equal(await store.bindCredential(ID, 'm-02', 'cred-A'), 'taken');
        assert.equal(await store.bindCredential(ID, 'm-01', 'cred-B'), 'taken');
        assert.equal(await store.bindCredential(ID, 'm-02', 'cred-B'), 'bound');
        // Another election is another credential space.
        assert.equal(await store.bindCredential('other', 'm-03', 'cred-A'), 'bound');
        assert.equal((await store.voter(ID, 'm-01'))?.credential, 'cred-A');
        assert.equal((await store.voter(ID, 'm-02'))?.credential, 'cred-B');
        assert.equal((await store.voter(ID, 'm-03'))?.credential, null);
        await rejectsStore(() => store.bindCredential(ID, 'm-99', 'cred-C'), 'not-found');
      });
    });

    test('concurrent binds through two stores: one credential, two voters — or one voter, two credentials — one bound', async () => {
      await withStore(make, async ({ store, reopen }) => {
        const second = await reopen();
        await election(store);
        const voters = Array.from({ length: 10 }, (_, i) => ({
          voterId: `v-${i}`,
          email: `v-${i}@example.org`,
          name: `Voter ${i}`,
        }));
        await store.addVoters(ID, [...ROLL, ...voters]);
        for (let round = 0; round < 4; round++) {
          const credential = `cred-${round}`;
          const [x, y] = [`v-${2 * round}`, `v-${2 * round + 1}`];
          const results = await Promise.all([
            store.bindCredential(ID, x, credential),
            second.bindCredential(ID, y, credential),
            second.bindCredential(ID, x, credential),
            store.bindCredential(ID, y, credential),
          ]);
          assert.equal(results.filter((r) => r === 'bound').length, 1, `round ${round}: ${results}`);
          const holders = (await store.voters(ID, { limit: 100 })).filter((v) => v.credential === credential);
          assert.equal(holders.length, 1, `round ${round}: ${holders.length} voters hold ${credential}`);
        }
        const results = await Promise.all([
          store.bindCredential(ID, 'm-04', 'cred-x'),
          second.bindCredential(ID, 'm-04', 'cred-y'),
          store.bindCredential(ID, 'm-04', 'cred-z'),
        ]);
        assert.equal(results.filter((r) => r === 'bound').length, 1, `${results}`);
        assert.deepEqual(
          results.filter((r) => r !== 'bound'),
          ['taken', 'taken'],
        );
      });
    });
  });

  describe('login tokens', () => {
    test('a token works once, before it expires, in its own election', async () => {
      await withStore(make, async ({ store }) => {
        await election(store);
        await election(store, 'other');
        await store.addVoters(ID, ROLL);
        await store.createLoginToken(ID, 'm-01', 'hash-1', T1);
        await store.createLoginToken(ID, 'm-02', 'hash-2', T1);
        await store.createLoginToken(ID, 'm-03', 'hash-3', T1);
        assert.equal(await store.consumeLoginToken('other', 'hash-1', T0), undefined);
        assert.equal(await store.consumeLoginToken(ID, 'hash-1', T0), 'm-01');
        assert.equal(await store.consumeLoginToken(ID, 'hash-1', T0), undefined, 'a second use');
        assert.equal(await store.consumeLoginToken(ID, 'hash-2', T1), undefined, 'valid until, not at');
        assert.equal(await store.consumeLoginToken(ID, 'hash-3', T2), undefined, 'expired');
        assert.equal(await store.consumeLoginToken(ID, 'unknown', T0), undefined);
        // Other spellings of a time are the same time.
        await store.createLoginToken(ID, 'm-04', 'hash-4', '2025-03-01T10:15:00+01:00');
        assert.equal(await store.consumeLoginToken(ID, 'hash-4', '2025-03-01T09:14:59.999Z'), 'm-04');
        await store.createLoginToken(ID, 'm-05', 'hash-5', T1);
        await rejectsStore(() => store.createLoginToken(ID, 'm-05', 'hash-5', T2), 'exists');
        await rejectsStore(() => store.createLoginToken(ID, 'm-99', 'hash-6', T1), 'not-found');
        await assert.rejects(() => store.createLoginToken(ID, 'm-05', 'hash-7', 'tomorrow'), RangeError);
      });
    });

    test('one token used by several requests at once, through two stores: exactly one logs in', async () => {
      await withStore(make, async ({ store, reopen }) => {
        const second = await reopen();
        await election(store);
        await store.addVoters(ID, ROLL);
        for (let round = 0; round < 3; round++) {
          await store.createLoginToken(ID, 'm-01', `race-${round}`, T1);
          const results = await Promise.all(
            [store, second, store, second, store, second].map((s) =>
              s.consumeLoginToken(ID, `race-${round}`, T0),
            ),
          );
          assert.deepEqual(
            results.filter((r) => r !== undefined),
            ['m-01'],
            `round ${round}`,
          );
        }
      });
    });
  });

  describe('sessions and organisers', () => {
    test('sessions are read until they expire, and deleted', async () => {
      await withStore(make, async ({ store }) => {
        const voter = {
          kind: 'voter',
          subject: 'm-01',
          election: ID,
          csrf: 'csrf-1',
          expiresAt: T1,
        } as const;
        const admin = {
          kind: 'admin',
          subject: 'returning-officer',
          election: null,
          csrf: 'csrf-2',
          expiresAt: T2,
        } as const;
        await store.createSession('sid-1', voter);
        await store.createSession('sid-2', admin);
        assert.deepEqual(await store.session('sid-1', T0), voter);
        assert.deepEqual(await store.session('sid-2', T1), admin);
        assert.equal(await store.session('sid-1', T1), undefined, 'expired at expiresAt');
        assert.equal(await store.session('sid-1', T2), undefined);
        assert.equal(await store.session('sid-3', T0), undefined);
        await rejectsStore(() => store.createSession('sid-1', admin), 'exists');
        await assert.rejects(() => store.createSession('sid-4', { ...voter, election: null }), TypeError);
        await assert.rejects(() => store.createSession('sid-4', { ...admin, election: ID }), TypeError);
        await store.deleteSession('sid-2');
        assert.equal(await store.session('sid-2', T0), undefined);
        await store.deleteSession('sid-2');
        // Times come back as ISO 8601 UTC, whatever the spelling they were given in.
        await store.createSession('sid-5', { ...admin, expiresAt: '2025-03-01T10:30:00+01:00' });
        assert.equal((await store.session('sid-5', T0))?.expiresAt, T2);
      });
    });

    test('organisers: set, change and read a password hash', async () => {
      await withStore(make, async ({ store }) => {
        assert.equal(await store.adminPasswordHash('ro'), undefined);
        await store.setAdmin('ro', 'scrypt$1');
        await store.setAdmin('scrutineer', 'scrypt$2');
        assert.equal(await store.adminPasswordHash('ro'), 'scrypt$1');
        await store.setAdmin('ro', 'scrypt$3');
        assert.equal(await store.adminPasswordHash('ro'), 'scrypt$3');
        assert.equal(await store.adminPasswordHash('scrutineer'), 'scrypt$2');
        assert.equal(await store.adminPasswordHash('RO'), undefined);
      });
    });
  });
}
