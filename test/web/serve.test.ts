/**
 * How the server serves the built pages (src/server/routes/web.ts), on a small stand-in build: the
 * HTML for the booth's addresses (never cached), hashed assets (cached for good), a 404 page for a
 * browser's wrong link, JSON 404s for programs and API paths, nothing outside the build — and, with no
 * build at all, a server that still starts and says so in its log.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import Fastify from 'fastify';
import { webRoutes } from '../../src/server/routes/web.ts';

function app(root: string, lines: string[] = []) {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const server = Fastify({ logger: { level: 'warn', stream } });
  server.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'not-found', message: `nothing at ${request.url}` } });
  });
  void server.register(webRoutes, { root });
  return server;
}

test('the built pages: HTML for the booth addresses, cached assets, 404s that fit the asker', async () => {
  const root = mkdtempSync(join(tmpdir(), 'psephos-web-root-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Psephos</title>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'export {};');
  writeFileSync(join(root, '.secret'), 'no');
  const server = app(root);
  const get = (url: string, accept?: string) =>
    server.inject({ method: 'GET', url, headers: accept ? { accept } : {} });

  const pages = ['/', '/vote/leader-2026', '/vote/leader-2026/login', '/vote/leader-2026/receipt'];
  pages.push('/elections/leader-2026', '/elections/leader-2026/board', '/verify', '/console/new');
  pages.push('/trustee/leader-2026');
  for (const url of pages) {
    const page = await get(url);
    assert.equal(page.statusCode, 200, url);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.equal(page.headers['cache-control'], 'no-cache');
    assert.equal(page.body, '<!doctype html><title>Psephos</title>');
  }
  const asset = await get('/assets/index-abc123.js');
  assert.equal(asset.statusCode, 200);
  assert.match(String(asset.headers['content-type']), /javascript/);
  assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');

  const wrongLink = await get('/nothing/here', 'text/html,application/xhtml+xml');
  assert.equal(wrongLink.statusCode, 404);
  assert.match(String(wrongLink.headers['content-type']), /^text\/html/);
  for (const url of ['/nothing/here', '/.secret', '/assets/../.secret', '/%2e%2e/%2e%2e/etc/passwd']) {
    const refused = await get(url);
    assert.equal(refused.statusCode, 404, url);
    assert.equal(refused.json().error.code, 'not-found', url);
  }
  const api = await get('/api/nothing', 'text/html');
  assert.equal(api.statusCode, 404);
  assert.equal(api.json().error.code, 'not-found');
  await server.close();
});

test('without a build the server starts (API only) and says so in its log', async () => {
  const lines: string[] = [];
  const server = app(join(tmpdir(), 'psephos-no-such-build'), lines);
  await server.ready();
  assert.ok(
    lines.some((l) => l.includes('npm run build:web')),
    lines.join('\n'),
  );
  const page = await server.inject({ method: 'GET', url: '/vote/leader-2026' });
  assert.equal(page.statusCode, 404);
  await server.close();
});
