import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { exportRecord } from '../../src/board/export.ts';
import { simulateElection } from '../../src/cli/simulate.ts';
import { loadGroup } from '../../src/crypto/backends.ts';
import { NodeBallotPool } from '../../src/verifier/node-pool.ts';
import { recordLines } from '../../src/verifier/record.ts';
import type { VerificationReport } from '../../src/verifier/report.ts';
import { renderReport } from '../../src/verifier/report.ts';
import { verifyRecord } from '../../src/verifier/verify.ts';

const group = await loadGroup();

async function recordOf(election: {
  store: Parameters<typeof exportRecord>[0];
  id: string;
}): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of exportRecord(election.store, election.id)) lines.push(line);
  return lines;
}

const source = (lines: readonly string[]) => ({
  open: async function* () {
    yield* lines;
  },
});

const withoutTiming = ({ ms: _, ...rest }: VerificationReport) => rest;

describe('honest elections verify', async () => {
  const single = await simulateElection({
    group,
    voters: 40,
    candidates: 4,
    trustees: 3,
    threshold: 2,
    abstainers: 5,
    auditors: 3,
  });
  const lastCounts = await simulateElection({
    group,
    voters: 30,
    candidates: 3,
    trustees: 5,
    threshold: 3,
    revoting: 'last-counts',
    revoters: 6,
    electionId: 'last-counts',
  });

  for (const [name, election] of [
    ['single', single],
    ['last-counts', lastCounts],
  ] as const) {
    test(`${name}: every check passes and the result is what the voters chose`, async () => {
      const report = await verifyRecord(source(await recordOf(election)), { group });
      assert.equal(report.ok, true, JSON.stringify(report.failure));
      assert.equal(report.phase, 'published');
      assert.deepEqual(
        report.result?.questions[0]?.candidates.map((c) => c.votes),
        election.expected,
      );
      assert.equal(
        report.counts.counted,
        election.expected.reduce((a, b) => a + b, 0),
      );
      assert.match(renderReport(report), /VERIFIED/);
    });
  }

  test('abstainers and revoters are counted as such', async () => {
    const s = await verifyRecord(source(await recordOf(single)), { group });
    assert.equal(s.counts.credentials, 40);
    assert.equal(s.counts.ballots, 35);
    const l = await verifyRecord(source(await recordOf(lastCounts)), { group });
    assert.equal(l.counts.ballots, 36);
    assert.equal(l.counts.counted, 30);
    assert.equal(l.counts.superseded, 6);
  });

  test('worker threads give the same report as the main thread', async () => {
    const lines = await recordOf(lastCounts);
    const inline = await verifyRecord(source(lines), { group });
    const pooled = await verifyRecord(source(lines), {
      group,
      pool: new NodeBallotPool({ workers: 2, backend: 'sodium' }),
    });
    assert.deepEqual(withoutTiming(pooled), withoutTiming(inline));
  });

  test('a record that stops before the result verifies as far as it goes', async () => {
    const lines = await recordOf(single);
    const closeAt = lines.findIndex((l) => l.includes('"type":"close"'));
    // Keep everything up to the head signed right after `close`.
    const report = await verifyRecord(source(lines.slice(0, closeAt + 2)), { group });
    assert.equal(report.ok, true, JSON.stringify(report.failure));
    assert.equal(report.phase, 'closed');
    assert.equal(report.result, undefined);
    assert.match(renderReport(report), /No result is published yet/);
  });
});

describe('reading a record in chunks', () => {
  test('any split into chunks, through multi-byte characters, gives the same lines', async () => {
    const text = '{"a":"Zoë"}\n{"b":"Ŵyn 🗳"}\n\n{"c":1}\n';
    const bytes = new TextEncoder().encode(text);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 8 }),
        async (cuts) => {
          const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
          const chunks = points.slice(1).map((end, i) => bytes.slice(points[i], end));
          const lines: string[] = [];
          for await (const { text: line } of recordLines(
            (async function* () {
              yield* chunks;
            })(),
          ))
            lines.push(line);
          assert.deepEqual(lines, text.split('\n').slice(0, -1));
        },
      ),
    );
  });

  test('a line over the limit is refused before it is read whole', async () => {
    async function* endless() {
      for (;;) yield 'x'.repeat(1000);
    }
    await assert.rejects(
      async () => {
        for await (const _ of recordLines(endless(), 10_000)) {
          // nothing: the reader must throw on its own
        }
      },
      { code: 'line-too-long' },
    );
  });
});
