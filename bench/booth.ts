/**
 * Benchmark of the voter booth in Chromium: `npm run bench:booth [-- --json] [-- --quick]`.
 *
 * The pages are the current sources built into a temporary directory (or, when PSEPHOS_WEB_DIST is
 * set, the build found there, as the browser tests use it), served by a real server (SQLite, loopback)
 * with a 10-candidate "choose 1" election open. Measured:
 *
 * - **encryption**: the booth's worker (the built `booth-worker-*.js`, started by the page as the booth
 *   starts it) encrypts and signs a 10-candidate "choose 1" ballot with every proof; timed in the page,
 *   from posting the request to the worker's answer, after warm-up runs; median and p90 (goal < 15 ms).
 * - **bundle**: what a voter's phone downloads for the booth, gzip-compressed (level 9): the entry
 *   JavaScript with its static imports, the stylesheet, and the worker without the WebAssembly of
 *   libsodium, which its ESM build embeds as one base64 string (measured apart, and the worker with
 *   it); chunks loaded only on demand (the QR code libraries) are listed too (goal < 250 kB).
 * - **time to interactive** on a throttled phone: a fresh context (no cache) at 390 × 844 px, CPU
 *   slowed 4× and the network at 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip (Chrome DevTools
 *   Protocol). Measured in the page, from navigation start (performance.timeOrigin) to the first task
 *   the main thread runs after the login form's code field is in the document, enabled and has taken
 *   the focus once (a MutationObserver watches for it; the focus is tried, then given back): then a tap
 *   on the field is answered. The booth first fetches the election (definition, fingerprint check)
 *   and the session, so this includes two API round trips. Median of 3 loads; the bytes those loads
 *   transferred are reported too (the server sends the build's precompressed copies).
 * - **in-browser verification**: the verifier page checks a simulated record (bench/verify.ts makes
 *   it) chosen as a file; the verifier's own time and the time from the click to the verdict, per
 *   ballot.
 *
 * Figures are measurements on a shared machine, never asserted. `--quick` does fewer runs.
 * New measurements go into {@link MEASUREMENTS}.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import type { OpenElection } from '../src/cli/http-election.ts';
import { toBase64url } from '../src/crypto/bytes.ts';
import { encodeElement } from '../src/protocol/codec.ts';
import type { Row } from './lib.ts';
import { report, round } from './lib.ts';

const quick = process.argv.includes('--quick');
const ELECTION = 'bench-booth';
const CANDIDATES = 10;

/** What every measurement may use. */
export interface BoothBench {
  readonly baseUrl: string;
  /** The built pages (index.html, assets/). */
  readonly dist: string;
  readonly browser: Browser;
  readonly electionId: string;
  readonly election: OpenElection;
  readonly quick: boolean;
}

/** One row of the report: a figure, its unit, and the goal it is held against (if any). */
export interface BoothRow extends Row {
  measure: string;
  value: number;
  unit: string;
  goal: string;
  met: string;
  note: string;
}

/** A named measurement of the booth, giving one or more rows. */
export interface BoothMeasurement {
  readonly name: string;
  run(bench: BoothBench): Promise<BoothRow[]>;
}

function row(measure: string, value: number, unit: string, note = '', goal?: { below: number }): BoothRow {
  return {
    measure,
    value: round(value),
    unit,
    goal: goal ? `< ${goal.below}` : '',
    met: goal ? (value < goal.below ? 'yes' : 'no') : '',
    note,
  };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function assetNamed(dist: string, pattern: RegExp): string {
  const name = readdirSync(join(dist, 'assets')).find((n) => pattern.test(n));
  if (!name) throw new Error(`no asset matching ${pattern} in ${dist}/assets`);
  return name;
}

const encryption: BoothMeasurement = {
  name: 'encryption in the booth worker',
  async run({ baseUrl, dist, browser, electionId, election, quick }) {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The booth's own origin, CSP and all: the worker is started here as the booth starts it.
    await page.goto(`${baseUrl}/vote/${electionId}`);
    await page.locator('#login-code').waitFor();
    const group = (await import('../test/web/fixtures.ts')).group;
    const workerElection = {
      definition: election.definition,
      fingerprint: toBase64url(election.ballotElection.fingerprint),
      electionKey: encodeElement(group, election.ballotElection.publicKey),
    };
    const measured = await page.evaluate(
      async ({ url, workerElection, credential, warm, runs, candidates }) => {
        const worker = new Worker(url, { type: 'module', name: 'psephos-booth' });
        let next = 0;
        const call = (request: unknown) =>
          new Promise<{ slot?: number; ms?: number } & Record<string, unknown>>((resolve, reject) => {
            const id = ++next;
            const listen = (event: MessageEvent) => {
              if (event.data.id !== id) return;
              worker.removeEventListener('message', listen);
              if (event.data.ok) resolve(event.data.result);
              else reject(new Error(event.data.message));
            };
            worker.addEventListener('message', listen);
            worker.postMessage({ id, request });
          });
        const backend = String(await call({ kind: 'warm' }));
        const times: number[] = [];
        for (let i = 0; i < warm + runs; i++) {
          const started = performance.now();
          const sealed = await call({
            kind: 'encrypt',
            election: workerElection,
            credential,
            chosen: [[i % candidates]],
          });
          const ms = performance.now() - started;
          await call({ kind: 'forget', slot: sealed.slot });
          if (i >= warm) times.push(ms);
        }
        worker.terminate();
        return { backend, times };
      },
      {
        url: `/assets/${assetNamed(dist, /^booth-worker-.*\.js$/)}`,
        workerElection,
        credential: election.credentials[0]!,
        warm: quick ? 2 : 5,
        runs: quick ? 5 : 20,
        candidates: CANDIDATES,
      },
    );
    await context.close();
    const note = `${measured.times.length} runs, ${measured.backend} backend`;
    const what = `encrypt + all proofs + signature, choose 1 of ${CANDIDATES}, booth worker`;
    return [
      row(`${what}: median`, percentile(measured.times, 50), 'ms', note, { below: 15 }),
      row(`${what}: p90`, percentile(measured.times, 90), 'ms', note, { below: 15 }),
    ];
  },
};

/** The entry's static imports, followed (not its dynamic import() chunks). */
function staticClosure(dist: string, entry: string): string[] {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dist, 'assets', file), 'utf8');
    for (const m of code.matchAll(
      /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]*?from\s*)?["']\.\/([^"']+\.js)["']/g,
    ))
      queue.push(m[1]!);
  }
  return [...seen];
}

