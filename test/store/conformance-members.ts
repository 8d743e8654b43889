/**
 * The organiser console's storage in the store conformance suite: each voter's invitation and last
 * email outcome (recorded all or nothing, filtered and counted), invitation tokens that work until they
 * expire and are replaced by a newer invitation, an election's jobs by kind, the membership roll's file
 * in chunks with its import moved by compare-and-set (using it deletes the file), and the decisions log.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateBoardKey } from '../../src/board/tree-head.ts';
import type { MailOutcome, Store } from '../../src/store/store.ts';
import { collect, type MakeStore, rejectsStore, withStore } from './harness.ts';

const ID = 'leader-2025';
const T0 = '2025-03-01T09:00:00.000Z';
const T1 = '2025-03-01T09:15:00.000Z';
const T2 = '2025-03-01T09:30:00.000Z';

const ROLL = ['m-01', 'm-02', 'm-03', 'm-04', 'm-05'].map((voterId) => ({
  voterId,
  email: `${voterId}@example.org`,
  name: `Member ${voterId}`,
}));

async function election(store: Store, id = ID): Promise<void> {
  await store.createElection({ id, draft: {}, boardSecretKey: generateBoardKey().secretKey });
  await store.addVoters(id, ROLL);
}

const sent = (voterId: string, at: string, kind: MailOutcome['kind'] = 'invitation'): MailOutcome => ({
  voterId,
  kind,
  status: 'sent',
  error: null,
  at,
});
const failed = (voterId: string, at: string, error: string, kind: MailOutcome['kind'] = 'invitation') => ({
  voterId,
  kind,
  status: 'failed' as const,
  error,
  at,
});

const ids = (voters: readonly { voterId: string }[]) => voters.map((v) => v.voterId);
const bytesOf = (text: string) => new TextEncoder().encode(text);

export function membersConformance(make: MakeStore): void {
  describe('invitations', () => {
    test('each voter keeps when an invitation reached the mail server and the last email’s outcome', async () => {
      await withStore(make, async ({ store }) => {
        await election(store);
        await election(store, 'other');
        assert.deepEqual(await store.invitationCounts(ID), { total: 5, invited: 0, failed: 0, voted: 0 });
        await store.recordMail(ID, [
          sent('m-01', T0),
          failed('m-02', T0, '550 5.1.1 mailbox unavailable'),
          sent('m-03', '2025-03-01T10:00:00+01:00'),
        ]);
        const m1 = await store.voter(ID, 'm-01');
        assert.equal(m1?.invitedAt, T0);
        assert.deepEqual(m1?.mail, { kind: 'invitation', status: 'sent', error: null, at: T0 });
        const m2 = await store.voter(ID, 'm-02');
        assert.equal(m2?.invitedAt, null, 'a failed invitation did not reach the mail server');
        assert.deepEqual(m2?.mail, {
          kind: 'invitation',
          status: 'failed',
          error: '550 5.1.1 mailbox unavailable',
          at: T0,
        });
        assert.equal((await store.voter(ID, 'm-03'))?.invitedAt, T0, 'times are stored in one form');
        assert.equal((await store.voter(ID, 'm-04'))?.mail, null);
        assert.deepEqual(ids(await store.voters(ID, { notInvited: true })), ['m-02', 'm-04', 'm-05']);
        assert.deepEqual(ids(await store.voters(ID, { mailFailed: true })), ['m-02']);
        assert.deepEqual(await store.invitationCounts(ID), { total: 5, invited: 2, failed: 1, voted: 0 });

        // Retried: the failure is gone. A reminder that fails keeps the invitation's time.
        await store.recordMail(ID, [sent('m-02', T1), failed('m-01', T2, 'connection refused', 'reminder')]);
        assert.equal((await store.voter(ID, 'm-02'))?.invitedAt, T1);
        const reminded = await store.voter(ID, 'm-01');
        assert.equal(reminded?.invitedAt, T0);
        assert.deepEqual(reminded?.mail, {
          kind: 'reminder',
          status: 'failed',
          error: 'connection refused',
          at: T2,
        });
        await store.recordMail(ID, [sent('m-04', T2, 'reminder')]);
        assert.equal((await store.voter(ID, 'm-04'))?.invitedAt, null, 'a reminder is not an invitation');
        await store.markVoted(ID, 'm-03', T2);
        assert.deepEqual(ids(await store.voters(ID, { mailFailed: true })), ['m-01']);
        assert.deepEqual(ids(await store.voters(ID, { notInvited: true, notVoted: true })), ['m-04', 'm-05']);
        assert.deepEqual(ids(await store.voters(ID, { notInvited: true, after: 'm-04' })), ['m-05']);
        assert.deepEqual(await store.invitationCounts(ID), { total: 5, invited: 3, failed: 1, voted: 1 });
        assert.deepEqual(await store.invitationCounts('other'), {
          total: 5,
          invited: 0,
          failed: 0,
          voted: 0,
        });
        assert.deepEqual(await store.invitationCounts('nobody'), {
          total: 0,
          invited: 0,
          failed: 0,
          voted: 0,
        });
      });
    });

    test('outcomes are recorded all or nothing, one per voter, a failure with the mail server’s words', async () => {
      await withStore(make, async ({ store }) => {
        await election(store);
        await rejectsStore(() => store.recordMail(ID, [sent('m-04', T0), sent('m-99', T0)]), 'not-found');
        assert.equal((await store.voter(ID, 'm-04'))?.mail, null, 'nothing of the batch was recorded');
        await assert.rejects(() => store.recordMail(ID, [sent('m-01', T0), sent('m-01', T1)]), TypeError);
        await assert.rejects(() => store.recordMail(ID, [{ ...sent('m-01', T0), error: 'no' }]), TypeError);
        await assert.rejects(() => store.recordMail(ID, [failed('m-01', T0, '')]), TypeError);
        await assert.rejects(() => store.recordMail(ID, [sent('m-01', 'tomorrow')]), RangeError);
        await store.recordMail(ID, []);
        await store.recordMail(ID, [failed('m-05', T0, 'x'.repeat(5000))]);
        assert.equal((await store.voter(ID, 'm-05'))?.mail?.error, 'x'.repeat(1000), 'long words are cut');
        assert.deepEqual(await store.invitationCounts(ID), { total: 5, invited: 0, failed: 1, voted: 0 });
      });
    });

    test('an invitation’s token works any number of times until it expires; a login email’s once', async () => {
      await withStore(make, async ({ store }) => {
        await election(store);
        await election(store, 'other');
        await store.addInvitationTokens(
          ID,
          [
            { voterId: 'm-01', tokenHash: 'inv-1', expiresAt: T2 },
            { voterId: 'm-02', tokenHash: 'inv-2', expiresAt: '2025-03-01T10:30:00+01:00' },
          ],
          { replace: true },
        );
        assert.equal(await store.consumeLoginToken(ID, 'inv-1', T0), 'm-01');
        assert.equal(await store.consumeLoginToken(ID, 'inv-1', T1), 'm-01', 'used again');
        assert.equal(await store.consumeLoginToken(ID, 'inv-1', T2), undefined, 'valid until, not at');
        assert.equal(await store.consumeLoginToken('other', 'inv-2', T0), undefined, 'another election');
        await store.createLoginToken(ID, 'm-01', 'login-1', T2);
        assert.equal(await store.consumeLoginToken(ID, 'login-1', T0), 'm-01');
        assert.equal(
          await store.consumeLoginToken(ID, 'login-1', T0),
          undefined,
          'a login email’s works once',
        );

        // A new invitation replaces the voter's earlier ones; without `replace` both work.
        await store.addInvitationTokens(ID, [{ voterId: 'm-01', tokenHash: 'inv-1b', expiresAt: T2 }], {
          replace: true,
        });
        assert.equal(await store.consumeLoginToken(ID, 'inv-1', T0), undefined, 'replaced');
        assert.equal(await store.consumeLoginToken(ID, 'inv-1b', T0), 'm-01');
        assert.equal(await store.consumeLoginToken(ID, 'inv-2', T1), 'm-02', 'other voters keep theirs');
        await store.addInvitationTokens(ID, [{ voterId: 'm-01', tokenHash: 'inv-1c', expiresAt: T2 }], {
          replace: false,
        });
        assert.equal(await store.consumeLoginToken(ID, 'inv-1b', T0), 'm-01');
        assert.equal(await store.consumeLoginToken(ID, 'inv-1c', T0), 'm-01');
        // Replacing invitations leaves a login email's token alone.
        await store.createLoginToken(ID, 'm-01', 'login-2', T2);
        await store.addInvitationTokens(ID, [{ voterId: 'm-01', tokenHash: 'inv-1d', expiresAt: T2 }], {
          replace: true,
        });
        assert.equal(await store.consumeLoginToken(ID, 'login-2', T0), 'm-01');
        assert.equal(await store.consumeLoginToken(ID, 'inv-1c', T0), undefined);
      });
    });

    test('invitation tokens are stored all or none; several requests with one token all log in', async () => {
      await withStore(make, async ({ store, reopen }) => {
        const second = await reopen();
        await election(store);
        await store.addInvitationTokens(ID, [{ voterId: 'm-01', tokenHash: 'kept', expiresAt: T2 }], {
          replace: false,
        });
        const batch = [
          { voterId: 'm-01', tokenHash: 'new-1', expiresAt: T2 },
          { voterId: 'm-04', tokenHash: 'new-4', expiresAt: T2 },
          { voterId: 'm-99', tokenHash: 'new-99', expiresAt: T2 },
        ];
        await rejectsStore(() => store.addInvitationTokens(ID, batch, { replace: true }), 'not-found');
        assert.equal(await store.consumeLoginToken(ID, 'new-4', T0), undefined, 'nothing of the batch');
        assert.equal(await store.consumeLoginToken(ID, 'kept', T0), 'm-01', 'nothing was replaced');
        await rejectsStore(
          () =>
            store.addInvitationTokens(ID, [{ voterId: 'm-02', tokenHash: 'kept', expiresAt: T2 }], {
              replace: false,
            }),
          'exists',
        );
        await assert.rejects(
          () =>
            store.addInvitationTokens(ID, [batch[0]!, { ...batch[0]!, tokenHash: 'again' }], {
              replace: true,
            }),
          TypeError,
        );
        await assert.rejects(
          () =>
            store.addInvitationTokens(ID, [{ voterId: 'm-02', tokenHash: 'x', expiresAt: 'soon' }], {
              replace: true,
            }),
          RangeError,
        );
        const results = await Promise.all(
          [store, second, store, second].map((s) => s.consumeLoginToken(ID, 'kept', T0)),
        );
        assert.deepEqual(results, ['m-01', 'm-01', 'm-01', 'm-01']);
      });
    });
  });

  describe('jobs of an election', () => {
    test('listed by kind, newest first; a claim or progress moves their time', async () => {
      await withStore(make, async ({ store }) => {
        await election(store);
        await election(store, 'other');
        const a = await store.createJob(ID, 'invitations', { n: 1 });
        const audit = await store.createJob(ID, 'roll-audit', {});
        const b = await store.createJob(ID, 'invitations', { n: 2 });
        const c = await store.createJob(ID, 'invitations', { n: 3 });
        await store.createJob('other', 'invitations', {});
        assert.deepEqual(
          (await store.jobs(ID, 'invitations')).map((j) => j.id),
          [c, b, a],
        );
        assert.deepEqual(
          (await store.jobs(ID, 'invitations', 2)).map((j) => j.id),
          [c, b],
        );
        assert.deepEqual(
          (await store.jobs(ID, 'roll-audit')).map((j) => j.id),
          [audit],
        );
        assert.deepEqual(await store.jobs('nobody', 'invitations'), []);
        await assert.rejects(() => store.jobs(ID, 'invitations', 0), RangeError);
        const created = (await store.job(a))!;
        await new Promise((r) => setTimeout(r, 5));
        const claimed = (await store.claimJob('invitations'))!;
        assert.equal(claimed.id, a);
        assert.equal(claimed.createdAt, created.createdAt);
        assert.ok(claimed.updatedAt > created.updatedAt, 'the claim is a change');
        await new Promise((r) => setTimeout(r, 5));
        await store.updateJob(a, 0.5);
        assert.ok((await store.job(a))!.updatedAt > claimed.updatedAt, 'progress is a change');
      });
    });
  });

  describe('roll imports', () => {
    test('the file is stored in chunks and read back in order; the import moves by compare-and-set', async () => {
      await withStore(make, async ({ store }) => {
        await election(store);
        await rejectsStore(() => store.createRollImport('nobody', 'roll.csv'), 'not-found');
        assert.equal(await store.rollImport(ID), undefined);
        const id = await store.createRollImport(ID, 'members.csv');
        const started = await store.rollImport(ID);
        assert.deepEqual(
          { ...started, createdAt: undefined, updatedAt: undefined },
          {
            id,
            election: ID,
            status: 'uploading',
            name: 'members.csv',
            size: 0,
            sha256: null,
            preview: null,
            audit: null,
            problem: null,
            used: null,
            createdAt: undefined,
            updatedAt: undefined,
          },
        );
        await store.addRollChunk(id, 1, bytesOf('2,Bo\n'));
        await store.addRollChunk(id, 0, bytesOf('id,name\n1,Ada\n'));
        await store.addRollChunk(id, 5, bytesOf('3,Cy\n'));
        const chunks = await collect(store.rollChunks(id));
        assert.ok(chunks.every((c) => c instanceof Uint8Array && !Buffer.isBuffer(c)));
        assert.equal(Buffer.concat(chunks).toString(), 'id,name\n1,Ada\n2,Bo\n3,Cy\n');
        await rejectsStore(() => store.addRollChunk(id, 1, bytesOf('again')), 'exists');
        await assert.rejects(() => store.addRollChunk(id, 2, new Uint8Array(0)), RangeError);
        await assert.rejects(() => store.addRollChunk(id, -1, bytesOf('x')), RangeError);
        await rejectsStore(() => store.addRollChunk(999_999, 0, bytesOf('x')), 'not-found');

        assert.equal(await store.updateRollImport(id, ['uploaded'], { status: 'audited' }), false);
        const preview = { encoding: 'utf-8', headers: ['id', 'name'] };
        assert.equal(
          await store.updateRollImport(id, ['uploading'], {
            status: 'uploaded',
            size: 24,
            sha256: 'ab'.repeat(32),
            preview,
          }),
          true,
        );
        await rejectsStore(() => store.addRollChunk(id, 6, bytesOf('late')), 'wrong-status');
        const audit = { report: { members: 3 } };
        assert.equal(
          await store.updateRollImport(id, ['uploaded', 'audited'], {
            status: 'audited',
            audit,
            problem: null,
          }),
          true,
        );
        let read = await store.rollImport(ID);
        assert.deepEqual([read?.status, read?.size, read?.sha256], ['audited', 24, 'ab'.repeat(32)]);
        assert.deepEqual([read?.preview, read?.audit, read?.problem], [preview, audit, null]);
        const problem = { code: 'invalid-rows', rowErrors: [{ line: 3, message: 'bad' }] };
        await store.updateRollImport(id, ['uploaded', 'audited'], {
          status: 'uploaded',
          audit: null,
          problem,
        });
        read = await store.rollImport(ID);
        assert.deepEqual(
          [read?.status, read?.preview, read?.audit, read?.problem],
          ['uploaded', preview, null, problem],
        );
        assert.equal(await store.updateRollImport(999_999, ['uploaded'], { status: 'audited' }), false);
      });
    });

    test('a new upload replaces the import and its file; a used roll is kept, its file deleted', async () => {
      await withStore(make, async ({ store, raw }) => {
        await election(store);
        const first = await store.createRollImport(ID, 'first.csv');
        await store.addRollChunk(first, 0, bytesOf('id\n1\n'));
        const second = await store.createRollImport(ID, 'second.csv');
        assert.notEqual(second, first);
        assert.equal((await store.rollImport(ID))?.name, 'second.csv');
        assert.deepEqual(await collect(store.rollChunks(first)), []);
        assert.equal(
          Number((await raw(`SELECT count(*) AS n FROM roll_chunks WHERE roll_import = ${first}`))[0]?.n),
          0,
        );
        await store.addRollChunk(second, 0, bytesOf('id\n2\n'));
        await store.updateRollImport(second, ['uploading'], {
          status: 'uploaded',
          size: 5,
          sha256: 'cd'.repeat(32),
        });
        await store.updateRollImport(second, ['uploaded'], { status: 'audited', audit: { ok: true } });
        assert.equal(await store.updateRollImport(second, ['audited'], { status: 'using' }), true);
        assert.equal(await store.updateRollImport(second, ['audited'], { status: 'using' }), false, 'once');
        await rejectsStore(() => store.createRollImport(ID, 'third.csv'), 'wrong-status');
        assert.equal(await store.deleteRollImport(second), false);
        assert.equal(
          await store.updateRollImport(second, ['using'], { status: 'used', used: { voters: 1 } }),
          true,
        );
        const used = await store.rollImport(ID);
        assert.deepEqual([used?.status, used?.audit, used?.used], ['used', { ok: true }, { voters: 1 }]);
        assert.deepEqual(await collect(store.rollChunks(second)), [], 'the file of a used roll is deleted');
        await rejectsStore(() => store.createRollImport(ID, 'third.csv'), 'wrong-status');
        assert.equal(await store.deleteRollImport(second), false);
        assert.equal((await store.rollImport(ID))?.id, second);
      });
    });

    test('a failed upload is deleted with its file; uploads started at once through two stores leave one', async () => {
      await withStore(make, async ({ store, reopen }) => {
        const other = await reopen();
        await election(store);
        const id = await store.createRollImport(ID, 'broken.csv');
        await store.addRollChunk(id, 0, bytesOf('\u0000\u0001'));
        assert.equal(await store.deleteRollImport(id), true);
        assert.equal(await store.rollImport(ID), undefined);
        assert.deepEqual(await collect(store.rollChunks(id)), []);
        assert.equal(await store.deleteRollImport(id), false);
        const outcomes = await Promise.allSettled(
          [store, other, store, other].map((s, i) => s.createRollImport(ID, `upload-${i}.csv`)),
        );
        for (const o of outcomes) {
          if (o.status === 'rejected') assert.equal((o.reason as { code?: string }).code, 'exists');
        }
        const made = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
        assert.ok(made.length >= 1);
        const current = await store.rollImport(ID);
        assert.ok(current !== undefined && made.includes(current.id), 'one of the uploads is the import');
      });
    });

    test('decisions on findings are a log per election, oldest first', async () => {
      await withStore(make, async ({ store }) => {
        await election(store);
        await election(store, 'other');
        const decision = (findingId: string, decision: 'confirm' | 'dismiss', decidedAt: string) => ({
          findingId,
          decision,
          note: `${decision} ${findingId}`,
          decidedAt,
          decidedBy: 'returning-officer',
        });
        assert.deepEqual(await store.rollDecisions(ID), []);
        await store.addRollDecision(ID, decision('ac18517708b8d54a', 'confirm', T0));
        await store.addRollDecision('other', decision('0123456789abcdef', 'dismiss', T0));
        await store.addRollDecision(ID, decision('0123456789abcdef', 'dismiss', '2025-03-01T10:15:00+01:00'));
        await store.addRollDecision(ID, decision('ac18517708b8d54a', 'dismiss', T2));
        assert.deepEqual(await store.rollDecisions(ID), [
          decision('ac18517708b8d54a', 'confirm', T0),
          decision('0123456789abcdef', 'dismiss', T1),
          decision('ac18517708b8d54a', 'dismiss', T2),
        ]);
        assert.equal((await store.rollDecisions('other')).length, 1);
        await rejectsStore(
          () => store.addRollDecision('nobody', decision('ac18517708b8d54a', 'confirm', T0)),
          'not-found',
        );
        await assert.rejects(() => store.addRollDecision(ID, decision('not-hex', 'confirm', T0)), TypeError);
        await assert.rejects(
          () =>
            store.addRollDecision(ID, {
              ...decision('ac18517708b8d54a', 'confirm', T0),
              decision: 'keep' as 'confirm',
            }),
          TypeError,
        );
      });
    });
  });
}
