/**
 * The voter pages (src/web, built by `npm run build:web` into dist/web), served from this origin only:
 * the built files as they are, and the pages' one HTML file for every booth address (/vote/:id/…),
 * which the page then routes itself (and, with status 404, for any other address a browser asks for, so
 * a wrong link shows a page, not JSON). One route, `GET /*`; API routes are more specific and win. Hashed
 * assets are cached for good, the HTML never (so a new build's integrity hashes reach every voter).
 * Without a build the server still starts — API only — and says so in its log.
 *
 * @example `await app.register(webRoutes)` (or `{ root: '/srv/psephos/web' }`)
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/** Where `npm run build:web` writes the pages (PSEPHOS_WEB_DIST when set, as for the build). */
export const WEB_ROOT =
  process.env.PSEPHOS_WEB_DIST ?? fileURLToPath(new URL('../../../dist/web/', import.meta.url));

/**
 * Page addresses answered with index.html (the pages route themselves, src/web/app.tsx): the start
 * page, the verifier, the console, and the booth's, an election's and a trustee's pages.
 */
const PAGE =
  /^(?:|index\.html|verify\/?|console(?:\/[a-z0-9-]{1,64}){0,3}\/?|(?:vote|elections|trustee)\/[a-z0-9-]{1,64}(?:\/[a-z-]*)?\/?)$/;

function filesUnder(root: string): Set<string> {
  const files = new Set<string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const path = relative(root, join(entry.parentPath, entry.name)).split(sep).join('/');
    // Dotfiles are never served (an editor's or a tool's leftovers in the build directory).
    if (entry.isFile() && !path.split('/').some((part) => part.startsWith('.'))) files.add(path);
  }
  return files;
}

export const webRoutes: FastifyPluginAsync<{ root?: string }> = async (app, options) => {
  const root = options.root ?? WEB_ROOT;
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn(
      { root },
      'the voter pages are not built, so only the API is served: run `npm run build:web` to build them',
    );
    return;
  }
  const files = filesUnder(root);
  await app.register(fastifyStatic, {
    root,
    serve: false,
    dotfiles: 'deny',
    // The build writes .br and .gz copies (vite.config.ts): sent to browsers that accept them.
    preCompressed: true,
    setHeaders(reply, path) {
      const immutable = relative(root, path).startsWith(`assets${sep}`);
      void reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get<{ Params: { '*': string } }>('/*', { schema: { hide: true } }, (request, reply) => {
    const path = request.params['*'];
    if (files.has(path) && path !== 'index.html') return reply.sendFile(path, { cacheControl: false });
    if (PAGE.test(path)) return reply.sendFile('index.html', { cacheControl: false });
    // A person who followed a wrong link gets the pages' "not found" page; programs get the JSON 404.
    if (!path.startsWith('api/') && request.headers.accept?.includes('text/html'))
      return reply.code(404).sendFile('index.html', { cacheControl: false });
    return reply.callNotFound();
  });
};
