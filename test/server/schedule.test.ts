/**
 * Scheduled opening and closing (SPEC.md §19.1) against a real server whose clock the test sets: the
 * organiser's route and its refusals (no login, an unknown election, the wrong phase, a time already
 * passed, a malformed body), the schedule in the dashboard's view; voting opened at `opensAt` and not
 * a moment before, closed at `closesAt`, nothing done without a schedule; the organiser's button and
 * the scheduler at the same moment, and two server nodes' schedulers, leave exactly one `open` event on
 * the board; a failure is logged without its stack and the step taken at the next tick; the timer
 * ticks by itself, and stops with the server.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { api } from '../../src/cli/http-election.ts';
import { type ScheduledOutcome, Scheduler, type SchedulerLog } from '../../src/server/console/scheduler.ts';
import { Runtimes } from '../../src/server/runtime.ts';
import { StoreError } from '../../src/store/errors.ts';
import type { Store } from '../../src/store/store.ts';
import { readyElection, type ScheduleServer, startScheduleServer } from '../support/schedule-server.ts';
import { draftElection } from '../web/fixtures.ts';
import { call, group, refused } from './fixtures.ts';

const MINUTE = 60_000;
const T0 = Date.now();
const OPENS = new Date(T0 + 10 * MINUTE);
const CLOSES = new Date(T0 + 20 * MINUTE);
/** The server's clock: the test moves it. */
let clock = new Date(T0);

let server: ScheduleServer;

before(async () => {
  // The timer never fires on its own here (an hour): each test ticks the scheduler itself.
  server = await startScheduleServer({ now: () => clock, scheduleSeconds: 3600 });
});
after(async () => {
  await server?.dispose();
});
beforeEach(() => {
  clock = new Date(T0);
});

const path = (id: string) => `/api/admin/elections/${id}`;
const admin = <T>(method: string, url: string, body?: unknown) =>
  api<T>(server.baseUrl, method, url, server.adminToken, body);
const schedule = (id: string, body: unknown) =>
  call(server.app, 'POST', `${path(id)}/schedule`, server.adminToken, body);
const statusOf = async (id: string) => (await server.store.election(id))!.status;
/** The board's events of one type. */
async function eventsOf(id: string, type: string): Promise<number> {
  const { events } = await admin<{ events: { type: string }[] }>(
    'GET',
    `/api/elections/${id}/board/events?limit=500`,
  );
  return events.filter((e) => e.type === type).length;
}
/** An election ready to open at OPENS, closing at CLOSES (or the times given). */
async function ready(id: string, times: { opensAt?: Date; closesAt?: Date } = {}): Promise<void> {
  await readyElection(
    server,
    draftElection({
      id,
      opensAt: (times.opensAt ?? OPENS).toISOString(),
      closesAt: (times.closesAt ?? CLOSES).toISOString(),
    }),
  );
}
const mine = (outcomes: ScheduledOutcome[], id: string) => outcomes.filter((o) => o.election === id);

describe('the schedule route', () => {
  test('refusals: no login, an unknown election, a draft, a malformed body; nothing stored', async () => {
    await ready('refusals');
    refused(
      await call(server.app, 'POST', `${path('refusals')}/schedule`, undefined, { open: true, close: true }),
      401,
      'login-required',
    );
    refused(await schedule('no-such-election', { open: true, close: true }), 404, 'unknown-election');
    for (const body of [
      { open: true },
      { open: true, close: true, at: 'noon' },
      { open: 'soon', close: false },
      [],
    ])
      refused(await schedule('refusals', body), 400, 'malformed', JSON.stringify(body));
    await admin('POST', '/api/elections', { definition: draftElection({ id: 'still-a-draft' }) });
    refused(await schedule('still-a-draft', { open: true, close: true }), 409, 'out-of-phase', 'a draft');
    await admin('POST', '/api/elections/still-a-draft/setup');
    refused(
      await schedule('still-a-draft', { open: true, close: true }),
      409,
      'out-of-phase',
      'the key ceremony',
    );
    const view = await admin<{ schedule: unknown }>('GET', path('refusals'));
    assert.deepEqual(view.schedule, { open: false, close: false }, 'nothing was scheduled');
  });

  test('a time that has passed cannot be newly scheduled; the schedule is in the dashboard’s view', async () => {
    await ready('late', { opensAt: new Date(T0 - MINUTE) });
    refused(
      await schedule('late', { open: true, close: false }),
      409,
      'time-passed',
      'opening after opensAt',
    );
    const saved = await schedule('late', { open: false, close: true });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.deepEqual(saved.json(), {
      status: 'ready',
      schedule: { open: false, close: true },
      opensAt: new Date(T0 - MINUTE).toISOString(),
      closesAt: CLOSES.toISOString(),
    });
    assert.deepEqual((await admin<{ schedule: unknown }>('GET', path('late'))).schedule, {
      open: false,
      close: true,
    });
    // After its time, closing may be kept (it is due) but not turned on anew.
    clock = new Date(CLOSES.getTime() + MINUTE);
    assert.equal((await schedule('late', { open: false, close: true })).statusCode, 200, 'kept');
    assert.equal((await schedule('late', { open: false, close: false })).statusCode, 200, 'turned off');
    refused(
      await schedule('late', { open: false, close: true }),
      409,
      'time-passed',
      'closing after closesAt',
    );
  });
});