const gz = (content: string | Buffer) => gzipSync(content, { level: 9 }).length / 1000;

/** What the on-demand chunks that Vite names after their module's file hold. */
const CHUNKS: Readonly<Record<string, string>> = {
  browser: 'qrcode (drawing QR codes)',
  jsQR: 'jsqr (reading QR codes in pictures)',
};

function chunkName(file: string): string {
  const chunk = file.replace(/-[\w-]{8}\.js$/, '');
  return CHUNKS[chunk] ?? chunk;
}

/** libsodium's ESM build embeds its WebAssembly as one base64 string literal (it starts "\0asm"). */
const WASM = /(["'`])AGFzbQ[A-Za-z0-9+/=]*\1/g;

/** A file's code with every embedded WebAssembly replaced by "", and those literals. */
function splitWasm(code: string): { code: string; wasm: string[] } {
  return { code: code.replace(WASM, '""'), wasm: code.match(WASM) ?? [] };
}

const bundle: BoothMeasurement = {
  name: 'booth bundle size',
  async run({ dist }) {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const entry = /<script[^>]*\bsrc="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
    const styles = [...html.matchAll(/<link[^>]*\bhref="\/assets\/([^"]+\.css)"/g)].map((m) => m[1]!);
    if (!entry) throw new Error('index.html names no script');
    const initial = staticClosure(dist, entry);
    const read = (file: string) => readFileSync(join(dist, 'assets', file), 'utf8');
    const entrySplit = initial.map((f) => splitWasm(read(f)));
    const js = entrySplit.reduce((n, f) => n + gz(f.code), 0);
    const entryWasm = entrySplit.flatMap((f) => f.wasm);
    const css = styles.reduce((n, f) => n + gz(read(f)), 0);
    const worker = splitWasm(read(assetNamed(dist, /^booth-worker-.*\.js$/)));
    const wasm = worker.wasm[0];
    if (!wasm) throw new Error('the booth worker embeds no base64 WebAssembly (did libsodium change?)');
    const workerWithout = gz(worker.code);
    const wasmInEntry = entryWasm.reduce((n, w) => n + gz(w), 0);
    const all = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
    const onDemand = all.filter((f) => !initial.includes(f) && !/-worker-/.test(f));
    const kB = 'kB gzip';
    const files = `${initial.length} file${initial.length > 1 ? 's' : ''}, every page`;
    return [
      row(`entry JavaScript without WebAssembly (${files})`, js, kB),
      ...(entryWasm.length > 0
        ? [row('WebAssembly also in the entry', wasmInEntry, kB, 'a page loads the group on the main thread')]
        : []),
      row('stylesheet', css, kB),
      row('booth worker without the WebAssembly', workerWithout, kB),
      row(
        'libsodium WebAssembly, base64 in the worker',
        gz(wasm),
        kB,
        `${round(wasm.length / 1000)} kB as text`,
      ),
      row('booth: entry + stylesheet + worker, without WebAssembly', js + css + workerWithout, kB, '', {
        below: 250,
      }),
      row('booth as downloaded, WebAssembly included', js + wasmInEntry + css + gz(wasm) + workerWithout, kB),
      ...onDemand.map((f) => row(`loaded on demand: ${chunkName(f)}`, gz(read(f)), kB, 'import()')),
    ];
  },
};

/** Throttling of a mid-range phone on a slow mobile network. */
const PHONE_NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: 1_600_000 / 8,
  uploadThroughput: 750_000 / 8,
};

const timeToInteractive: BoothMeasurement = {
  name: 'time to interactive, throttled phone',
  async run({ baseUrl, browser, electionId, quick }) {
    const loads: { tti: number; field: number; dcl: number; bytes: number }[] = [];
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
      });
      await context.addInitScript(() => {
        const w = window as unknown as { __field?: number; __tti?: number };
        const seen = (observer: MutationObserver) => {
          const field = document.getElementById('login-code') as HTMLInputElement | null;
          if (!field || field.disabled) return;
          field.focus();
          if (document.activeElement !== field) return;
          field.blur();
          observer.disconnect();
          w.__field = performance.now();
          setTimeout(() => {
            w.__tti = performance.now();
          }, 0);
        };
        const observer = new MutationObserver(() => seen(observer));
        observer.observe(document, { childList: true, subtree: true });
      });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', PHONE_NETWORK);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.goto(`${baseUrl}/vote/${electionId}`, { waitUntil: 'commit' });
      await page.waitForFunction(() => (window as { __tti?: number }).__tti !== undefined, undefined, {
        timeout: 120_000,
        polling: 100,
      });
      loads.push(
        await page.evaluate(() => {
          const w = window as unknown as { __field: number; __tti: number };
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
          const bytes = [nav, ...resources].reduce((n, e) => n + e.transferSize, 0);
          return { tti: w.__tti, field: w.__field, dcl: nav.domContentLoadedEventEnd, bytes };
        }),
      );
      await context.close();
    }
    const median = (pick: (l: (typeof loads)[number]) => number) => percentile(loads.map(pick), 50);
    const note = `median of ${loads.length}; 4× CPU, 1.6/0.75 Mbit/s, 150 ms RTT, 390 × 844`;
    return [
      row(
        'time to interactive: login code field usable',
        median((l) => l.tti),
        'ms',
        note,
      ),
      row(
        '  of which: DOMContentLoaded',
        median((l) => l.dcl),
        'ms',
        note,
      ),
      row('  bytes transferred until then', median((l) => l.bytes) / 1000, 'kB', note),
    ];
  },
};

