import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateBoardKey } from '../../src/board/tree-head.ts';
import { sampleDraft } from '../../src/cli/simulate.ts';
import { loadGroup } from '../../src/crypto/backends.ts';
import { randomScalar } from '../../src/crypto/scalar.ts';
import { fingerprint, parseDefinition } from '../../src/protocol/definition.ts';
import { CheckPool } from '../../src/server/check-pool.ts';
import { ApiError } from '../../src/server/errors.ts';

const group = await loadGroup();
const definition = parseDefinition({
  ...sampleDraft({
    id: 'pool',
    title: 'Pool',
    candidates: 2,
    trustees: 1,
    threshold: 1,
    revoting: 'single',
    opensAt: '2026-01-01T00:00:00Z',
    closesAt: '2026-01-02T00:00:00Z',
  }),
  boardKey: generateBoardKey().publicKey,
});
const election = {
  definition,
  fingerprint: fingerprint(definition),
  publicKey: group.mulBase(randomScalar()),
};

test('a worker that dies fails only its ballot with 503, and is restarted ever more slowly, with a warning', async () => {
  const warnings: string[] = [];
  const pool = new CheckPool(
    1,
    group,
    (m) => warnings.push(m),
    new URL('./support/dying-worker.ts', import.meta.url),
  );
  try {
    await assert.rejects(
      pool.check(election, {}),
      (e: unknown) => e instanceof ApiError && e.status === 503 && e.code === 'unavailable',
    );
    // Wait for a few restarts (100 ms, then 200 ms, then 400 ms).
    await new Promise((resolve) => setTimeout(resolve, 1200));
    assert.ok(warnings.length >= 3, `warnings: ${warnings.join(' | ')}`);
    const delays = warnings.map((w) => Number(/restarting in (\d+) ms/.exec(w)?.[1]));
    assert.deepEqual(delays.slice(0, 3), [100, 200, 400]);
  } finally {
    await pool.close();
  }
  const count = warnings.length;
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(warnings.length, count, 'no restart after close');
});
