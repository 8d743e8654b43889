/**
 * The voter pages' import boundary (BRIEF §6): src/web reaches only src/crypto, src/protocol and the
 * board's receipt and tree-head checks — never the server, the store or anything Node-only — and its
 * own modules; from packages, only Preact (vite.config.ts, which runs in Node at build time, aside).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const WEB = join(SRC, 'web');
const BOARD_CHECKS = new Set(['board/receipt.ts', 'board/tree-head.ts', 'board/errors.ts']);
const PACKAGES = /^preact(\/hooks)?$/;

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

/** May `from` (a module of src) import `to` (a path relative to src)? */
function allowed(to: string): boolean {
  if (to.startsWith('web/') || to.startsWith('crypto/') || to.startsWith('protocol/')) return true;
  return BOARD_CHECKS.has(to);
}

test('the voter pages import only crypto, protocol, the board checks, themselves and Preact', () => {
  const wrong: string[] = [];
  const files = sources(WEB).filter((f) => !f.endsWith('vite.config.ts'));
  assert.ok(files.length > 10);
  for (const file of files) {
    for (const specifier of imports(file)) {
      const where = relative(SRC, file);
      if (specifier.startsWith('.')) {
        const target = relative(SRC, resolve(dirname(file), specifier));
        if (!allowed(target)) wrong.push(`${where} → ${target}`);
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
