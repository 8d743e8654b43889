/**
 * The organiser's membership roll, from the file to the login list (BRIEF §5, SPEC.md §16):
 *
 *   POST /api/elections/:id/roll/file          the CSV, streamed (at most 40 MB): stored, previewed
 *   GET  /api/elections/:id/roll               where the import is: preview, check in progress, audit, use
 *   POST /api/elections/:id/roll/audit         column mapping + eligibility rules → a background check
 *   GET  /api/elections/:id/roll/findings      the audit's findings, a page at a time, with decisions
 *   POST /api/elections/:id/roll/decisions     keep (dismiss) or exclude (confirm) a finding's members
 *   GET  /api/elections/:id/roll/report.html   the full audit report (and report.json)
 *   POST /api/elections/:id/roll/use           the eligible, kept members become the login list
 *   GET  /api/elections/:id/roll/voters.csv    the login list for `psephos credentials generate`
 *
 * Where the import lives between steps: in the store, not in this process (API nodes are stateless).
 * The file is kept in ~1 MiB chunks (`roll_chunks`), streamed in as it is uploaded and streamed out to
 * the worker that reads it, so no step holds it whole; the roll itself — 200 000 members as objects,
 * some hundreds of MB — exists only inside that worker thread while it runs. What stays is small: the
 * preview, the mapping and rules, and the audit report (a few hundred kB even for 200 000 members: it
 * names members only in findings and ineligibility). A job row alone would not do: its result is
 * written once and read whole, while the report gains decisions (a log of their own, per election, so
 * a re-imported roll keeps them) and the file must outlive the check. Using the roll reads the file
 * once more (its SHA-256 must match the audited one) rather than keeping 200 000 members stored twice.
 *
 * Nothing is half done: a file refused on upload is deleted; a check that fails stores its reasons
 * (with every row error and its line) and no report; using the roll adds voters in batches of 5 000
 * and, if interrupted, can be run again and goes on where it stopped.
 */
import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { evaluateEligibility } from '../../electorate/eligibility.ts';
import { ElectorateError, type RowError } from '../../electorate/errors.ts';
import { renderAuditHtml } from '../../electorate/html.ts';
import { type ColumnMapping, parseColumnMapping, planColumns } from '../../electorate/mapping.ts';
import type { Roll } from '../../electorate/member.ts';
import { type AuditReport, FINDING_KINDS } from '../../electorate/report.ts';
import { type EligibilityRules, parseEligibilityRules } from '../../electorate/rules.ts';
import { StoreError } from '../../store/errors.ts';
import type { Job, RollImport, Store, StoredElection } from '../../store/store.ts';
import { requireAdmin } from '../auth.ts';
import { ApiError } from '../errors.ts';
import { isStalled, JobRunner } from '../jobs.ts';
import {
  csvField,
  decided,
  listedFinding,
  loginList,
  megabytes,
  previewRoll,
  ROLL_MAX_BYTES,
  type RollPreview,
  RollTooLarge,
  runRollWorker,
  storeUpload,
  voterPlan,
} from '../roll-import.ts';
import { ElectionParams, ErrorReply } from '../schema.ts';

export interface RollRoutesOptions {
  readonly store: Store;
  /** The largest file accepted (default ROLL_MAX_BYTES, 40 MiB). */
  readonly maxBytes?: number;
}

/** The job kind of a roll check. */
export const ROLL_AUDIT_JOB = 'roll-audit';

/** Voters added to the login list per store call (each one transaction). */
const VOTER_BATCH = 5000;

/** While the login list may still change: before the electorate is published. */
const BEFORE_ELECTORATE = new Set(['draft', 'key-ceremony']);

/** What an audit stores with its report. */
interface StoredAudit {
  readonly mapping: ColumnMapping;
  readonly rules: EligibilityRules;
  readonly report: AuditReport;
  readonly auditedAt: string;
  readonly job: number;
}

