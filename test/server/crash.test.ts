/**
 * Crash safety of casting (SPEC.md §17.2: a ballot is acknowledged only once it is durable). The server
 * runs as a child process (crash-server.ts) on SQLite and on PostgreSQL; several concurrent voters cast
 * while it is killed with SIGKILL at a random moment, three times, and started again on the same store.
 * Afterwards:
 * - every acknowledged ballot is on the board, exactly once, at its receipt's index;
 * - a ballot sent but not answered is retried: if it had reached the board, the retry gets its receipt
 *   back with `replay: true` (the same index), never a second copy; if not, it is cast now;
 * - after every restart the latest head extends every receipt's head (consistency proofs), and at the
 *   end every receipt verifies (verifyReceipt, verifyLaterHead) against the final head;
 * - the election closes and publishes, the record verifies (hash chain, heads, signatures, tally), and
 *   its result is the voters' choices in the ballots on the board;
 * - the roll agrees with the board: every voter whose ballot is on it is marked as having voted.
 *
 * The kill delays, the number of concurrent voters and the choices come from a seeded generator
 * (PSEPHOS_CRASH_SEED to repeat one; the seed is printed). Where the kill lands still depends on timing.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Receipt } from '../../src/board/receipt.ts';
import { verifyLaterHead, verifyReceipt } from '../../src/board/receipt.ts';
import type { SignedTreeHead } from '../../src/board/tree-head.ts';
import { ApiClientError, api, closeAndPublish, openHttpElection } from '../../src/cli/http-election.ts';
import { loadGroup } from '../../src/crypto/backends.ts';
import { toBase64url } from '../../src/crypto/bytes.ts';
import type { Ballot } from '../../src/protocol/ballot.ts';
import { createBallot } from '../../src/protocol/ballot.ts';
import type { BoardEvent } from '../../src/protocol/events.ts';
import { tracker } from '../../src/protocol/tracker.ts';
import { createAdminToken } from '../../src/server/auth.ts';
import { openStore } from '../../src/store/open.ts';
import { verifyRecord } from '../../src/verifier/verify.ts';
import { freshPostgresUrl } from '../support/postgres.ts';

const CHILD = fileURLToPath(new URL('./crash-server.ts', import.meta.url));
const group = await loadGroup();

const ELECTION = 'crash-2026';
/**
 * Enough voters that clients are still casting when the kill comes (100–600 ms into a round): with ~40,
 * a round's dozen ballots were all answered within ~150 ms and no kill ever met a request in flight.
 */
const VOTERS = 400;
const CANDIDATES = 3;
/** Rounds that end in SIGKILL; a last round without one casts what is left. */
const CRASHES = 3;
/** New ballots per crash round, ~0.5–1 s of casting (the rest, and the unanswered ones, go last). */
const PER_ROUND = 120;
/** How long a child may take to print READY (it loads the crypto backends and migrates the store). */
const READY_MS = 20_000;

const SEED = Number(process.env.PSEPHOS_CRASH_SEED ?? Date.now() % 2 ** 31);

/** mulberry32: a small seeded generator; `int(n)` is uniform in 0..n-1. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return { int: (n: number) => Math.floor(next() * n) };
}

/** Every child started, so that `after` can kill whatever is still running. */
const children = new Set<ChildProcess>();
after(() => {
  for (const child of children) child.kill('SIGKILL');
});

interface ServerChild {
  readonly baseUrl: string;
  /** The link of the first login email printed for this address (waits for it). */
  link(email: string): Promise<string>;
  /** SIGKILL; resolves once the process is gone. */
  kill(): Promise<void>;
  /** Everything the child printed that is not READY or MAIL, and its stderr (for failure messages). */
  output(): string;
}

async function startServer(url: string): Promise<ServerChild> {
  const child = spawn(process.execPath, [CHILD, url], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => children.delete(child));
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const links = new Map<string, string>();
  const waiting = new Map<string, ((link: string) => void)[]>();
  let ready: (port: number) => void;
  const port = new Promise<number>((resolve) => {
    ready = resolve;
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const mail = /^MAIL (\S+) (\S+)$/.exec(line);
    if (mail) {
      const [, email, link] = mail as unknown as [string, string, string];
      if (!links.has(email)) links.set(email, link);
      for (const resolve of waiting.get(email) ?? []) resolve(links.get(email)!);
      waiting.delete(email);
    } else if (/^READY \d+$/.test(line)) ready(Number(line.slice(6)));
    else log += `${line}\n`;
  });
  let timer: NodeJS.Timeout | undefined;
  const failed = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the server did not start in time:\n${log}`)), READY_MS);
    void exited.then(() => reject(new Error(`the server exited before it was ready:\n${log}`)));
  });
  try {
    const baseUrl = `http://127.0.0.1:${await Promise.race([port, failed])}`;
    return {
      baseUrl,
      link: (email) =>
        links.has(email)
          ? Promise.resolve(links.get(email)!)
          : new Promise((resolve) => waiting.set(email, [...(waiting.get(email) ?? []), resolve])),
      kill: async () => {
        child.kill('SIGKILL');
        await exited;
      },
      output: () => log,
    };
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  } finally {
    clearTimeout(timer);
    failed.catch(() => undefined);
  }
}