/**
 * The verifier page (/verify) checking a simulated record of 5-candidate "choose 1" ballots, chosen as
 * a file: the verifier's own time (the report's, workers and WASM already started) and the wall time
 * from the click to the verdict, each per ballot.
 */
const verification: BoothMeasurement = {
  name: 'in-browser verification',
  async run({ baseUrl, browser, quick }) {
    const ballots = quick ? 200 : 1_000;
    const { recordFile } = await import('./verify.ts');
    const path = await recordFile(ballots);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/verify`);
    await page.locator('#record-file').setInputFiles(path);
    const started = Date.now();
    await page.getByRole('button', { name: 'Verify this file' }).click();
    const done = page.locator('[data-testid="verify-done"]');
    await done.waitFor({ timeout: 600_000 });
    const wall = Date.now() - started;
    const ok = await done.getAttribute('data-ok');
    const ms = Number(await done.getAttribute('data-ms'));
    const workers = await page.evaluate(() => Math.min(4, navigator.hardwareConcurrency || 1));
    await context.close();
    if (ok !== 'true') throw new Error(`the verifier page did not accept the simulated record (${path})`);
    const note = `${ballots} ballots, ${workers} ballot workers, 5 candidates`;
    return [
      row('in-browser verification: per ballot (verifier time)', ms / ballots, 'ms', note),
      row('in-browser verification: per ballot (click to verdict)', wall / ballots, 'ms', note),
    ];
  },
};

/** The measurements, in the order reported; a new one is a BoothMeasurement added here. */
export const MEASUREMENTS: BoothMeasurement[] = [encryption, bundle, timeToInteractive, verification];

async function main(): Promise<void> {
  if (!process.env.PSEPHOS_WEB_DIST) {
    const dist = mkdtempSync(join(tmpdir(), 'psephos-bench-web-'));
    process.env.PSEPHOS_WEB_DIST = dist;
    const { build } = await import('vite');
    await build({
      configFile: fileURLToPath(new URL('../src/web/vite.config.ts', import.meta.url)),
      logLevel: 'error',
    });
  }
  const dist = process.env.PSEPHOS_WEB_DIST;
  // Imported once PSEPHOS_WEB_DIST is set: the server serves the pages from there.
  const fixtures = await import('../test/web/fixtures.ts');
  const { openHttpElection } = await import('../src/cli/http-election.ts');
  fixtures.requireBuild();
  const server = await fixtures.startWebServer();
  const browser = await fixtures.launchChromium();
  try {
    const election = await openHttpElection({
      baseUrl: server.baseUrl,
      adminToken: server.adminToken,
      group: fixtures.group,
      electionId: ELECTION,
      voters: [{ voterId: 'm1', email: 'm1@example.org', name: 'Member 1' }],
      candidates: CANDIDATES,
      trustees: 1,
      threshold: 1,
      revoting: 'single',
    });
    const bench: BoothBench = {
      baseUrl: server.baseUrl,
      dist,
      browser,
      electionId: ELECTION,
      election,
      quick,
    };
    const rows: BoothRow[] = [];
    for (const m of MEASUREMENTS) rows.push(...(await m.run(bench)));
    report(rows, 'The voter booth in Chromium');
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
