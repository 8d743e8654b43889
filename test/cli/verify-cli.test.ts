import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const main = new URL('../../src/cli/main.ts', import.meta.url).pathname;
const psephos = (...args: string[]) =>
  spawnSync(process.execPath, [main, ...args], { encoding: 'utf8', timeout: 120_000 });

describe('psephos demo and verify', () => {
  const out = mkdtempSync(join(tmpdir(), 'psephos-cli-'));
  const demo = psephos('demo', '--voters', '30', '--candidates', '3', '--out', out);
  const record = join(out, 'demo.psephos.jsonl');

  test("demo runs an election whose verified result equals the voters' choices", () => {
    assert.equal(demo.status, 0, demo.stderr);
    assert.match(demo.stdout, /VERIFIED: every check passed/);
    assert.match(demo.stdout, /The published result equals what the members chose/);
  });

  test('verify exits 0 with a report, and --json gives the same verdict as JSON', () => {
    const text = psephos('verify', record, '--workers', '1');
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /VERIFIED/);
    const json = psephos('verify', record, '--json', '--workers', '0');
    assert.equal(json.status, 0);
    const report = JSON.parse(json.stdout) as { ok: boolean; counts: { credentials: number } };
    assert.equal(report.ok, true);
    assert.equal(report.counts.credentials, 30);
  });

  test('a tampered record exits 1 and names the failing check', () => {
    const lines = readFileSync(record, 'utf8').split('\n');
    const i = lines.findIndex((l) => l.includes('"type":"result"'));
    lines[i] = lines[i]!.replace(/"counts":\[\[(\d+)/, (_, n: string) => `"counts":[[${Number(n) + 1}`);
    const tampered = join(out, 'tampered.psephos.jsonl');
    writeFileSync(tampered, lines.join('\n'));
    const run = psephos('verify', tampered, '--json');
    assert.equal(run.status, 1);
    const report = JSON.parse(run.stdout) as { ok: boolean; failure: { code: string } };
    assert.equal(report.ok, false);
    // The decrypted shares say otherwise: caught before the signed head that follows would be.
    assert.equal(report.failure.code, 'bad-result');
  });

  test('an unreadable file exits 2; bad options exit 2 with a plain message', () => {
    const missing = psephos('verify', join(out, 'nope.jsonl'));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read/);
    const bad = psephos('verify', record, '--workers', 'many');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /whole number/);
  });
});
