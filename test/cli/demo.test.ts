import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runDemo } from '../../src/cli/demo.ts';

for (const store of ['sqlite', 'postgres'] as const) {
  describe(`psephos demo with 200 members on ${store}`, () => {
    test('the verified record publishes exactly what the members chose, under last-counts', async () => {
      const out = mkdtempSync(join(tmpdir(), `psephos-demo-${store}-`));
      const outcome = await runDemo({
        voters: 200,
        candidates: 4,
        trustees: 3,
        threshold: 2,
        revoting: 'last-counts',
        store,
        out,
        serve: false,
        port: 0,
      });
      const r = outcome.report;
      assert.equal(r.ok, true, JSON.stringify(r.failure));
      assert.equal(r.phase, 'published');
      assert.deepEqual(
        r.result?.questions[0]?.candidates.map((c) => c.votes),
        outcome.expected,
      );
      assert.equal(r.counts.credentials, 200);
      assert.equal(r.counts.counted, 170);
      assert.equal(r.counts.superseded, 20, 'the members who voted twice have one ballot each counted');
      assert.equal(outcome.audited, 4);
      assert.ok(outcome.recordPath.endsWith('demo.psephos.jsonl'));
    });
  });
}
