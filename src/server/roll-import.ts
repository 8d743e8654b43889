/**
 * The server's side of the organiser's roll import, apart from its routes (routes/roll.ts): the upload
 * stored in chunks, the preview of a stored file, the worker that imports and audits it
 * (roll-worker.ts), and what using the roll puts on the login list. The electorate modules do the
 * reading, the rules and the audit (SPEC.md §16); this file only carries bytes and results between them
 * and the store.
 *
 * @example
 * ```ts
 * const { size, sha256 } = await storeUpload(store, id, request.body, ROLL_MAX_BYTES);
 * const preview = await previewRoll(store.rollChunks(id));
 * const reply = await runRollWorker(store, current, { mode: 'audit', name, mapping, rules });
 * ```
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { RollPreview } from '../electorate/codes.ts';
import { openCsv } from '../electorate/csv.ts';
import { applyDecisions, DECISIONS_FORMAT } from '../electorate/decisions.ts';
import { ElectorateError } from '../electorate/errors.ts';
import { columnMappingSchema, planColumns, type RollField } from '../electorate/mapping.ts';
import type { AuditReport, Finding } from '../electorate/report.ts';
import type { RollDecision, RollImport, Store } from '../store/store.ts';
import type { RollWorkerReply, RollWorkerRequest } from './roll-worker.ts';

/** The largest roll file accepted: 40 MiB, about 250 000 members with a dozen columns. */
export const ROLL_MAX_BYTES = 40 * 1024 * 1024;

/** The file is stored in chunks of about this size (one row each). */
const CHUNK_BYTES = 1024 * 1024;

/** Rows shown under the headers so the organiser can see the columns are the ones they think. */
const SAMPLE_ROWS = 5;
/** A sample cell longer than this is cut (a preview, not the data). */
const SAMPLE_CELL = 200;

/** The refusal of a file over the limit (HTTP 413), in words that say the limit. */
export class RollTooLarge extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(
      `the file is larger than ${megabytes(limit)} MB, the most a roll may be; export only the columns the roll needs, or split it`,
    );
    this.limit = limit;
  }
}

/**
 * Bytes as whole megabytes (MiB), as the page and the refusal say them.
 * @example `megabytes(40 * 1024 * 1024)` → `40`
 */
export function megabytes(bytes: number): number {
  return Math.round(bytes / (1024 * 1024));
}

/**
 * Stores an upload's bytes in chunks of about 1 MiB as they arrive, hashing them; throws RollTooLarge
 * as soon as more than `maxBytes` have come (what was stored is the caller's to delete).
 * @example `const { size, sha256 } = await storeUpload(store, id, request.body, ROLL_MAX_BYTES)`
 */
export async function storeUpload(
  store: Store,
  id: number,
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  let seq = 0;
  let pending = Buffer.alloc(0);
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) throw new RollTooLarge(maxBytes);
    hash.update(chunk);
    pending = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, chunk]);
    // Rows of 1 MiB exactly, however the body arrives (one large piece, or many small ones).
    while (pending.length >= CHUNK_BYTES) {
      await store.addRollChunk(id, seq++, pending.subarray(0, CHUNK_BYTES));
      pending = pending.subarray(CHUNK_BYTES);
    }
  }
  if (pending.length > 0) await store.addRollChunk(id, seq++, pending);
  return { size, sha256: hash.digest('hex') };
}

export type { RollPreview };

/**
 * Reads a stored file's format, header and first rows (only as far as needed). ElectorateError for a
 * file that is not a roll CSV: empty, binary, UTF-16, no delimiter, two columns named alike.
 * @example `const preview = await previewRoll(store.rollChunks(id))`
 */
export async function previewRoll(chunks: AsyncIterable<Uint8Array>): Promise<RollPreview> {
  const csv = await openCsv(chunks);
  let headers: string[] | undefined;
  const sample: string[][] = [];
  for await (const record of csv.records) {
    if (record.kind !== 'record') continue;
    if (headers === undefined) headers = record.fields.map((h) => h.trim());
    else sample.push(record.fields.map((f) => (f.length > SAMPLE_CELL ? `${f.slice(0, SAMPLE_CELL)}…` : f)));
    if (sample.length >= SAMPLE_ROWS) break;
  }
  if (headers === undefined) throw new ElectorateError('no-members', 'the file has no header row');
  return { ...csv.format, headers, sample, detected: detectColumns(headers) };
}