describe('the scheduler, with the server’s clock set by the test', () => {
  test('opens at opensAt and not a moment before; closes at closesAt and not before', async () => {
    await ready('on-time');
    assert.equal((await schedule('on-time', { open: true, close: true })).statusCode, 200);
    clock = new Date(OPENS.getTime() - 1);
    assert.deepEqual(mine(await server.scheduler.tick(), 'on-time'), []);
    assert.equal(await statusOf('on-time'), 'ready', 'a millisecond early: still ready');
    clock = OPENS;
    assert.deepEqual(mine(await server.scheduler.tick(), 'on-time'), [
      { election: 'on-time', step: 'open', outcome: 'done' },
    ]);
    assert.equal(await statusOf('on-time'), 'open');
    assert.equal(await eventsOf('on-time', 'open'), 1);

    clock = new Date(CLOSES.getTime() - 1);
    assert.deepEqual(mine(await server.scheduler.tick(), 'on-time'), []);
    assert.equal(await statusOf('on-time'), 'open', 'a millisecond early: still open');
    clock = CLOSES;
    assert.deepEqual(mine(await server.scheduler.tick(), 'on-time'), [
      { election: 'on-time', step: 'close', outcome: 'done' },
    ]);
    assert.equal(await statusOf('on-time'), 'closed');
    assert.equal(await eventsOf('on-time', 'close'), 1);
    // A closed election is left alone, and can no longer be scheduled.
    assert.deepEqual(mine(await server.scheduler.tick(), 'on-time'), []);
    refused(await schedule('on-time', { open: false, close: true }), 409, 'out-of-phase', 'closed');
  });

  test('without a schedule (or with it turned off again), nothing happens at the times', async () => {
    await ready('by-hand');
    await ready('changed-mind');
    assert.equal((await schedule('changed-mind', { open: true, close: true })).statusCode, 200);
    assert.equal((await schedule('changed-mind', { open: false, close: false })).statusCode, 200);
    clock = new Date(OPENS.getTime() + MINUTE);
    const outcomes = await server.scheduler.tick();
    assert.deepEqual([...mine(outcomes, 'by-hand'), ...mine(outcomes, 'changed-mind')], []);
    assert.equal(await statusOf('by-hand'), 'ready');
    assert.equal(await statusOf('changed-mind'), 'ready');
    // Opened by hand, with closing scheduled for neither: still open after closesAt.
    await admin('POST', '/api/elections/by-hand/open');
    clock = new Date(CLOSES.getTime() + MINUTE);
    assert.deepEqual(mine(await server.scheduler.tick(), 'by-hand'), []);
    assert.equal(await statusOf('by-hand'), 'open');
  });

  test('a period that ended while the server was down is not opened by itself', async () => {
    await ready('missed');
    assert.equal((await schedule('missed', { open: true, close: true })).statusCode, 200);
    clock = new Date(CLOSES.getTime() + MINUTE);
    assert.deepEqual(mine(await server.scheduler.tick(), 'missed'), []);
    assert.equal(await statusOf('missed'), 'ready');
  });

  test('the organiser’s button and the scheduler at the same moment: one `open` event, no error', async () => {
    await ready('race');
    assert.equal((await schedule('race', { open: true, close: false })).statusCode, 200);
    clock = OPENS;
    const [button, outcomes] = await Promise.all([
      call(server.app, 'POST', '/api/elections/race/open', server.adminToken),
      server.scheduler.tick(),
    ]);
    const [scheduled] = mine(outcomes, 'race');
    assert.ok(
      scheduled && scheduled.outcome !== 'failed',
      `the scheduler did not fail: ${JSON.stringify(scheduled)}`,
    );
    if (button.statusCode === 200) assert.equal(scheduled.outcome, 'already', 'the button was first');
    else {
      refused(button, 409, 'out-of-phase', 'the scheduler was first');
      assert.equal(scheduled.outcome, 'done');
    }
    assert.equal(await eventsOf('race', 'open'), 1, 'exactly one open event');
  });

  test('two server nodes’ schedulers at the same moment: one `open` event, one of them did it', async () => {
    await ready('two-nodes');
    assert.equal((await schedule('two-nodes', { open: true, close: false })).statusCode, 200);
    // The other node: its own runtimes over the same store, its own scheduler, the same clock.
    const other = new Scheduler({
      store: server.store,
      runtimes: new Runtimes(server.store, group),
      log: { info() {}, warn() {} },
      now: () => clock,
      intervalMs: 3_600_000,
    });
    clock = OPENS;
    try {
      const both = (await Promise.all([server.scheduler.tick(), other.tick()])).flatMap((o) =>
        mine(o, 'two-nodes'),
      );
      assert.deepEqual(both.map((o) => o.outcome).sort(), ['already', 'done'], JSON.stringify(both));
      assert.equal(await eventsOf('two-nodes', 'open'), 1, 'exactly one open event');
      assert.equal(await statusOf('two-nodes'), 'open');
    } finally {
      await other.stop();
    }
  });

  test('a failure is logged (code and message, no stack) and the step taken at the next tick', async () => {
    await ready('flaky');
    assert.equal((await schedule('flaky', { open: true, close: false })).statusCode, 200);
    let failures = 1;
    // The store as a node sees it when its database hiccups once as the step is appended.
    const flaky = new Proxy(server.store, {
      get(target, name, receiver) {
        if (name === 'append' && failures > 0)
          return async () => {
            failures--;
            throw new StoreError('unavailable', 'the database is busy');
          };
        const value = Reflect.get(target, name, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Store;
    const warnings: object[] = [];
    const log: SchedulerLog = { info() {}, warn: (details) => void warnings.push(details) };
    const scheduler = new Scheduler({
      store: flaky,
      runtimes: new Runtimes(flaky, group),
      log,
      now: () => clock,
      intervalMs: 3_600_000,
    });
    clock = OPENS;
    try {
      assert.deepEqual(mine(await scheduler.tick(), 'flaky'), [
        { election: 'flaky', step: 'open', outcome: 'failed' },
      ]);
      assert.deepEqual(warnings, [
        { election: 'flaky', step: 'open', code: 'unavailable', message: 'the database is busy' },
      ]);
      assert.equal(await statusOf('flaky'), 'ready', 'nothing was appended');
      assert.deepEqual(mine(await scheduler.tick(), 'flaky'), [
        { election: 'flaky', step: 'open', outcome: 'done' },
      ]);
      assert.equal(await statusOf('flaky'), 'open');
      assert.equal(await eventsOf('flaky', 'open'), 1, 'exactly one open event');
    } finally {
      await scheduler.stop();
    }
  });
});

describe('the scheduler’s timer', () => {
  test('ticks by itself, and stops when the server closes', async () => {
    let now = new Date(T0);
    const own = await startScheduleServer({ now: () => now, scheduleSeconds: 0.05 });
    try {
      await readyElection(
        own,
        draftElection({ id: 'timed', opensAt: OPENS.toISOString(), closesAt: CLOSES.toISOString() }),
      );
      await api(own.baseUrl, 'POST', `${path('timed')}/schedule`, own.adminToken, {
        open: true,
        close: true,
      });
      now = OPENS;
      const deadline = Date.now() + 20_000;
      while ((await own.store.election('timed'))!.status !== 'open') {
        assert.ok(Date.now() < deadline, 'opened by the timer within 20 s');
        await new Promise((r) => setTimeout(r, 50));
      }
      await own.close();
      const ticks = own.scheduler.ticks;
      now = new Date(CLOSES.getTime() + MINUTE);
      await new Promise((r) => setTimeout(r, 500)); // ten intervals
      assert.equal(own.scheduler.ticks, ticks, 'no tick after the server closed');
      assert.deepEqual(await own.scheduler.tick(), [], 'a tick asked for after closing does nothing');
      assert.equal(
        (await own.store.election('timed'))!.status,
        'open',
        'not closed after the server stopped',
      );
    } finally {
      await own.dispose();
    }
  });
});
