/**
 * Outgoing mail and background jobs in the store conformance suite: each message and each job goes
 * to one claimer even when several claim at once through two stores, and moves queued → sending/
 * running → sent/done or failed (mail: back to queued for another attempt).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateBoardKey } from '../../src/board/tree-head.ts';
import type { Store } from '../../src/store/store.ts';
import { type MakeStore, rejectsStore, withStore } from './harness.ts';

const ID = 'leader-2025';

const mail = (n: number) => ({
  to: `member-${n}@example.org`,
  subject: `Your ballot, ${n}`,
  text: `Dear member ${n}, …`,
  html: `<p>Dear member ${n}, …</p>`,
});

async function withElection(store: Store): Promise<void> {
  await store.createElection({ id: ID, draft: {}, boardSecretKey: generateBoardKey().secretKey });
}

export function queueConformance(make: MakeStore): void {
  describe('outgoing mail', () => {
    test('enqueue, claim in order, sent, failed and retried, and status counts', async () => {
      await withStore(make, async ({ store }) => {
        assert.deepEqual(await store.mailStatus(), { queued: 0, sending: 0, sent: 0, failed: 0 });
        const ids: number[] = [];
        for (let n = 0; n < 4; n++) ids.push(await store.enqueueMail(mail(n)));
        assert.deepEqual(
          ids,
          [...ids].sort((a, b) => a - b),
        );
        assert.equal(new Set(ids).size, 4);
        const first = await store.claimMail(2);
        assert.deepEqual(first, [
          { id: ids[0], ...mail(0), status: 'sending', attempts: 1, error: null },
          { id: ids[1], ...mail(1), status: 'sending', attempts: 1, error: null },
        ]);
        assert.deepEqual(await store.mailStatus(), { queued: 2, sending: 2, sent: 0, failed: 0 });
        await store.markMailSent(ids[0]!);
        await store.markMailFailed(ids[1]!, 'mailbox full', false);
        assert.deepEqual(await store.mailStatus(), { queued: 3, sending: 0, sent: 1, failed: 0 });
        // The retried message comes back in id order, its attempts counted.
        const second = await store.claimMail(10);
        assert.deepEqual(
          second.map((m) => [m.id, m.attempts, m.error]),
          [
            [ids[1], 2, 'mailbox full'],
            [ids[2], 1, null],
            [ids[3], 1, null],
          ],
        );
        await store.markMailFailed(ids[1]!, 'mailbox still full', true);
        await store.markMailSent(ids[2]!);
        await store.markMailSent(ids[3]!);
        assert.deepEqual(await store.claimMail(10), []);
        assert.deepEqual(await store.mailStatus(), { queued: 0, sending: 0, sent: 3, failed: 1 });
        // A sender reports only on a message it holds.
        await rejectsStore(() => store.markMailSent(ids[1]!), 'wrong-status');
        await rejectsStore(() => store.markMailFailed(ids[0]!, 'late', false), 'wrong-status');
        await rejectsStore(() => store.markMailSent(999_999), 'not-found');
        await assert.rejects(() => store.claimMail(0), RangeError);
      });
    });

    test('a message sent or given up keeps no body (login emails carry live links); a retried one keeps it', async () => {
      await withStore(make, async ({ store, raw }) => {
        const ids = [
          await store.enqueueMail(mail(0)),
          await store.enqueueMail(mail(1)),
          await store.enqueueMail(mail(2)),
        ];
        await store.claimMail(3);
        await store.markMailSent(ids[0]!);
        await store.markMailFailed(ids[1]!, 'refused', true);
        await store.markMailFailed(ids[2]!, 'try later', false);
        const rows = await raw('SELECT id, text_body, html_body FROM outgoing_mail ORDER BY id');
        assert.deepEqual(
          rows.map((r) => [Number(r.id), r.text_body, r.html_body]),
          [
            [ids[0], '', ''],
            [ids[1], '', ''],
            [ids[2], mail(2).text, mail(2).html],
          ],
        );
      });
    });

    test('senders claiming at once, through two stores: each message goes to exactly one', async () => {
      await withStore(make, async ({ store, reopen }) => {
        const second = await reopen();
        const ids = new Set<number>();
        for (let n = 0; n < 30; n++) ids.add(await store.enqueueMail(mail(n)));
        const claimed: number[] = [];
        for (;;) {
          const batches = await Promise.all(
            [store, second, store, second, store, second].map((s) => s.claimMail(2)),
          );
          const got = batches.flat();
          if (got.length === 0) break;
          claimed.push(...got.map((m) => m.id));
        }
        assert.equal(claimed.length, 30);
        assert.deepEqual(new Set(claimed), ids);
        assert.deepEqual(await second.mailStatus(), { queued: 0, sending: 30, sent: 0, failed: 0 });
      });
    });
  });

  describe('jobs', () => {
    test('created queued, claimed once by kind in order, progress, then done or failed', async () => {
      await withStore(make, async ({ store }) => {
        await withElection(store);
        const tally = await store.createJob(ID, 'tally', { election: ID });
        const invite1 = await store.createJob(ID, 'invitations', { batch: 1 });
        const invite2 = await store.createJob(ID, 'invitations', { batch: 2 });
        const { createdAt, updatedAt, ...created } = (await store.job(tally))!;
        assert.deepEqual(created, {
          id: tally,
          election: ID,
          kind: 'tally',
          payload: { election: ID },
          status: 'queued',
          progress: 0,
          result: null,
          error: null,
        });
        assert.equal(new Date(createdAt).toISOString(), createdAt);
        assert.equal(updatedAt, createdAt);
        assert.equal(await store.claimJob('mixnet'), undefined);
        const claimed = await store.claimJob('invitations');
        assert.equal(claimed?.id, invite1);
        assert.equal(claimed?.status, 'running');
        assert.deepEqual(claimed?.payload, { batch: 1 });
        assert.equal((await store.claimJob('invitations'))?.id, invite2);
        assert.equal(await store.claimJob('invitations'), undefined);

        await store.updateJob(invite1, 0.25);
        assert.equal((await store.job(invite1))?.progress, 0.25);
        await assert.rejects(() => store.updateJob(invite1, 1.5), RangeError);
        await assert.rejects(() => store.updateJob(invite1, Number.NaN), RangeError);
        await store.finishJob(invite1, { result: { sent: 1200, failed: 3 } });
        const done = await store.job(invite1);
        assert.equal(done?.status, 'done');
        assert.equal(done?.progress, 1);
        assert.deepEqual(done?.result, { sent: 1200, failed: 3 });
        await store.finishJob(invite2, { error: 'the mail server refused the login' });
        const failed = await store.job(invite2);
        assert.equal(failed?.status, 'failed');
        assert.equal(failed?.error, 'the mail server refused the login');
        assert.equal(failed?.result, null);
        // Only a running job reports progress or finishes.
        await rejectsStore(() => store.updateJob(invite1, 0.5), 'wrong-status');
        await rejectsStore(() => store.finishJob(invite2, { result: 1 }), 'wrong-status');
        await rejectsStore(() => store.updateJob(tally, 0.5), 'wrong-status');
        await rejectsStore(() => store.updateJob(999_999, 0.5), 'not-found');
        assert.equal(await store.job(999_999), undefined);
        await rejectsStore(() => store.createJob('nobody', 'tally', {}), 'not-found');
      });
    });

    test('workers claiming at once, through two stores: each job goes to exactly one', async () => {
      await withStore(make, async ({ store, reopen }) => {
        const second = await reopen();
        await withElection(store);
        const ids = new Set<number>();
        for (let n = 0; n < 8; n++) ids.add(await store.createJob(ID, 'tally', { n }));
        const claims = await Promise.all(
          Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? store : second).claimJob('tally')),
        );
        const claimed = claims.filter((j) => j !== undefined).map((j) => j.id);
        assert.equal(claimed.length, 8);
        assert.deepEqual(new Set(claimed), ids);
      });
    });
  });
}
