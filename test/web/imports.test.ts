/**
 * The pages' import boundary (BRIEF §6): the booth and the receipt check reach only src/crypto,
 * src/protocol and the board's receipt and tree-head checks; the other pages may also reach the board,
 * the verifier, the tally and the electorate modules; no page reaches the server, the store, the CLI or
 * anything Node-only. From packages, only Preact and the QR code libraries, qrcode (drawing) and jsqr
 * (reading) (vite.config.ts, which runs in Node at build time, aside).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const WEB = join(SRC, 'web');
const BOARD_CHECKS = new Set(['board/receipt.ts', 'board/tree-head.ts', 'board/errors.ts']);
const PACKAGES = /^(?:preact(\/hooks)?|qrcode|jsqr)$/;
/** The booth's own files, which stay within the narrow boundary (shared page files included). */
const BOOTH = /^web\/(?:booth\/|receipt\/|qr\/|booth-worker\.ts|[a-z-]+\.tsx?$|i18n\/)/;
const PAGES_MAY_REACH = /^(?:board|verifier|tally|electorate)\//;

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)].map(
    (m) => (m[1] ?? m[2])!,
  );
}

/** May `from` (a module of src) import `to` (both paths relative to src)? */
function allowed(from: string, to: string): boolean {
  if (to.startsWith('web/') || to.startsWith('crypto/') || to.startsWith('protocol/')) return true;
  if (BOARD_CHECKS.has(to)) return true;
  return !BOOTH.test(from) && PAGES_MAY_REACH.test(to);
}

test('the pages import only what their layer allows, themselves and Preact', () => {
  const wrong: string[] = [];
  const files = sources(WEB).filter((f) => !f.endsWith('vite.config.ts'));
  assert.ok(files.length > 10);
  for (const file of files) {
    for (const specifier of imports(file)) {
      const where = relative(SRC, file);
      if (specifier.startsWith('.')) {
        const target = relative(SRC, resolve(dirname(file), specifier));
        if (!allowed(where, target)) wrong.push(`${where} → ${target}`);
      } else if (!PACKAGES.test(specifier)) wrong.push(`${where} → ${specifier}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('what the pages reach in crypto, protocol and board is free of Node-only imports', () => {
  const seen = new Set<string>();
  const queue = sources(WEB).filter((f) => !f.endsWith('vite.config.ts'));
  const nodeOnly: string[] = [];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of imports(file)) {
      if (specifier.startsWith('node:')) nodeOnly.push(`${relative(SRC, file)} → ${specifier}`);
      if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier));
    }
  }
  assert.deepEqual(nodeOnly, []);
  assert.ok(
    [...seen].some((f) => f.endsWith('crypto/group-sodium.ts')),
    'the worker reaches the WASM group',
  );
});