type Outcome =
  | { readonly kind: 'ack'; readonly receipt: Receipt; readonly replay: boolean }
  | { readonly kind: 'lost'; readonly error: string }
  | { readonly kind: 'refused'; readonly status: number; readonly code: string; readonly message: string };

/** One cast: a receipt, a refusal (an HTTP error), or a lost connection (the server died). */
async function cast(baseUrl: string, token: string, ballot: Ballot): Promise<Outcome> {
  try {
    const reply = await api<{ receipt: Receipt; replay: boolean }>(
      baseUrl,
      'POST',
      `/api/elections/${ELECTION}/ballots`,
      token,
      ballot,
    );
    return { kind: 'ack', receipt: reply.receipt, replay: reply.replay };
  } catch (e) {
    if (e instanceof ApiClientError)
      return { kind: 'refused', status: e.status, code: e.code, message: e.message };
    return { kind: 'lost', error: String((e as Error).cause ?? e) };
  }
}

/** The index of the ballot with this tracker on the board, or undefined (404). */
async function onBoard(baseUrl: string, trackerText: string): Promise<number | undefined> {
  try {
    const found = await api<Receipt>(
      baseUrl,
      'GET',
      `/api/elections/${ELECTION}/board/ballots/${trackerText}`,
    );
    return found.index;
  } catch (e) {
    if (e instanceof ApiClientError && e.status === 404) return undefined;
    throw e;
  }
}

/** The latest head, and every receipt checked against it with a consistency proof from its own head. */
async function checkReceipts(
  baseUrl: string,
  boardKey: string,
  receipts: Iterable<Receipt>,
): Promise<SignedTreeHead> {
  const head = await api<SignedTreeHead>(baseUrl, 'GET', `/api/elections/${ELECTION}/board/head`);
  const proofs = new Map<number, string[]>();
  for (const receipt of receipts) {
    verifyReceipt(boardKey, receipt, ELECTION);
    let proof = proofs.get(receipt.head.size);
    if (!proof) {
      proof = (
        await api<{ proof: string[] }>(
          baseUrl,
          'GET',
          `/api/elections/${ELECTION}/board/consistency?from=${receipt.head.size}&to=${head.size}`,
        )
      ).proof;
      proofs.set(receipt.head.size, proof);
    }
    verifyLaterHead(boardKey, receipt, head, proof);
  }
  return head;
}

/** Every event on the board, a page at a time. */
async function boardEvents(baseUrl: string): Promise<BoardEvent[]> {
  const events: BoardEvent[] = [];
  for (let page = 0; page < 100; page++) {
    const reply = await api<{ size: number; events: BoardEvent[] }>(
      baseUrl,
      'GET',
      `/api/elections/${ELECTION}/board/events?from=${events.length}`,
    );
    events.push(...reply.events);
    if (events.length >= reply.size || reply.events.length === 0) break;
  }
  return events;
}