/** A refusal of the file, kept with the import so the page can show every row error. */
interface StoredProblem {
  readonly code: string;
  readonly message: string;
  readonly rowErrors: readonly RowError[];
  readonly at: string;
}

const AuditBody = z.strictObject({ mapping: z.unknown(), rules: z.unknown() });
const AuditPayload = z.object({
  import: z.int(),
  mapping: z.unknown(),
  rules: z.unknown(),
});
const DecisionBody = z.strictObject({
  findingId: z.string().regex(/^[0-9a-f]{16}$/),
  decision: z.enum(['keep', 'exclude']),
  note: z.string().max(2000).default(''),
});

type Id = { Params: { id: string } };
const tags = ['organiser'];
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply };

/**
 * The roll routes above, and the runner of their checks (a background job).
 * @example `await app.register(rollRoutes, { store })`
 */
export const rollRoutes: FastifyPluginAsync<RollRoutesOptions> = async (app, options) => {
  const { store } = options;
  const maxBytes = options.maxBytes ?? ROLL_MAX_BYTES;
  const admin = { preHandler: requireAdmin() };
  const runner = new JobRunner(store, ROLL_AUDIT_JOB, (job, context) => auditJob(store, job, context), {
    log: app.log,
  });
  app.addHook('onReady', async () => runner.start());
  app.addHook('onClose', async () => runner.stop());
  // Elections whose roll is being made the login list in this process (a second click is refused).
  const using = new Set<string>();

  // The file arrives as it is, streamed: this plugin's routes take CSV bodies as the raw request.
  app.addContentTypeParser(['text/csv', 'application/octet-stream'], (_request, payload, done) =>
    done(null, payload),
  );

  app.post<Id & { Querystring: { name?: string }; Body: AsyncIterable<Uint8Array> }>(
    '/api/elections/:id/roll/file',
    {
      ...admin,
      schema: {
        tags,
        summary: `Upload the membership roll (CSV, at most ${megabytes(maxBytes)} MB), replacing any earlier file`,
        description:
          'The body is the file itself (Content-Type text/csv). The reply is the roll state with the detected encoding, delimiter, headers and first rows.',
        params: ElectionParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1, maxLength: 200 } },
        },
        response: { ...errors, 413: ErrorReply, 415: ErrorReply },
      },
    },
    async (request, reply) => {
      const election = await changeable(store, request.params.id);
      if (!/^(?:text\/csv|application\/octet-stream)\b/i.test(request.headers['content-type'] ?? '')) {
        throw new ApiError(415, 'not-csv', 'send the roll file itself, as text/csv');
      }
      const declared = Number(request.headers['content-length']);
      if (declared > maxBytes) throw tooLarge(new RollTooLarge(maxBytes));
      const name = (request.query.name ?? 'roll.csv').split(/[\\/]/).pop() || 'roll.csv';
      const id = await inUse(() => store.createRollImport(election.id, name));
      try {
        const { size, sha256 } = await storeUpload(store, id, request.body ?? [], maxBytes);
        const preview = await previewRoll(store.rollChunks(id));
        await store.updateRollImport(id, ['uploading'], { status: 'uploaded', size, sha256, preview });
      } catch (error) {
        await store.deleteRollImport(id);
        if (error instanceof RollTooLarge) throw tooLarge(error);
        throw refusal(error);
      }
      return reply.status(201).send(await rollState(store, election, maxBytes));
    },
  );

  app.get<Id>(
    '/api/elections/:id/roll',
    {
      ...admin,
      schema: {
        tags,
        summary: 'The membership roll: file, check, audit and login list',
        params: ElectionParams,
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return rollState(store, await existing(store, request.params.id), maxBytes);
    },
  );

  app.post<Id & { Body: unknown }>(
    '/api/elections/:id/roll/audit',
    {
      ...admin,
      schema: {
        tags,
        summary:
          'Check the roll: map its columns, apply the eligibility rules and audit it (a background job)',
        params: ElectionParams,
        body: {
          type: 'object',
          required: ['mapping', 'rules'],
          additionalProperties: false,
          properties: {
            mapping: { type: 'object', description: 'the column mapping (SPEC.md §16, mapping.ts)' },
            rules: { type: 'object', description: 'the eligibility rules (SPEC.md §16.7)' },
          },
        },
        response: { 202: { type: 'object', properties: { job: { type: 'integer' } } }, ...errors },
      },
    },
    async (request, reply) => {
      const election = await changeable(store, request.params.id);
      const body = AuditBody.parse(request.body);
      const current = await store.rollImport(election.id);
      if (!current || current.status === 'uploading') throw noRoll();
      if (current.status === 'using' || current.status === 'used') throw rollUsed();
      const mapping = electorate(() => parseColumnMapping(body.mapping));
      const rules = electorate(() => parseEligibilityRules(body.rules));
      // What can be known from the header is refused now, not after a job: a column the mapping names
      // that is not there, a required field without a column, a rule whose column is missing.
      electorate(() => {
        const plan = planColumns((current.preview as RollPreview).headers, mapping);
        evaluateEligibility({ members: [], columns: plan.mapped } as unknown as Roll, rules);
      });
      const [latest] = await store.jobs(election.id, ROLL_AUDIT_JOB, 1);
      if (latest && (latest.status === 'queued' || latest.status === 'running')) {
        if (!isStalled(latest, new Date())) {
          throw new ApiError(409, 'audit-running', 'the roll is being checked already; wait for that check');
        }
        await store.finishJob(latest.id, { error: 'the server running this check stopped' }).catch(() => {});
      }
      const job = await store.createJob(election.id, ROLL_AUDIT_JOB, { import: current.id, mapping, rules });
      runner.poke();
      return reply.status(202).send({ job });
    },
  );

  app.get<Id & { Querystring: { kind?: string; offset?: number; limit?: number } }>(
    '/api/elections/:id/roll/findings',
    {
      ...admin,
      schema: {
        tags,
        summary: "The audit's findings, a page at a time, with their decisions",
        params: ElectionParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            kind: { type: 'string', enum: [...FINDING_KINDS] },
            offset: { type: 'integer', minimum: 0, default: 0 },
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
          },
        },
        response: errors,
      },
    },
    async (request) => {
      const { report } = await decidedAudit(store, request.params.id);
      const { kind, offset = 0, limit = 20 } = request.query;
      const findings = report.findings.filter((f) => kind === undefined || f.kind === kind);
      return { total: findings.length, findings: findings.slice(offset, offset + limit).map(listedFinding) };
    },
  );

  app.post<Id & { Body: unknown }>(
    '/api/elections/:id/roll/decisions',
    {
      ...admin,
      schema: {
        tags,
        summary: "Decide a finding: keep its members on the roll, or exclude them (a duplicate's copies)",
        params: ElectionParams,
        body: {
          type: 'object',
          required: ['findingId', 'decision'],
          additionalProperties: false,
          properties: {
            findingId: { type: 'string', pattern: '^[0-9a-f]{16}$' },
            decision: { type: 'string', enum: ['keep', 'exclude'] },
            note: { type: 'string', maxLength: 2000 },
          },
        },
        response: errors,
      },
    },
    async (request) => {
      const body = DecisionBody.parse(request.body);
      const { current, report } = await decidedAudit(store, request.params.id);
      if (current.status !== 'audited') throw rollUsed();
      if (!report.findings.some((f) => f.id === body.findingId)) {
        throw new ApiError(404, 'unknown-finding', `the audit has no finding ${body.findingId}`);
      }
      await store.addRollDecision(request.params.id, {
        findingId: body.findingId,
        decision: body.decision === 'exclude' ? 'confirm' : 'dismiss',
        note: body.note,
        decidedAt: new Date().toISOString(),
        decidedBy: request.principal?.subject ?? 'organiser',
      });
      const after = await decidedAudit(store, request.params.id);
      const finding = after.report.findings.find((f) => f.id === body.findingId)!;
      return {
        finding: listedFinding(finding),
        summary: after.report.summary,
        plan: voterPlan(after.report).counts,
      };
    },
  );

  const reportRoute = (format: 'html' | 'json') =>
    app.get<Id>(
      `/api/elections/:id/roll/report.${format}`,
      {
        ...admin,
        schema: {
          tags,
          summary: `The whole audit report with its decisions, as ${format === 'html' ? 'a page to print and sign' : 'JSON (psephos/roll-audit/v1)'}`,
          params: ElectionParams,
          response: errors,
        },
      },
      async (request, reply) => {
        const { report } = await decidedAudit(store, request.params.id);
        void reply
          .header('cache-control', 'no-store')
          .header('content-disposition', `attachment; filename="roll-audit-${request.params.id}.${format}"`);
        if (format === 'json')
          return reply.type('application/json').send(`${JSON.stringify(report, null, 2)}\n`);
        // The report styles itself inline and runs no script; as a download it is opened from disk.
        void reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
        return reply.type('text/html; charset=utf-8').send(renderAuditHtml(report));
      },
    );
  reportRoute('html');
  reportRoute('json');

  app.post<Id>(
    '/api/elections/:id/roll/use',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Make the eligible, kept members with an email address the login list of the election',
        params: ElectionParams,
        response: errors,
      },
    },
    async (request) => {
      const election = await changeable(store, request.params.id);
      if (using.has(election.id))
        throw new ApiError(409, 'roll-busy', 'the roll is being made the login list already');
      using.add(election.id);
      try {
        await useRoll(store, election);
      } finally {
        using.delete(election.id);
      }
      return rollState(store, election, maxBytes);
    },
  );

  app.get<Id>(
    '/api/elections/:id/roll/voters.csv',
    {
      ...admin,
      schema: {
        tags,
        summary: 'The login list as `psephos credentials generate` reads it: member_id,email,name',
        params: ElectionParams,
        response: errors,
      },
    },
    async (request, reply) => {
      const election = await existing(store, request.params.id);
      if ((await store.countVoters(election.id)).total === 0) {
        throw new ApiError(404, 'no-voters', 'the election has no voters yet: use a checked roll first');
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="voters-${election.id}.csv"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(voterLines(store, election.id)));
    },
  );
};

