/**
 * The tamper corpus (corpus.ts) against the universal verifier: the honest records verify with the
 * right result; each tampered record is rejected with the expected failure code, at the expected event
 * or line; and the few changes the verifier must accept are accepted, for the reason given.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NodeBallotPool } from '../../src/verifier/node-pool.ts';
import type { VerificationReport } from '../../src/verifier/report.ts';
import type { RecordSource } from '../../src/verifier/verify.ts';
import { verifyRecord } from '../../src/verifier/verify.ts';
import type { Base, Honest, Mutation } from './corpus.ts';
import { buildCorpus, buildFixtures, joinLines, SMALL_LINE_LIMIT } from './corpus.ts';

const fx = await buildFixtures();
const { mutations, accepted } = buildCorpus(fx);
const { group } = fx;

/** Records are fed in chunks, as a file stream would, so lines and UTF-8 sequences span chunks. */
const CHUNK = 16 * 1024;

function source(data: string | Uint8Array): RecordSource {
  return {
    async *open() {
      for (let i = 0; i < data.length; i += CHUNK) yield data.slice(i, i + CHUNK);
    },
  };
}

function baseOf(base: Base | undefined): Honest {
  return base === 'last-counts' ? fx.lastCounts : fx.single;
}

function recordOf(m: Mutation): string | Uint8Array {
  const out = m.mutate(baseOf(m.base).lines);
  return Array.isArray(out) ? joinLines(out) : out;
}

/** Each tampered record is made and verified once; several tests look at the report. */
const reports = new Map<Mutation, Promise<VerificationReport>>();
function reportOf(m: Mutation): Promise<VerificationReport> {
  let report = reports.get(m);
  if (!report) {
    report = verifyRecord(source(recordOf(m)), {
      group,
      ...(m.maxLineChars ? { maxLineChars: m.maxLineChars } : {}),
    });
    reports.set(m, report);
  }
  return report;
}

describe('honest records', () => {
  for (const [name, h] of [
    ['single (50 voters)', fx.single],
    ['last-counts (12 voters, 4 revotes)', fx.lastCounts],
    ['practice (10 voters)', fx.practice],
  ] as const) {
    test(`${name} verifies, with the voters' result`, async () => {
      const report = await verifyRecord(source(joinLines(h.lines)), {
        group,
        maxLineChars: SMALL_LINE_LIMIT,
      });
      assert.equal(report.ok, true, JSON.stringify(report.failure));
      assert.equal(report.phase, 'published');
      assert.deepEqual(
        report.result?.questions[0]?.candidates.map((c) => c.votes),
        h.sim.expected,
      );
      assert.equal(report.result?.counted, h.sim.credentials.length);
      assert.equal(report.counts.ballots, h.at.ballots.length);
    });
  }
});

describe('the corpus', () => {
  test('has at least 40 distinct mutations, each of which changes the record', () => {
    assert.ok(mutations.length >= 40, `${mutations.length} mutations`);
    assert.equal(new Set(mutations.map((m) => m.name)).size, mutations.length, 'names are unique');
    for (const m of mutations) {
      const honest = joinLines(baseOf(m.base).lines);
      const out = recordOf(m);
      const text = typeof out === 'string' ? out : Buffer.from(out).toString('latin1');
      assert.notEqual(text, honest, `${m.name} leaves the record as it was`);
    }
  });
});

describe('tampered records are rejected with the expected code', () => {
  for (const m of mutations) {
    test(`${m.name} → ${m.expected}`, async () => {
      const report = await reportOf(m);
      assert.equal(report.ok, false, 'the tampered record verified');
      const failure = report.failure!;
      const got = `${failure.code} (event ${failure.event}, line ${failure.line}): ${failure.message}`;
      assert.equal(failure.code, m.expected, got);
      if (m.event !== undefined) assert.equal(failure.event, m.event, got);
      if (m.line !== undefined) assert.equal(failure.line, m.line, got);
      if (m.because) assert.match(failure.message, m.because, got);
    });
  }
});

describe('a failed record', () => {
  // The result of a record that fails must not be shown as if it counted (the CLI prints the
  // report's result above the failure; the verifier page would draw it).
  test('reports no result, even when the failure comes after the result event', async () => {
    const shown: string[] = [];
    for (const m of mutations) {
      const report = await reportOf(m);
      if (!report.ok && report.result !== undefined) shown.push(`${m.name} (${report.failure!.code})`);
    }
    assert.deepEqual(shown, [], 'failed reports that still carry a result');
  });
});

/** The failures found at one ballot event: the ones a worker pool takes part in. */
const BALLOT_CODES = new Set(['bad-ballot', 'unlisted-credential', 'revote-forbidden', 'duplicate-ballot']);

describe('with ballot proofs checked by worker threads (as the CLI does)', () => {
  for (const m of mutations.filter((x) => BALLOT_CODES.has(x.expected))) {
    test(`${m.name} → ${m.expected}`, async () => {
      const pool = new NodeBallotPool({ workers: 2, backend: 'sodium' });
      const report = await verifyRecord(source(recordOf(m)), { group, pool });
      assert.equal(report.ok, false, 'the tampered record verified');
      const failure = report.failure!;
      const got = `${failure.code} (event ${failure.event}, line ${failure.line}): ${failure.message}`;
      assert.equal(failure.code, m.expected, got);
      if (m.event !== undefined) assert.equal(failure.event, m.event, got);
      if (m.because) assert.match(failure.message, m.because, got);
    });
  }
});

describe('changes the verifier rightly accepts', () => {
  for (const a of accepted) {
    test(`${a.name}: ${a.why}`, async () => {
      const h = baseOf(a.base);
      const changed = a.mutate(h.lines);
      assert.notDeepEqual(changed, h.lines);
      const report = await verifyRecord(source(joinLines(changed)), { group });
      assert.equal(report.ok, true, JSON.stringify(report.failure));
      if (a.phase === 'tallying') {
        assert.equal(report.phase, 'tallying');
        assert.equal(report.result, undefined);
      } else {
        assert.equal(report.phase, 'published');
        assert.deepEqual(
          report.result?.questions[0]?.candidates.map((c) => c.votes),
          h.sim.expected,
        );
      }
    });
  }
});