function crashRun(name: string, storeUrl: () => Promise<{ url: string; cleanup: () => Promise<void> }>) {
  describe(`casting survives SIGKILL of the server (${name})`, () => {
    let cleanup: (() => Promise<void>) | undefined;
    after(async () => {
      for (const child of children) child.kill('SIGKILL');
      await cleanup?.();
    });

    test('acknowledged ballots stay, once each; retries replay; receipts verify against later heads; the record verifies', {
      timeout: 90_000,
    }, async (t) => {
      const rng = generator(SEED);
      t.diagnostic(`seed ${SEED} (PSEPHOS_CRASH_SEED)`);
      const location = await storeUrl();
      cleanup = location.cleanup;
      const store = await openStore(location.url);
      await store.setAdmin('returning-officer', 'not-used-with-tokens');
      const adminToken = await createAdminToken(store, 'returning-officer', 1);
      await store.close();

      const voters = Array.from({ length: VOTERS }, (_, i) => ({
        voterId: `M${2000 + i}`,
        email: `member${i}@example.org`,
        name: `Member ${i}`,
      }));
      const options = {
        adminToken,
        group,
        electionId: ELECTION,
        candidates: CANDIDATES,
        trustees: 3,
        threshold: 2,
        revoting: 'single' as const,
      };

      let server = await startServer(location.url);
      const open = await openHttpElection({ ...options, baseUrl: server.baseUrl, voters });
      const boardKey = open.definition.boardKey;

      // Logins before the crashes: sessions are in the store, so the bearer tokens outlive the server.
      const first = server;
      await Promise.all(
        voters.map((v) =>
          api(first.baseUrl, 'POST', `/api/elections/${ELECTION}/login`, undefined, { email: v.email }),
        ),
      );
      const tokens = await Promise.all(
        voters.map(async (v) => {
          const link = await first.link(v.email);
          const reply = await api<{ token: string }>(
            first.baseUrl,
            'POST',
            `/api/elections/${ELECTION}/login/verify`,
            undefined,
            { token: link.split('#')[1] },
          );
          return reply.token;
        }),
      );
      const choices = voters.map(() => rng.int(CANDIDATES));
      const ballots = voters.map(
        (_, i) => createBallot(group, open.ballotElection, open.credentials[i]!, [[choices[i]!]]).ballot,
      );
      const trackers = ballots.map((b) => toBase64url(tracker(b)));

      const receipts = new Map<number, Receipt>();
      /** Sent, but the server died before it answered. */
      const unanswered = new Set<number>();
      /** Not sent yet, in the order they will be. */
      const waiting = Array.from({ length: VOTERS }, (_, v) => v);
      for (let i = waiting.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [waiting[i], waiting[j]] = [waiting[j]!, waiting[i]!];
      }
      const retries = { onBoard: 0, notOnBoard: 0 };

      for (let round = 0; round <= CRASHES; round++) {
        const crash = round < CRASHES;
        if (round > 0) {
          server = await startServer(location.url);
          // The heads after the restart extend every head a receipt was issued under.
          const head = await checkReceipts(server.baseUrl, boardKey, receipts.values());
          assert.ok(
            [...receipts.values()].every((r) => r.head.size <= head.size),
            'the latest head is at least as large as every receipt head',
          );
        }
        // Where each unanswered ballot is now: on the board (its retry must replay) or not.
        const before = new Map<number, number | undefined>();
        for (const v of unanswered) before.set(v, await onBoard(server.baseUrl, trackers[v]!));

        // The retries first, then new ballots; 4–8 concurrent voters' clients take the next one each.
        const queue = [...unanswered, ...waiting.splice(0, crash ? PER_ROUND : waiting.length)];
        const lanes = 4 + rng.int(5);
        const killAfter = 100 + rng.int(501);
        const current = server;
        const killed = crash
          ? new Promise<void>((resolve) => setTimeout(() => resolve(current.kill()), killAfter))
          : undefined;
        const outcomes = new Map<number, Outcome>();
        let next = 0;
        const started = performance.now();
        await Promise.all(
          Array.from({ length: lanes }, async () => {
            while (next < queue.length) {
              const v = queue[next++]!;
              const outcome = await cast(current.baseUrl, tokens[v]!, ballots[v]!);
              outcomes.set(v, outcome);
              if (outcome.kind === 'lost') return; // the server is gone: this client stops
            }
          }),
        );
        const castMs = Math.round(performance.now() - started);
        await killed;
        // What was not sent waits for the next round.
        waiting.unshift(...queue.filter((v) => !outcomes.has(v) && !unanswered.has(v)));

        for (const [v, outcome] of outcomes) {
          if (outcome.kind === 'refused')
            assert.fail(
              `round ${round}: the ballot of voter ${v} was refused (${outcome.status} ${outcome.code}: ${outcome.message})\n${current.output()}`,
            );
          if (before.has(v) && outcome.kind === 'ack') {
            const index = before.get(v);
            if (index === undefined) retries.notOnBoard++;
            else retries.onBoard++;
            assert.equal(
              outcome.replay,
              index !== undefined,
              `voter ${v}'s retry: replay is true exactly when the ballot was already on the board`,
            );
            if (index !== undefined)
              assert.equal(outcome.receipt.index, index, 'a replay has the original index');
          } else if (outcome.kind === 'ack') {
            assert.equal(outcome.replay, false, 'a ballot sent for the first time is no replay');
          }
          if (outcome.kind === 'lost') {
            unanswered.add(v);
            continue;
          }
          const receipt = verifyReceipt(boardKey, outcome.receipt, ELECTION);
          assert.equal(receipt.tracker, trackers[v], 'the receipt is for the ballot sent');
          unanswered.delete(v);
          receipts.set(v, receipt);
        }
        const count = (kind: Outcome['kind']) => [...outcomes.values()].filter((o) => o.kind === kind).length;
        t.diagnostic(
          `round ${round}: ${lanes} clients, ${crash ? `SIGKILL after ${killAfter} ms` : 'no kill'}; ` +
            `${count('ack')} acknowledged, ${count('lost')} unanswered, ${queue.length - outcomes.size} not sent (clients ran ${castMs} ms)`,
        );
        if (!crash) assert.equal(count('ack'), queue.length, `every ballot was cast:\n${current.output()}`);
      }
      t.diagnostic(
        `retries of unanswered ballots: ${retries.onBoard} were on the board (replayed), ${retries.notOnBoard} were not (cast)`,
      );
      assert.equal(receipts.size, VOTERS, 'in the end every voter has a receipt');
      assert.equal(unanswered.size, 0);

      // A voter whose receipt got lost on the way sends the ballot again: the same receipt, no second copy.
      for (const v of [...receipts.keys()].slice(0, 10)) {
        const again = await cast(server.baseUrl, tokens[v]!, ballots[v]!);
        assert.equal(again.kind, 'ack');
        if (again.kind !== 'ack') continue;
        assert.equal(again.replay, true, `voter ${v}'s ballot sent again is a replay`);
        assert.equal(again.receipt.index, receipts.get(v)!.index);
        assert.equal(again.receipt.leafHash, receipts.get(v)!.leafHash);
      }

      // Every receipt, issued before or after a crash, verifies against the head of today's board.
      const base = server.baseUrl;
      await checkReceipts(base, boardKey, receipts.values());

      // Each acknowledged tracker is on the board once, at its receipt's index; nothing else is.
      const events = await boardEvents(base);
      const onTheBoard = new Map<string, number[]>();
      for (const event of events)
        if (event.type === 'ballot') {
          const id = toBase64url(tracker(event.payload.ballot));
          onTheBoard.set(id, [...(onTheBoard.get(id) ?? []), event.index]);
        }
      for (const [v, receipt] of receipts) {
        assert.deepEqual(
          onTheBoard.get(trackers[v]!),
          [receipt.index],
          `voter ${v}'s ballot is on the board once`,
        );
        assert.equal(await onBoard(base, trackers[v]!), receipt.index);
      }
      assert.equal(onTheBoard.size, VOTERS, 'no ballot on the board that no voter cast');
      const expected = Array<number>(CANDIDATES).fill(0);
      for (const id of onTheBoard.keys()) expected[choices[trackers.indexOf(id)]!]!++;

      await closeAndPublish({ ...options, baseUrl: base }, open);
      const finalHead = await checkReceipts(base, boardKey, receipts.values());
      const response = await fetch(`${base}/api/elections/${ELECTION}/record`);
      assert.equal(response.status, 200);
      const text = await response.text();
      const report = await verifyRecord(
        {
          open: async function* () {
            yield text;
          },
        },
        { group },
      );
      assert.equal(report.ok, true, JSON.stringify(report.failure));
      assert.equal(report.phase, 'published');
      assert.equal(report.counts.counted, VOTERS);
      assert.deepEqual(
        report.result?.questions[0]?.candidates.map((c) => c.votes),
        expected,
      );
      const lastLine = JSON.parse(text.trimEnd().split('\n').at(-1)!) as { size?: number; root?: string };
      assert.equal(lastLine.size, finalHead.size, 'the record ends with the final head');
      await server.kill();

      // The roll agrees with the board: every voter whose ballot is on it is marked as having voted.
      const after = await openStore(location.url);
      try {
        const unmarked = (await after.voters(ELECTION, { notVoted: true, limit: VOTERS })).map(
          (v) => v.voterId,
        );
        assert.deepEqual(
          unmarked,
          [],
          `these voters' ballots are on the board, yet the roll says they have not voted: ${unmarked.join(', ')}`,
        );
        assert.deepEqual(await after.countVoters(ELECTION), { total: VOTERS, voted: VOTERS });
      } finally {
        await after.close();
      }
    });
  });
}

crashRun('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'psephos-crash-'));
  return {
    url: `sqlite:${join(dir, 'store.sqlite')}`,
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
crashRun('PostgreSQL', freshPostgresUrl);