// ---------------------------------------------------------------------------------------------------
// The check (a background job) and the use of the roll

async function auditJob(
  store: Store,
  job: Job,
  { progress, signal }: { progress: (f: number) => Promise<void>; signal: AbortSignal },
): Promise<unknown> {
  const payload = AuditPayload.parse(job.payload);
  const mapping = parseColumnMapping(payload.mapping);
  const rules = parseEligibilityRules(payload.rules);
  const current = await store.rollImport(job.election);
  if (!current || current.id !== payload.import || !['uploaded', 'audited'].includes(current.status)) {
    throw new Error('the roll file was replaced or used before this check began');
  }
  let shown = 0;
  const reply = await runRollWorker(
    store,
    current,
    { mode: 'audit', name: current.name, mapping, rules },
    (read) => {
      // Reading is about two fifths of the work; the audit after it reports nothing until it ends.
      const fraction = 0.4 * read;
      if (fraction - shown < 0.04) return;
      shown = fraction;
      progress(fraction).catch(() => undefined);
    },
    signal,
  );
  const from = ['uploaded', 'audited'] as const;
  if (reply.type === 'refused') {
    const problem: StoredProblem = { ...reply, at: new Date().toISOString() };
    await store.updateRollImport(current.id, from, { status: 'uploaded', audit: null, problem });
    throw new Error(reply.message);
  }
  if (reply.type !== 'report') throw new Error('the roll check gave no report');
  const audit: StoredAudit = {
    mapping,
    rules,
    report: reply.report,
    auditedAt: new Date().toISOString(),
    job: job.id,
  };
  if (!(await store.updateRollImport(current.id, from, { status: 'audited', audit, problem: null }))) {
    throw new Error('the roll file was replaced or used during this check');
  }
  const { members, eligible, openFindings } = reply.report.summary;
  return { members, eligible, findings: reply.report.findings.length, openFindings };
}

