/**
 * Shared material for the server's negative, fuzz and document tests: a real Psephos server on a fresh
 * SQLite file with an SMTP sink and an organiser's token, elections opened through the HTTP API (the
 * same client code as `psephos demo`), voters logged in by the emailed link, and small helpers to
 * check a refusal (status, code, plain-words message) and the board's size. Not a test file.
 *
 * @example
 * ```ts
 * const server = await startServer();
 * const election = await openElection(server, { id: 'leader-2026', voters: 4 });
 * const token = await election.login(0);
 * const ballot = election.ballot(0, 1);
 * ```
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { OpenElection } from '../../src/cli/http-election.ts';
import { api, loginVoter, openHttpElection } from '../../src/cli/http-election.ts';
import { loadGroup } from '../../src/crypto/backends.ts';
import type { Group } from '../../src/crypto/group.ts';
import type { Ballot } from '../../src/protocol/ballot.ts';
import { createBallot } from '../../src/protocol/ballot.ts';
import { buildServer } from '../../src/server/app.ts';
import { createAdminToken } from '../../src/server/auth.ts';
import type { Config } from '../../src/server/config.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createSmtpMailer } from '../../src/server/mail.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import type { SmtpSink } from '../support/smtp-sink.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';

export const group: Group = await loadGroup();

export const ADMIN = 'returning-officer';

/** Limits high enough that no test but the rate-limit one ever meets them. */
export const NO_LIMITS = { perIp: 1_000_000, castPerLogin: 1_000_000 } as const;

export interface TestServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly sink: SmtpSink;
  readonly baseUrl: string;
  /** An organiser's bearer token. */
  readonly adminToken: string;
  /** The SQLite file. */
  readonly path: string;
  close(): Promise<void>;
}

export interface ServerOptions {
  readonly rateLimit?: { perIp: number; castPerLogin: number };
  /** Check-pool worker threads (default 1; 0 checks in the request thread). */
  readonly workers?: number;
  /** The server's log level (default `silent`); its logs go to standard output. */
  readonly logLevel?: Config['logLevel'];
  /** How often the board signs a new head, in seconds (default: the server's own). */
  readonly headSeconds?: number;
}

/** What the clients of a running server need: where it is, the organiser's token, the voters' mail. */
export type ServerAccess = Pick<TestServer, 'baseUrl' | 'adminToken' | 'sink'>;

interface Launched {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly baseUrl: string;
  readonly adminToken: string;
  readonly path: string;
  close(): Promise<void>;
}

