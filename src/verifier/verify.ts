/**
 * The universal verifier: re-checks an election record alone, in two streaming passes.
 *
 * Pass 1 reads every line in order: the log (indices, hash chain, times, Merkle root, every signed tree
 * head), then each event's meaning (ElectionState: definition, key ceremony proofs, election key,
 * credential list, amendments, every ballot, revoting policy, tally shape, decryption shares, result).
 * Ballot proofs — nearly all the work — go to a pool of workers when one is given.
 * Pass 2 reads the record again and multiplies the ciphertexts of the ballots that count, to check the
 * tally's aggregate. Memory does not grow with the number of ballots beyond one entry per credential.
 *
 * Runs unchanged in Node and in browsers: the source, the pool and the progress display are adapters.
 *
 * SPEC.md §15 (Verification).
 *
 * @example
 * ```ts
 * const report = await verifyRecord({ open: () => createReadStream(path) }, { group });
 * if (!report.ok) console.error(report.failure.code, report.failure.message);
 * ```
 */
import { toBase64url } from '../crypto/bytes.ts';
import type { Group } from '../crypto/group.ts';
import { parseBallot } from '../protocol/ballot.ts';
import { encodeCiphertext } from '../protocol/codec.ts';
import { ProtocolError } from '../protocol/errors.ts';
import type { BoardEvent } from '../protocol/events.ts';
import { parseEvent } from '../protocol/events.ts';
import { aggregateCounted } from '../tally/aggregate.ts';
import { ElectionState } from './election-state.ts';
import { VerificationFailure } from './failure.ts';
import { LogChecker } from './log.ts';
import type { RecordHeader, RecordLine } from './record.ts';
import { isTreeHead, parseLine, RecordHeader as RecordHeaderSchema, recordLines } from './record.ts';
import type { VerificationReport } from './report.ts';
import { buildReport } from './report.ts';

export interface RecordSource {
  /** Opens the record from its start (called once per pass). */
  open(): AsyncIterable<Uint8Array | string>;
}

/** Checks ballot signatures and proofs elsewhere (worker threads, Web Workers). */
export interface BallotPool {
  /** Called once, when the election key is known. */
  start(election: { definition: unknown; publicKey: string }): void;
  /** Queues one ballot; resolves when the pool can take more (back-pressure). */
  submit(event: number, ballot: unknown): Promise<void>;
  /** Waits for every queued ballot; returns the first failure by event index, if any. */
  finish(): Promise<{ event: number; message: string } | undefined>;
  /** Stops the workers, finished or not (called on every way out of verification). */
  close(): Promise<void>;
}

export interface VerifyOptions {
  readonly group: Group;
  readonly pool?: BallotPool;
  readonly maxLineChars?: number;
  /**
   * Called every `progressEvery` lines with the number of lines read in the current pass and, in
   * pass 1, the number of events whose place in the log was checked (a pool may still be checking
   * their ballots' proofs).
   */
  readonly onProgress?: (progress: { pass: 1 | 2; lines: number; events?: number }) => void;
  /** Lines between two calls of `onProgress` (default 1000; the verifier page asks for more often). */
  readonly progressEvery?: number;
}

const PROGRESS_EVERY = 1000;

/** Verifies a record; never throws for a bad record — the report says what failed and where. */
export async function verifyRecord(
  source: RecordSource,
  options: VerifyOptions,
): Promise<VerificationReport> {
  const started = performance.now();
  const state = new ElectionState(options.group);
  let log: LogChecker | undefined;
  try {
    const pass1 = await firstPass(source, options, state);
    log = pass1.log;
    if (state.tally) await secondPass(source, options, state);
    return buildReport(state, log, { ms: performance.now() - started });
  } catch (e) {
    if (!(e instanceof VerificationFailure)) throw e;
    return buildReport(
      state,
      log,
      { ms: performance.now() - started },
      await earliestFailure(source, options, state, e),
    );
  } finally {
    await options.pool?.close();
  }
}

async function firstPass(source: RecordSource, options: VerifyOptions, state: ElectionState) {
  let header: RecordHeader | undefined;
  let log: LogChecker | undefined;
  let lastLine = 0;
  // Heads of the empty log may precede the definition, and so the board key: checked after event 0.
  const earlyHeads: { value: unknown; line: number }[] = [];
  try {
    for await (const record of recordLines(source.open(), options.maxLineChars)) {
      lastLine = record.line;
      const value = parseLine(record);
      if (!header) {
        header = parseHeader(value, record.line);
        log = new LogChecker(header.election);
      } else if (isTreeHead(value)) {
        if (!state.definition) earlyHeads.push({ value, line: record.line });
        else log!.head(value, state.definition.boardKey, record.line);
      } else {
        const event = parseEventAt(value, record);
        log!.event(event, record.line, record.text);
        await applyEvent(state, event, options.pool);
        if (event.type === 'setup') {
          for (const h of earlyHeads) log!.emptyLogHead(h.value, state.definition!.boardKey, h.line);
        }
      }
      if (record.line % (options.progressEvery ?? PROGRESS_EVERY) === 0)
        options.onProgress?.({ pass: 1, lines: record.line, events: log?.size ?? 0 });
    }
    if (!header || !log) throw new VerificationFailure('bad-header', 'the record is empty', { line: 1 });
  } catch (e) {
    // A ballot the workers found invalid, at or before the failing event, is the first failure.
    if (e instanceof VerificationFailure) throw (await earlierBallotFailure(options.pool, e)) ?? e;
    throw e;
  }
  const failure = await earlierBallotFailure(options.pool, undefined);
  if (failure) throw failure;
  log.finish(lastLine);
  return { log };
}