/**
 * The columns planColumns would pick by their usual names, even when the member id or join date
 * column is missing (planColumns then refuses the whole header). The names are planColumns' own: a
 * stand-in column with the lowest-ranked usual name of a missing required field lets it plan the
 * rest; the stand-ins are then left out. ElectorateError for two columns named alike.
 * @example `detectColumns(['Membership Number', 'Full Name'])` → `{ memberId: 'Membership Number', name: 'Full Name' }`
 */
export function detectColumns(headers: readonly string[]): Partial<Record<RollField, string>> {
  const mapping = columnMappingSchema.parse({});
  const standIns = [[], ['startdate'], ['id'], ['id', 'startdate']];
  for (const extra of standIns) {
    try {
      const plan = planColumns([...headers, ...extra], mapping);
      const found: Partial<Record<RollField, string>> = {};
      for (const [field, i] of Object.entries(plan.index) as [RollField, number][]) {
        if (i < headers.length) found[field] = headers[i]!;
      }
      return found;
    } catch (error) {
      if (!(error instanceof ElectorateError)) throw error;
      // Without stand-ins, any refusal is the file's own; with them, a clash with a real column only
      // means that stand-in was not needed.
      if (extra.length === 0 && error.code !== 'missing-column') throw error;
    }
  }
  return {};
}

/**
 * Runs roll-worker.ts over a stored file: answers each `pull` with the next chunk (so one chunk at a
 * time is in flight), reports the share of bytes read, and resolves with the worker's result — the
 * report, the eligible members, or the refusal of the file. Rejects if the worker dies or `signal`
 * aborts (the worker is stopped).
 * @example `const reply = await runRollWorker(store, current, { mode: 'audit', name, mapping, rules }, (f) => …)`
 */
