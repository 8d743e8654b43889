/**
 * The verifier page's worker, in two roles, one script (so the browser fetches and compiles it once):
 *
 * - the coordinator (started by the page): gets the record — the chosen file, or a download from this
 *   server — and runs the universal verifier (`verifyRecord`, the CLI's own code) over it, so the page
 *   stays responsive however long the record; it posts progress, then the report;
 * - a ballot checker (started by the coordinator, named `psephos-ballots`, up to four): checks ballot
 *   signatures and proofs in parallel (src/verifier/ballot-check.ts, as the CLI's worker threads do).
 *
 * Both use libsodium's WASM group, or the pure-TypeScript one if WASM cannot load here. Cancelling is
 * the page terminating the coordinator, which ends its ballot checkers with it.
 */
import { loadGroup } from '../../crypto/backends.ts';
import type { Group } from '../../crypto/group.ts';
import type { BallotReply, BallotRequest } from '../../verifier/ballot-check.ts';
import { ballotChecker } from '../../verifier/ballot-check.ts';
import { verifyRecord } from '../../verifier/verify.ts';
import type { PoolWorker, PoolWorkerEvents } from '../../verifier/worker-pool.ts';
import { WorkerBallotPool } from '../../verifier/worker-pool.ts';
import type { VerifierMessage, VerifyRequest } from './protocol.ts';
import { blobSource, claimedEvents, downloadRecord, MAX_RECORD_BYTES, RecordProblem } from './source.ts';

const BALLOT_WORKER_NAME = 'psephos-ballots';

/** How often the page hears of progress: often enough to move the bar, rarely enough to cost nothing. */
const PROGRESS_MS = 150;

const scope = self as unknown as {
  readonly name: string;
  readonly location: { readonly href: string };
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
};

let group: Promise<Group> | undefined;
function theGroup(): Promise<Group> {
  group ??= loadGroup('sodium').catch(() => loadGroup('noble'));
  return group;
}

/** A ballot checker: answers each batch in order (the listener is added at once, so none is lost). */
function ballotRole(): void {
  const checker = theGroup().then(ballotChecker);
  let queue: Promise<unknown> = Promise.resolve();
  scope.addEventListener('message', (event: MessageEvent<BallotRequest>) => {
    queue = queue.then(async () => {
      const reply = (await checker)(event.data);
      if (reply) scope.postMessage(reply);
    });
    // A failure here is a crash: the coordinator hears of it through the worker's error event.
    queue.catch((e: unknown) => {
      setTimeout(() => {
        throw e;
      });
    });
  });
}

/** Starts a ballot checker as a Web Worker of the same script. */
function spawnBallotWorker(events: PoolWorkerEvents): PoolWorker {
  const worker = new Worker(scope.location.href, { type: 'module', name: BALLOT_WORKER_NAME });
  worker.addEventListener('message', (event: MessageEvent<BallotReply>) => events.reply(event.data));
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    events.crash(new Error(event.message || 'a ballot-checking worker stopped'));
  });
  worker.addEventListener('messageerror', () => events.crash(new Error('a worker sent an unreadable reply')));
  return { post: (request) => worker.postMessage(request), terminate: () => worker.terminate() };
}

function post(message: VerifierMessage): void {
  scope.postMessage(message);
}

/** Gets the record, verifies it, posts the report. */
async function coordinate(request: VerifyRequest): Promise<void> {
  const g = await theGroup();
  let lastPost = 0;
  const input = request.input;
  const record =
    'file' in input
      ? input.file
      : await downloadRecord(input.election, {
          onBytes: (bytes) => {
            if (performance.now() - lastPost < PROGRESS_MS) return;
            lastPost = performance.now();
            post({ kind: 'downloading', bytes });
          },
        });
  if (record.size > MAX_RECORD_BYTES)
    throw new RecordProblem('too-large', `the record is ${record.size} bytes`);
  // Small batches, two per worker: the reading stays close behind the checks, so the progress is true.
  const pool = new WorkerBallotPool({
    workers: request.workers,
    spawn: spawnBallotWorker,
    batch: 8,
    inFlightPerWorker: 2,
  });
  post({
    kind: 'verifying',
    bytes: record.size,
    events: await claimedEvents(record),
    workers: pool.size,
    backend: g.backend,
  });
  const now = { pass: 1, read: 0, events: 0 };
  // An event counts as checked once every check of it is done: a ballot still with the workers is not.
  let checked = 0;
  const progress = () => {
    checked = Math.max(checked, now.events - (pool.submitted - pool.checked));
    post({ kind: 'progress', ...now, events: checked, ballots: pool.checked });
  };
  const timer = setInterval(progress, PROGRESS_MS);
  try {
    const source = blobSource(record, (pass, read) => {
      now.pass = pass;
      now.read = read;
    });
    const report = await verifyRecord(source, {
      group: g,
      pool,
      progressEvery: 1,
      onProgress: (p) => {
        if (p.events !== undefined) now.events = p.events;
      },
    });
    now.events = report.counts.events;
    progress();
    post({ kind: 'done', report, record: 'file' in input ? null : record });
  } finally {
    clearInterval(timer);
  }
}

/** The coordinator: one verification per worker (the page starts a new worker for the next). */
function coordinatorRole(): void {
  scope.addEventListener('message', (event: MessageEvent<VerifyRequest>) => {
    coordinate(event.data).catch((e: unknown) => {
      if (e instanceof RecordProblem) {
        post({
          kind: 'problem',
          code: e.code,
          message: e.message,
          ...(e.status !== undefined ? { status: e.status } : {}),
          ...(e.serverCode !== undefined ? { serverCode: e.serverCode } : {}),
        });
      } else {
        post({ kind: 'problem', code: 'worker', message: (e as Error)?.message ?? String(e) });
      }
    });
  });
}

if (scope.name === BALLOT_WORKER_NAME) ballotRole();
else coordinatorRole();