/** The checks of a ballot that, without a pool, run after its proofs (see ElectionState). */
const AFTER_PROOFS = new Set(['duplicate-ballot', 'revote-forbidden']);

/**
 * The pool's first ballot failure if it comes before `failure` (any, when undefined), in the order the
 * checks run without a pool: an earlier event first; at the same event, the proofs before the
 * duplicate and revoting checks, after the listed-credential check.
 */
async function earlierBallotFailure(pool: BallotPool | undefined, failure: VerificationFailure | undefined) {
  const found = await pool?.finish();
  if (!found) return undefined;
  const earlier =
    failure?.event === undefined ||
    found.event < failure.event ||
    (found.event === failure.event && AFTER_PROOFS.has(failure.code));
  return earlier ? new VerificationFailure('bad-ballot', found.message, { event: found.event }) : undefined;
}

function parseHeader(value: unknown, line: number): RecordHeader {
  const parsed = RecordHeaderSchema.safeParse(value);
  if (!parsed.success)
    throw new VerificationFailure('bad-header', 'the first line is not a Psephos record header (version 1)', {
      line,
    });
  return parsed.data;
}

function parseEventAt(value: unknown, record: RecordLine): BoardEvent {
  try {
    return parseEvent(value);
  } catch (e) {
    const index = (value as { index?: unknown } | null)?.index;
    const where = { line: record.line, ...(typeof index === 'number' ? { event: index } : {}) };
    if (e instanceof ProtocolError) throw new VerificationFailure('bad-event', e.message, where);
    throw e;
  }
}

async function applyEvent(
  state: ElectionState,
  event: BoardEvent,
  pool: BallotPool | undefined,
): Promise<void> {
  const pooled = pool !== undefined && event.type === 'ballot' && state.phase === 'open';
  // Submitted first, so that a forged ballot is reported as such even when a cheaper check fails on it.
  if (pooled) await pool.submit(event.index, event.payload.ballot);
  state.apply(event, { ballotProofsChecked: pooled });
  if (event.type === 'open' && pool) {
    pool.start({
      definition: state.definition,
      publicKey: toBase64url(state.group.encode(state.publicKey!)),
    });
  }
}

/**
 * When decryption shares or the result fail, the tally they decrypt may be what is wrong: it comes
 * first, so it is checked (pass 2) and blamed if it is not the product of the counted ballots.
 */
async function earliestFailure(
  source: RecordSource,
  options: VerifyOptions,
  state: ElectionState,
  failure: VerificationFailure,
) {
  if (!state.tally || (failure.code !== 'bad-decryption-share' && failure.code !== 'bad-result'))
    return failure;
  try {
    await secondPass(source, options, state);
    return failure;
  } catch (e) {
    if (e instanceof VerificationFailure) return e;
    throw e;
  }
}

/** Re-reads the record and checks the tally's aggregate against the counted ballots. */
async function secondPass(source: RecordSource, options: VerifyOptions, state: ElectionState): Promise<void> {
  const group = options.group;
  async function* ballots() {
    for await (const record of recordLines(source.open(), options.maxLineChars)) {
      if (record.line % (options.progressEvery ?? PROGRESS_EVERY) === 0)
        options.onProgress?.({ pass: 2, lines: record.line });
      // Pass 1 checked that every line is a canonical event; here only ballot events matter.
      if (!record.text.includes('"type":"ballot"')) continue;
      const event = JSON.parse(record.text) as {
        type?: unknown;
        index: number;
        payload: { ballot: unknown };
      };
      if (event.type !== 'ballot') continue;
      yield { index: event.index, ballot: parseBallot(event.payload.ballot) };
    }
  }
  const aggregate = await aggregateCounted(group, state.definition!, ballots(), state.countedBallots());
  const recomputed = aggregate.answers.map((row) => row.map((c) => encodeCiphertext(group, c)));
  if (JSON.stringify(recomputed) !== JSON.stringify(state.tally!.answers)) {
    throw new VerificationFailure('bad-tally', 'the tally is not the product of the ballots that count', {
      event: state.tallyEvent!,
    });
  }
}
