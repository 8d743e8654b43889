/**
 * For the tests of scheduled opening and closing: a real server (a fresh SQLite file, a free port of
 * 127.0.0.1, the built pages) whose clock and scheduler interval the test sets, with its scheduler at
 * hand; and an election brought to `ready` through the HTTP API (draft, setup, the trustees' ceremony
 * from Node, the credential authority's list), not opened. No mail: nobody logs in by email here.
 * Not a test file.
 *
 * @example
 * ```ts
 * let clock = new Date();
 * const server = await startScheduleServer({ now: () => clock, scheduleSeconds: 3600 });
 * await readyElection(server, draftElection({ id: 'council-2026', opensAt, closesAt }));
 * await server.scheduler.tick();
 * ```
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { api } from '../../src/cli/http-election.ts';
import type { ElectionDefinition } from '../../src/protocol/definition.ts';
import { buildServer } from '../../src/server/app.ts';
import { createAdminToken } from '../../src/server/auth.ts';
import type { Config } from '../../src/server/config.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { Scheduler } from '../../src/server/console/scheduler.ts';
import type { Runtimes } from '../../src/server/runtime.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { ADMIN, group } from '../server/fixtures.ts';
import { keyCeremony } from './console-trustees.ts';
import { issueElectorate } from './voting.ts';

export interface ScheduleServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly runtimes: Runtimes;
  readonly scheduler: Scheduler;
  readonly baseUrl: string;
  /** An organiser's bearer token (valid for a day of the real clock). */
  readonly adminToken: string;
  /** Closes the app (and with it the scheduler); the store stays open until `dispose`. */
  close(): Promise<void>;
  /** Closes the app if still open, then the store, and removes its file. */
  dispose(): Promise<void>;
}

export interface ScheduleServerOptions {
  /** How often the scheduler looks, in seconds. */
  readonly scheduleSeconds: number;
  /** The server's clock (default: the real one). */
  readonly now?: () => Date;
  readonly logLevel?: Config['logLevel'];
}

/** The server, listening, with the scheduler started as buildServer starts it. */
export async function startScheduleServer(o: ScheduleServerOptions): Promise<ScheduleServer> {
  const dir = mkdtempSync(join(tmpdir(), 'psephos-schedule-'));
  const store = await openStore(`sqlite:${join(dir, 'store.sqlite')}`);
  const config = loadConfig({}, undefined, {
    port: 0,
    logLevel: o.logLevel ?? 'silent',
    workers: 0,
    headSeconds: 1,
    scheduleSeconds: o.scheduleSeconds,
    rateLimit: { perIp: 1_000_000, castPerLogin: 1_000_000 },
  });
  const { app, runtimes, scheduler } = await buildServer({
    store,
    config,
    group,
    ...(o.now ? { now: o.now } : {}),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  await store.setAdmin(ADMIN, 'not-used-with-tokens');
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
  };
  return {
    app,
    store,
    runtimes,
    scheduler,
    baseUrl: `http://127.0.0.1:${port}`,
    adminToken: await createAdminToken(store, ADMIN, 24),
    close,
    async dispose() {
      await close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Brings an election to `ready`: the draft created with the organiser's route, set up, keyed by its
 * trustees from Node, and its electorate (one credential) published — but not opened.
 * @example `await readyElection(server, draftElection({ id: 'council-2026' }))`
 */
export async function readyElection(
  server: Pick<ScheduleServer, 'baseUrl' | 'adminToken'>,
  draft: Omit<ElectionDefinition, 'boardKey'>,
): Promise<void> {
  const admin = <T>(method: string, path: string, body?: unknown) =>
    api<T>(server.baseUrl, method, path, server.adminToken, body);
  const base = `/api/elections/${draft.id}`;
  await admin('POST', '/api/elections', { definition: draft });
  const { trusteeTokens } = await admin<{ trusteeTokens: string[] }>('POST', `${base}/setup`);
  await keyCeremony(server.baseUrl, group, draft.id, trusteeTokens);
  await admin('POST', `${base}/ceremony/finish`);
  await issueElectorate(server.baseUrl, server.adminToken, group, draft.id, 1);
}
