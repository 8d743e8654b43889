/**
 * Tests with other processes on the database, for any backend (test/store/append-child.ts plays the
 * server process):
 * - durability: a process appending to a board is killed with SIGKILL in the middle of its loop.
 *   Reopened, the store must hold every append the process reported done, as one intact chain whose
 *   stored leaf hashes match the events, under the board's latest signed head — and accept the next
 *   append;
 * - two writers: two processes append to one board at once, each retrying after `conflict`. Every
 *   append lands exactly once, in one chain.
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

/** Runs the child with a count to the end; returns the indices it reported. */
async function appendCount(url: string, key: Uint8Array, count: number): Promise<number[]> {
  const child = spawn(process.execPath, [CHILD, url, ELECTION, toHex(key), String(count)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), DEADLINE_MS);
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  clearTimeout(timer);
  assert.equal(code, 0, `the appending process failed:\n${stderr}`);
  return stdout.trim().split('\n').map(Number);
}

/**
 * Two processes appending to one board at once, each `count` events: all land once, in one chain.
 * @example `await twoWritersRun(async () => ({ url, cleanup }), 30)`
 */
export async function twoWritersRun(make: () => Promise<DurableDatabase>, count = 30): Promise<void> {
  const db = await make();
  try {
    const key = generateBoardKey().secretKey;
    const first = await openStore(db.url);
    await (await Board.open(first, ELECTION, key)).append('open', {});
    await first.close();
    const [a, b] = await Promise.all([appendCount(db.url, key, count), appendCount(db.url, key, count)]);
    const store = await openStore(db.url);
    try {
      assert.equal(await store.size(ELECTION), 1 + 2 * count);
      assert.deepEqual(
        [...a!, ...b!].sort((x, y) => x - y),
        Array.from({ length: 2 * count }, (_, i) => i + 1),
        'each index was appended by exactly one of the two processes',
      );
      await assertChain(store);
      assert.equal((await Board.open(store, ELECTION, key)).size, 1 + 2 * count);
    } finally {
      await store.close();
    }
  } finally {
    await db.cleanup();
  }
}

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
 * The durability test for a backend; `make` gives a fresh database for the run.
 * @example `await durabilityRun(async () => ({ url: `sqlite:${path}`, cleanup }))`
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
