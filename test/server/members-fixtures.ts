/**
 * What the roll, invitation and console tests share: a draft election, its setup and a one-trustee key
 * ceremony through the HTTP API, the credential authority's own command (`psephos credentials
 * generate`, run as a child process, as the CA would) over the voter list the server hands out, and
 * waiting for a background job. Not a test file.
 *
 * @example
 * ```ts
 * await createDraft(server, 'roll-2026');
 * await setUpWithOneTrustee(server, 'roll-2026');
 * const issued = await issueCredentials('roll-2026', votersCsv);
 * ```
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { api } from '../../src/cli/http-election.ts';
import { sampleDraft } from '../../src/cli/simulate.ts';
import { keyCeremony } from '../support/console-trustees.ts';
import { group } from './fixtures.ts';

/** Where the test reaches the server: its address and an organiser's bearer token. */
export interface ServerAt {
  readonly baseUrl: string;
  readonly adminToken: string;
}

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/**
 * Creates a draft election: one question, one trustee, open from now for a week (or the times given),
 * with the eligibility rules given in its definition.
 */
export async function createDraft(
  server: ServerAt,
  id: string,
  options: { eligibility?: Record<string, unknown>; title?: string; closesAt?: string } = {},
): Promise<void> {
  const definition = {
    ...sampleDraft({
      id,
      title: options.title ?? `Leadership election ${id}`,
      candidates: 3,
      trustees: 1,
      threshold: 1,
      revoting: 'single',
      opensAt: new Date().toISOString(),
      closesAt: options.closesAt ?? new Date(Date.now() + 7 * 86_400_000).toISOString(),
    }),
    ...(options.eligibility ? { eligibility: options.eligibility } : {}),
  };
  await api(server.baseUrl, 'POST', '/api/elections', server.adminToken, { definition });
}

/** Publishes the definition and runs the one trustee's side of the key ceremony: the election key. */
export async function setUpWithOneTrustee(server: ServerAt, id: string): Promise<void> {
  const admin = <T>(method: string, path: string, body?: unknown) =>
    api<T>(server.baseUrl, method, path, server.adminToken, body);
  const base = `/api/elections/${id}`;
  const { trusteeTokens } = await admin<{ trusteeTokens: string[] }>('POST', `${base}/setup`);
  await keyCeremony(server.baseUrl, group, id, trusteeTokens);
  await admin('POST', `${base}/ceremony/finish`);
}

/** What the credential authority's command wrote. */
export interface Issued {
  /** public-credentials.json, as text (what the organiser uploads). */
  readonly publicJson: string;
  readonly public: { credentials: { credential: string; weight: number }[]; members?: { count: number } };
  /** private-credentials.csv, by member id: the member's credential. */
  readonly credentials: Map<string, string>;
}

/**
 * Runs `psephos credentials generate` over a voter list, as the credential authority does on its own
 * machine, and reads what it wrote (the directory is removed).
 */
export async function issueCredentials(election: string, votersCsv: string): Promise<Issued> {
  const dir = mkdtempSync(join(tmpdir(), 'psephos-ca-'));
  try {
    const voters = join(dir, 'voters.csv');
    writeFileSync(voters, votersCsv);
    const out = join(dir, 'issued');
    await promisify(execFile)(
      process.execPath,
      [MAIN, 'credentials', 'generate', '--election', election, '--voters', voters, '--out', out, '--json'],
      { maxBuffer: 1 << 24 },
    );
    const publicJson = readFileSync(join(out, 'public-credentials.json'), 'utf8');
    const rows = parse(readFileSync(join(out, 'private-credentials.csv'), 'utf8'), {
      columns: true,
      skip_empty_lines: true,
    }) as Record<string, string>[];
    assert.ok(
      rows.every((r) => r.member_id && r.credential),
      'private-credentials.csv has member_id and credential',
    );
    const credentials = new Map(rows.map((r) => [r.member_id!, r.credential!] as const));
    return { publicJson, public: JSON.parse(publicJson) as Issued['public'], credentials };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Polls `read` until the job it returns is done or failed (or `timeoutMs` passes); returns it. */
export async function waitForJob<J extends { status: string } | null>(
  read: () => Promise<J>,
  timeoutMs = 60_000,
): Promise<NonNullable<J>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await read();
    if (job && (job.status === 'done' || job.status === 'failed')) return job;
    if (Date.now() > deadline)
      throw new Error(`the job did not end within ${timeoutMs} ms: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