/** The server over a fresh SQLite file, listening on a free port of 127.0.0.1, sending mail to `smtpPort`. */
async function launch(options: ServerOptions, smtpPort: number): Promise<Launched> {
  const dir = mkdtempSync(join(tmpdir(), 'psephos-routes-'));
  const path = join(dir, 'store.sqlite');
  const store = await openStore(`sqlite:${path}`);
  const config = loadConfig({}, undefined, {
    port: 0,
    logLevel: options.logLevel ?? 'silent',
    workers: options.workers ?? 1,
    rateLimit: options.rateLimit ?? NO_LIMITS,
    ...(options.headSeconds !== undefined ? { headSeconds: options.headSeconds } : {}),
    smtp: { host: '127.0.0.1', port: smtpPort, from: 'Psephos <elections@example.org>' },
  });
  const { app } = await buildServer({ store, config, group, mailer: createSmtpMailer(config.smtp) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  await store.setAdmin(ADMIN, 'not-used-with-tokens');
  const adminToken = await createAdminToken(store, ADMIN, 2);
  return {
    app,
    store,
    baseUrl: `http://127.0.0.1:${port}`,
    adminToken,
    path,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A server listening on 127.0.0.1 (a free port) over a fresh SQLite file, with an SMTP sink. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const sink = await startSmtpSink();
  const launched = await launch(options, sink.port);
  return {
    ...launched,
    sink,
    async close() {
      await launched.close();
      await sink.close();
    },
  };
}

/** What a server in a child process tells its parent once it listens. */
export interface ChildServerReady {
  readonly baseUrl: string;
  readonly adminToken: string;
}

/**
 * The body of a child process that runs a server with `info` logs on its standard output (Fastify's
 * logger writes there, and buildServer takes no other stream), sending mail to the parent's SMTP sink
 * at PSEPHOS_TEST_SMTP_PORT, with PSEPHOS_TEST_WORKERS check workers (default 0). It sends
 * ChildServerReady over IPC, and closes on the message `close`.
 */
export async function serveForParent(): Promise<void> {
  const port = Number(process.env.PSEPHOS_TEST_SMTP_PORT);
  if (!process.send || !Number.isInteger(port))
    throw new Error('run me as a child with IPC and an SMTP port');
  const workers = Number(process.env.PSEPHOS_TEST_WORKERS ?? 0);
  const launched = await launch({ logLevel: 'info', workers }, port);
  process.on('message', (message) => {
    if (message === 'close') void launched.close().then(() => process.disconnect());
  });
  process.send({ baseUrl: launched.baseUrl, adminToken: launched.adminToken } satisfies ChildServerReady);
}

export interface Voter {
  readonly voterId: string;
  readonly email: string;
  readonly name: string;
}

export interface ElectionOptions {
  readonly id: string;
  readonly voters: number;
  readonly revoting?: 'single' | 'last-counts';
  readonly candidates?: number;
  readonly trustees?: number;
  readonly threshold?: number;
}

export interface TestElection {
  readonly id: string;
  readonly base: string;
  readonly voters: readonly Voter[];
  readonly open: OpenElection;
  readonly options: Required<ElectionOptions>;
  /** Voter i logs in with the link from the email the server sent; a bearer token. */
  login(i: number): Promise<string>;
  /** A fresh valid ballot by voter i's credential for candidate `choice` of the one question. */
  ballot(i: number, choice?: number): Ballot;
}

/** The voters of an election: `M<id>-<i>`, `member<i>.<id>@example.org`. */
export function votersOf(id: string, n: number): Voter[] {
  return Array.from({ length: n }, (_, i) => ({
    voterId: `M-${id}-${i}`,
    email: `member${i}.${id}@example.org`,
    name: `Member ${i}`,
  }));
}

/** The login link (with its token after `#`) of the latest email to `email`. */
export async function readLoginLink(sink: SmtpSink, email: string, after = 0): Promise<string> {
  const mail = await sink.waitFor((m) => m.to === email && sink.messages.indexOf(m) >= after);
  const link = /https?:\/\/\S+#[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
  assert.ok(link, 'the login email has a link with its token');
  return link;
}

/** Opens an election through the HTTP API: draft, voters, setup, key ceremony, credentials, open. */
export async function openElection(server: ServerAccess, o: ElectionOptions): Promise<TestElection> {
  const options: Required<ElectionOptions> = {
    revoting: 'single',
    candidates: 3,
    trustees: 3,
    threshold: 2,
    ...o,
  };
  const voters = votersOf(options.id, options.voters);
  const open = await openHttpElection({
    baseUrl: server.baseUrl,
    adminToken: server.adminToken,
    group,
    electionId: options.id,
    voters,
    candidates: options.candidates,
    trustees: options.trustees,
    threshold: options.threshold,
    revoting: options.revoting,
  });
  return {
    id: options.id,
    base: `/api/elections/${options.id}`,
    voters,
    open,
    options,
    async login(i) {
      const email = voters[i]!.email;
      const after = server.sink.messages.length;
      return loginVoter(
        {
          baseUrl: server.baseUrl,
          electionId: options.id,
          readLoginLink: (address) => readLoginLink(server.sink, address, after),
        },
        email,
      );
    },
    ballot(i, choice = 0) {
      return createBallot(group, open.ballotElection, open.credentials[i]!, [[choice]]).ballot;
    },
  };
}

/** The organiser's JSON call through the real socket (ApiClientError on a refusal). */
export function admin<T>(server: ServerAccess, method: string, path: string, body?: unknown): Promise<T> {
  return api<T>(server.baseUrl, method, path, server.adminToken, body);
}

/** A bearer header. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** A JSON request through inject, with an optional bearer token. */
export function call(
  app: FastifyInstance,
  method: InjectOptions['method'],
  url: string,
  token?: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: token ? bearer(token) : {},
    ...(payload !== undefined ? { payload: payload as InjectOptions['payload'] } : {}),
  });
}

/** The number of events on an election's public board. */
export async function boardSize(app: FastifyInstance, id: string): Promise<number> {
  const response = await app.inject({ method: 'GET', url: `/api/elections/${id}/board/events?limit=1` });
  assert.equal(response.statusCode, 200, response.body);
  return (response.json() as { size: number }).size;
}

/** The refusal's `{ error: { code, message } }`, asserting its shape. */
export function errorOf(response: LightMyRequestResponse): { code: string; message: string } {
  let body: unknown;
  try {
    body = response.json();
  } catch {
    assert.fail(`HTTP ${response.statusCode}: the body is not JSON: ${response.body.slice(0, 200)}`);
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } }).error;
  assert.ok(error && typeof error === 'object', `no error object in ${response.body.slice(0, 200)}`);
  assert.equal(typeof error.code, 'string', response.body);
  assert.equal(typeof error.message, 'string', response.body);
  assert.ok((error.message as string).length > 0, 'the message says something');
  return { code: error.code as string, message: error.message as string };
}

/** Asserts a refusal with this status and code. */
export function refused(response: LightMyRequestResponse, status: number, code: string, what = ''): void {
  const prefix = what ? `${what}: ` : '';
  assert.equal(
    response.statusCode,
    status,
    `${prefix}expected ${status} ${code}, got ${response.statusCode}: ${response.body.slice(0, 300)}`,
  );
  assert.equal(errorOf(response).code, code, `${prefix}${response.body.slice(0, 300)}`);
}