/**
 * Makes the roll the login list: reads the file again in the worker (its SHA-256 must be the audited
 * one), keeps the eligible members the decisions keep and who have an address, and adds them in
 * batches. Voters already there must all be on this list (an earlier, interrupted run): they are
 * skipped, and the run goes on from there.
 */
async function useRoll(store: Store, election: StoredElection): Promise<void> {
  const current = await store.rollImport(election.id);
  if (!current || current.status === 'uploading') throw noRoll();
  if (current.status === 'used') throw rollUsed();
  if (current.status === 'uploaded') throw noAudit();
  if (!(await store.updateRollImport(current.id, ['audited', 'using'], { status: 'using' })))
    throw rollUsed();
  try {
    const audit = current.audit as StoredAudit;
    const report = decided(audit.report, await store.rollDecisions(election.id));
    const plan = voterPlan(report);
    const reply = await runRollWorker(store, current, {
      mode: 'voters',
      name: current.name,
      mapping: audit.mapping,
      rules: audit.rules,
    });
    if (reply.type !== 'voters' || reply.sha256 !== report.source.sha256) {
      throw new ApiError(409, 'roll-changed', 'the stored file is not the one audited; check the roll again');
    }
    const wanted = new Map(loginList(reply.voters, plan).map((v) => [v.voterId, v]));
    const total = wanted.size;
    for await (const voterId of voterIds(store, election.id)) {
      if (!wanted.delete(voterId)) {
        throw new ApiError(
          409,
          'voters-exist',
          `the election already has voters who are not on this roll (member "${voterId}"); a roll becomes the login list only of an election without other voters`,
        );
      }
    }
    const rest = [...wanted.values()];
    for (let i = 0; i < rest.length; i += VOTER_BATCH) {
      await store.addVoters(election.id, rest.slice(i, i + VOTER_BATCH));
    }
    const used = { ...plan.counts, voters: total, at: new Date().toISOString() };
    if (!(await store.updateRollImport(current.id, ['using'], { status: 'used', used }))) {
      // Another server made the list at the same moment and gave up: the voters are there; run it again.
      throw new ApiError(
        409,
        'roll-busy',
        'the login list was being made twice at once; use the roll again to finish',
      );
    }
  } catch (error) {
    await store.updateRollImport(current.id, ['using'], { status: 'audited' });
    throw error;
  }
}

