/**
 * The durability test, for any backend: a server process (test/store/append-child.ts) appends to a
 * board and is killed with SIGKILL in the middle of its loop. Reopened, the store must hold every
 * append the process reported done, as one intact chain whose stored leaf hashes match the events,
 * under the board's latest signed head — and accept the next append.
 *
 * Not a test file itself: the backends' test files call it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Board } from '../../src/board/board.ts';
import { generateBoardKey } from '../../src/board/tree-head.ts';
import { toHex } from '../../src/crypto/bytes.ts';
import { openStore } from '../../src/store/open.ts';
import { appendKind, ELECTION } from '../board/fixtures.ts';
import { assertChain } from './harness.ts';

const CHILD = fileURLToPath(new URL('./append-child.ts', import.meta.url));
/** Appends the child must report before it is killed. */
const BEFORE_KILL = 40;
/** How long the child may take to report them (it loads the crypto backends first). */
const DEADLINE_MS = 30_000;

/** A database for one durability run, named by the URL that `openStore` takes. */
export interface DurableDatabase {
  readonly url: string;
  /** Extra checks of the database after the crash (SQLite: its integrity check). */
  readonly checkAfterCrash?: () => Promise<void>;
  readonly cleanup: () => Promise<void>;
}

/**
 * Runs the child against `url` until it has reported `count` appends, kills it with SIGKILL and
 * returns every index it reported (all complete lines, including any printed before the kill landed).
 */
async function appendUntilKilled(url: string, key: Uint8Array, count: number): Promise<number[]> {
  const child = spawn(process.execPath, [CHILD, url, ELECTION, toHex(key)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const reported: number[] = [];
  let pending = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) reported.push(Number(line));
    if (reported.length >= count && child.exitCode === null) child.kill('SIGKILL');
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), DEADLINE_MS);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  );
  clearTimeout(timer);
  assert.ok(
    reported.length >= count && signal === 'SIGKILL',
    `the appending process reported ${reported.length} of ${count} appends and ended with ${signal ?? `code ${code}`}:\n${stderr}`,
  );
  return reported;
}

/**
 * Declares the durability test for a backend; `make` gives a fresh database for the run.
 * @example `durabilityTest('SqliteStore', async () => ({ url: path, cleanup }))`
 */
export async function durabilityRun(make: () => Promise<DurableDatabase>): Promise<void> {
  const db = await make();
  try {
    const key = generateBoardKey().secretKey;
    // Some history first, written by this process, with a signed head over it.
    const first = await openStore(db.url);
    const board = await Board.open(first, ELECTION, key);
    await board.append('open', {});
    await appendKind(board, 'amendment', 0);
    await board.signHead();
    await first.close();

    const reported = await appendUntilKilled(db.url, key, BEFORE_KILL);
    assert.deepEqual(
      reported,
      reported.map((_, i) => i + 2),
      'the child appended after the existing events, one index at a time',
    );

    const store = await openStore(db.url);
    try {
      const size = await store.size(ELECTION);
      assert.ok(size >= reported.length + 2, `${size} events stored, ${reported.length} + 2 acknowledged`);
      // At most the one append in flight when the kill landed may be stored without being reported.
      assert.ok(size <= reported.length + 3, `${size} events stored, ${reported.length} + 2 acknowledged`);
      for (const index of reported) assert.equal((await store.event(ELECTION, index))?.index, index);
      await assertChain(store);
      // The latest head the child stored still matches the log; the board carries on.
      const reopened = await Board.open(store, ELECTION, key);
      assert.equal(reopened.size, size);
      await reopened.append('close', {});
      assert.equal(await store.size(ELECTION), size + 1);
      await db.checkAfterCrash?.();
    } finally {
      await store.close();
    }
  } finally {
    await db.cleanup();
  }
}