export function runRollWorker(
  store: Store,
  current: Pick<RollImport, 'id' | 'size'>,
  request: RollWorkerRequest,
  onProgress: (fraction: number) => void = () => {},
  signal?: AbortSignal,
): Promise<Extract<RollWorkerReply, { type: 'report' | 'voters' | 'refused' }>> {
  const worker = new Worker(new URL('./roll-worker.ts', import.meta.url), { workerData: request });
  const chunks = store.rollChunks(current.id)[Symbol.asyncIterator]();
  return new Promise((resolve, reject) => {
    let settled = false;
    const stop = () => reject(new Error('the server is stopping; run it again'));
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', stop);
      void chunks.return?.();
      void worker.terminate();
      outcome();
    };
    const pull = async () => {
      const next = await chunks.next();
      if (settled) return;
      if (next.done) worker.postMessage({ type: 'end' });
      else worker.postMessage({ type: 'chunk', bytes: next.value }, [next.value.buffer as ArrayBuffer]);
    };
    worker.on('message', (reply: RollWorkerReply) => {
      if (reply.type === 'pull') pull().catch((e: unknown) => settle(() => reject(e)));
      else if (reply.type === 'progress') onProgress(current.size > 0 ? reply.bytes / current.size : 1);
      else if (reply.type !== 'imported') settle(() => resolve(reply));
    });
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the roll check stopped (exit code ${code})`))),
    );
    if (signal?.aborted) settle(stop);
    else signal?.addEventListener('abort', () => settle(stop), { once: true });
  });
}

/**
 * A report with the election's decisions applied (the latest on each finding counts; decisions on
 * findings it no longer has are listed as stale).
 * @example `decided(audit.report, await store.rollDecisions(election)).summary.openFindings`
 */
export function decided(report: AuditReport, decisions: readonly RollDecision[]): AuditReport {
  return applyDecisions(report, {
    format: DECISIONS_FORMAT,
    decisions: decisions.map(({ findingId, decision, note, decidedAt }) => ({
      findingId,
      decision,
      note,
      decidedAt,
    })),
  });
}

/** Who a decided report keeps off the login list, and why. */
export interface VoterPlan {
  /** Members named by a confirmed ("exclude") finding; of a duplicate, every copy but the first row. */
  readonly excluded: ReadonlySet<string>;
  /** Members with no email address, or one that is not an address at all: they cannot log in. */
  readonly noEmail: ReadonlySet<string>;
  /** Members the rules make ineligible. */
  readonly ineligible: ReadonlySet<string>;
  /** The counts the page shows: eligible members, and of them those left off and those listed. */
  readonly counts: { eligible: number; excluded: number; noEmail: number; voters: number; open: number };
}

/**
 * What using a decided report would do. Excluding a duplicate keeps its first row (the earliest line:
 * the original) and takes the copies off; excluding any other finding takes off every member it names.
 * @example `voterPlan(decided(report, decisions)).counts.voters`
 */
export function voterPlan(report: AuditReport): VoterPlan {
  const excluded = new Set<string>();
  const noEmail = new Set<string>();
  for (const finding of report.findings) {
    if (finding.decision?.decision === 'confirm') {
      const kept = finding.kind === 'duplicate' ? finding.sample[0]?.memberId : undefined;
      for (const id of finding.memberIds) if (id !== kept) excluded.add(id);
    }
    for (const e of finding.evidence) {
      if (e.signal === 'blank' || e.signal === 'syntax') for (const id of e.memberIds) noEmail.add(id);
    }
  }
  const ineligible = new Set(report.eligibility.ineligible.map((m) => m.memberId));
  const offEligible = (ids: Iterable<string>, also: ReadonlySet<string> = new Set()) =>
    [...ids].filter((id) => !ineligible.has(id) && !also.has(id)).length;
  const counts = {
    eligible: report.eligibility.eligible,
    excluded: offEligible(excluded),
    noEmail: offEligible(noEmail, excluded),
    voters: 0,
    open: report.summary.openFindings,
  };
  counts.voters = counts.eligible - counts.excluded - counts.noEmail;
  return { excluded, noEmail, ineligible, counts };
}

/** Longest email the credential authority's tool and the voters route accept. */
const MAX_EMAIL = 320;
/** Longest name the credential authority's tool accepts (a longer one is cut for the login list). */
const MAX_NAME = 300;

/**
 * The login list from the eligible members the worker read: those the plan keeps, with a usable
 * address (names cut to 300 characters, the most the credential authority's tool reads).
 * @example `loginList(reply.voters, voterPlan(report))`
 */
export function loginList(
  eligible: readonly [string, string, string][],
  plan: VoterPlan,
): { voterId: string; email: string; name: string }[] {
  return eligible
    .filter(
      ([id, email]) =>
        !plan.excluded.has(id) && !plan.noEmail.has(id) && email !== '' && email.length <= MAX_EMAIL,
    )
    .map(([voterId, email, name]) => ({ voterId, email, name: name.slice(0, MAX_NAME) }));
}

/** Member ids listed per finding and per piece of evidence in the page's pages of findings. */
const IDS_LISTED = 50;

/**
 * A finding as the page lists it: member ids cut to the first 50 (with the full count), so a join
 * spike of two thousand members does not fill the reply; the HTML and JSON reports have them all.
 * @example `listedFinding(finding).memberCount`
 */
export function listedFinding(finding: Finding) {
  return {
    ...finding,
    memberIds: finding.memberIds.slice(0, IDS_LISTED),
    memberCount: finding.memberIds.length,
    evidence: finding.evidence.map((e) => ({
      ...e,
      memberIds: e.memberIds.slice(0, IDS_LISTED),
      memberCount: e.memberIds.length,
    })),
  };
}

/**
 * One CSV field: quoted when it holds a comma, a quote or a line break (values are written as they
 * are: the credential authority's tool reads them back exactly).
 * @example `csvField('Smith, Ann')` → `'"Smith, Ann"'`
 */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
