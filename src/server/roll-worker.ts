/**
 * The membership roll's import, eligibility and audit in a worker thread: reading and auditing a
 * 200 000-member roll takes seconds of CPU, and the server must keep answering meanwhile (ballots of
 * other elections, the organiser's own progress polls). The worker asks for the file chunk by chunk
 * (`pull`), so at most one chunk is in flight and the file is never whole in memory; the roll it reads
 * lives only here, and only the result crosses back: the audit report (mode `audit`), or the eligible
 * members' id, email and name (mode `voters`, when the roll is made the login list).
 *
 * Driven by `runRollWorker` in routes/roll.ts; the electorate modules do all the work (SPEC.md §16).
 *
 * @example
 * ```ts
 * const worker = new Worker(new URL('./roll-worker.ts', import.meta.url), { workerData: request });
 * worker.on('message', (m: RollWorkerReply) => …);   // answer each `pull` with a `chunk` or `end`
 * ```
 */
import { parentPort, workerData } from 'node:worker_threads';
import { auditRoll } from '../electorate/audit.ts';
import { eligibleMembers, evaluateEligibility } from '../electorate/eligibility.ts';
import { ElectorateError, type RowError } from '../electorate/errors.ts';
import { importRoll } from '../electorate/import.ts';
import type { ColumnMapping } from '../electorate/mapping.ts';
import type { AuditReport } from '../electorate/report.ts';
import type { EligibilityRules } from '../electorate/rules.ts';

/** What the worker is asked to do (its workerData). */
export interface RollWorkerRequest {
  readonly mode: 'audit' | 'voters';
  /** The file's name, for the report. */
  readonly name: string;
  readonly mapping: ColumnMapping;
  readonly rules: EligibilityRules;
}

/** What the parent sends: the next chunk of the file, or its end. */
export type RollWorkerInput =
  | { readonly type: 'chunk'; readonly bytes: Uint8Array }
  | { readonly type: 'end' };

/** What the worker sends back. */
export type RollWorkerReply =
  | { readonly type: 'pull' }
  | { readonly type: 'progress'; readonly bytes: number }
  | { readonly type: 'imported' }
  | { readonly type: 'report'; readonly report: AuditReport }
  | {
      readonly type: 'voters';
      readonly sha256: string;
      /** [member id, email, name] of each eligible member, in roll order. */
      readonly voters: [string, string, string][];
    }
  | {
      readonly type: 'refused';
      readonly code: string;
      readonly message: string;
      readonly rowErrors: RowError[];
    };

if (!parentPort) throw new Error('roll-worker.ts runs as a worker thread');
const port = parentPort;
const request = workerData as RollWorkerRequest;
const send = (reply: RollWorkerReply) => port.postMessage(reply);

/** The file as the parent hands it over, one chunk per `pull`. */
async function* chunks(): AsyncGenerator<Uint8Array> {
  for (;;) {
    const next = new Promise<RollWorkerInput>((resolve) => port.once('message', resolve));
    send({ type: 'pull' });
    const input = await next;
    if (input.type === 'end') return;
    yield input.bytes;
  }
}

try {
  const roll = await importRoll(chunks(), {
    mapping: request.mapping,
    name: request.name,
    onProgress: (bytes) => send({ type: 'progress', bytes }),
  });
  send({ type: 'imported' });
  const eligibility = evaluateEligibility(roll, request.rules);
  if (request.mode === 'audit') {
    send({ type: 'report', report: await auditRoll(roll, eligibility) });
  } else {
    const voters = eligibleMembers(roll, eligibility).map((m): [string, string, string] => [
      m.memberId,
      m.email,
      m.name,
    ]);
    send({ type: 'voters', sha256: roll.source.sha256, voters });
  }
} catch (error) {
  if (!(error instanceof ElectorateError)) throw error;
  send({ type: 'refused', code: error.code, message: error.message, rowErrors: [...error.rowErrors] });
}
port.close();