/** Every voter id of an election, a page at a time. */
async function* voterIds(store: Store, election: string): AsyncGenerator<string> {
  for await (const voter of allVoters(store, election)) yield voter.voterId;
}

async function* allVoters(store: Store, election: string) {
  let after: string | undefined;
  for (;;) {
    const page = await store.voters(election, { limit: 1000, ...(after === undefined ? {} : { after }) });
    yield* page;
    if (page.length < 1000) return;
    after = page.at(-1)!.voterId;
  }
}

/** The voter list file, line by line: the header `psephos credentials generate` looks for, then each voter. */
async function* voterLines(store: Store, election: string): AsyncGenerator<string> {
  yield 'member_id,email,name\n';
  let lines: string[] = [];
  for await (const v of allVoters(store, election)) {
    lines.push(`${csvField(v.voterId)},${csvField(v.email)},${csvField(v.name)}\n`);
    if (lines.length === 1000) {
      yield lines.join('');
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('');
}

// ---------------------------------------------------------------------------------------------------
// The state the page shows

async function rollState(store: Store, election: StoredElection, maxBytes: number) {
  const current = await store.rollImport(election.id);
  const visible = current && current.status !== 'uploading' ? current : undefined;
  const [job] = await store.jobs(election.id, ROLL_AUDIT_JOB, 1);
  const audit = (visible?.audit ?? null) as StoredAudit | null;
  const report = audit ? decided(audit.report, await store.rollDecisions(election.id)) : undefined;
  const draft = election.draft as { title?: string; eligibility?: unknown };
  return {
    election: {
      id: election.id,
      status: election.status,
      title: draft.title ?? election.id,
      rules: definitionRules(draft.eligibility),
    },
    maxBytes,
    voters: (await store.countVoters(election.id)).total,
    import: visible ? importView(visible) : null,
    job: job && visible && (job.payload as { import?: number }).import === visible.id ? jobView(job) : null,
    problem: (visible?.problem ?? null) as StoredProblem | null,
    audit:
      audit && report
        ? {
            mapping: audit.mapping,
            rules: audit.rules,
            auditedAt: audit.auditedAt,
            source: report.source,
            columns: report.columns,
            freeColumns: report.freeColumns,
            eligibility: {
              total: report.eligibility.total,
              eligible: report.eligibility.eligible,
              byReason: report.eligibility.byReason,
            },
            summary: report.summary,
            staleDecisions: report.staleDecisions.length,
            plan: voterPlan(report).counts,
          }
        : null,
    used: visible?.used ?? null,
  };
}

function importView(current: RollImport) {
  const { id, status, name, size, sha256, preview, createdAt } = current;
  return { id, status, name, size, sha256, uploadedAt: createdAt, preview };
}

/**
 * A job as the pages poll it: its progress, and whether it stalled (its server stopped).
 * @example `jobView(await store.job(id))`
 */
export function jobView(job: Job) {
  const { id, status, progress, result, error, createdAt, updatedAt } = job;
  return { id, status, progress, result, error, createdAt, updatedAt, stalled: isStalled(job, new Date()) };
}

/** The definition's eligibility rules, read as rules (the page starts from them), or null. */
function definitionRules(value: unknown): EligibilityRules | null {
  if (value === undefined || value === null) return null;
  try {
    return parseEligibilityRules(value);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------
// Lookups and refusals

async function existing(store: Store, id: string): Promise<StoredElection> {
  const election = await store.election(id);
  if (!election) throw new ApiError(404, 'unknown-election', `there is no election "${id}"`);
  return election;
}

/** The election, if its login list may still change (before its electorate is published). */
async function changeable(store: Store, id: string): Promise<StoredElection> {
  const election = await existing(store, id);
  if (!BEFORE_ELECTORATE.has(election.status)) {
    throw new ApiError(
      409,
      'wrong-status',
      `the election is ${election.status}: its electorate is published, so its roll can no longer change (a change now is a roll amendment)`,
    );
  }
  return election;
}

async function decidedAudit(
  store: Store,
  election: string,
): Promise<{ current: RollImport; report: AuditReport }> {
  await existing(store, election);
  const current = await store.rollImport(election);
  const audit = current?.audit as StoredAudit | null | undefined;
  if (!current || !audit) throw noAudit();
  return { current, report: decided(audit.report, await store.rollDecisions(election)) };
}

/** Runs an electorate step; its refusal becomes a 400 with the electorate module's code and words. */
function electorate<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw refusal(error);
  }
}

function refusal(error: unknown): unknown {
  return error instanceof ElectorateError ? new ApiError(400, error.code, error.message) : error;
}

async function inUse<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof StoreError && error.code === 'wrong-status') throw rollUsed();
    if (error instanceof StoreError && error.code === 'exists') {
      throw new ApiError(409, 'roll-busy', 'another roll file is being uploaded for this election right now');
    }
    throw error;
  }
}

function tooLarge(error: RollTooLarge): ApiError {
  return new ApiError(413, 'roll-too-large', error.message);
}

function noRoll(): ApiError {
  return new ApiError(409, 'no-roll', 'no roll file has been uploaded for this election yet');
}

function noAudit(): ApiError {
  return new ApiError(409, 'no-audit', 'the roll has not been checked yet (or its last check failed)');
}

function rollUsed(): ApiError {
  return new ApiError(
    409,
    'roll-used',
    'this roll is already the login list of the election; it cannot change now',
  );
}
