/**
 * The build of the voter pages: `npm run build:web` → dist/web, which the server serves (routes/web.ts).
 * No inline script or style (the CSP forbids them: Vite's module-preload polyfill is off), and every
 * script and stylesheet the HTML names carries a Subresource Integrity hash of the file as emitted.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

/** Adds `integrity="sha384-…"` to the built HTML's script and stylesheet/modulepreload tags. */
export function subresourceIntegrity(): Plugin {
  return {
    name: 'psephos-sri',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const digest = (fileName: string): string | undefined => {
          const item = bundle[fileName];
          if (!item) return undefined;
          const content = item.type === 'chunk' ? item.code : item.source;
          return `sha384-${createHash('sha384').update(content).digest('base64')}`;
        };
        for (const item of Object.values(bundle)) {
          if (item.type !== 'asset' || !item.fileName.endsWith('.html')) continue;
          const html = typeof item.source === 'string' ? item.source : new TextDecoder().decode(item.source);
          item.source = html.replace(/<(script|link)\b([^>]*)>/g, (tag, name: string, attributes: string) => {
            if (/\bintegrity=/.test(attributes)) return tag;
            const url = /\b(?:src|href)="\/([^"]+)"/.exec(attributes)?.[1];
            if (name === 'link' && !/\brel="(?:stylesheet|modulepreload)"/.test(attributes)) return tag;
            const integrity = url ? digest(url) : undefined;
            if (!integrity) {
              if (name === 'script') this.error(`no integrity for the script tag ${tag}`);
              return tag;
            }
            return `<${name}${attributes} integrity="${integrity}">`;
          });
        }
      },
    },
  };
}

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every script, stylesheet and HTML file, which
 * the server sends to browsers that accept them (routes/web.ts, `preCompressed`): a phone on a slow
 * connection downloads about a third of the bytes, and nothing is compressed per request.
 */
export function precompress(): Plugin {
  return {
    name: 'psephos-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const item of Object.values(bundle)) {
        if (!/\.(?:js|css|html)$/.test(item.fileName)) continue;
        const content = item.type === 'chunk' ? item.code : item.source;
        const path = join(options.dir!, item.fileName);
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  publicDir: false,
  plugins: [
    preact({ devToolsEnabled: false, prefreshEnabled: false }),
    subresourceIntegrity(),
    precompress(),
  ],
  build: {
    // PSEPHOS_WEB_DIST builds elsewhere (two checkouts or jobs building at once must not share one directory).
    outDir: process.env.PSEPHOS_WEB_DIST ?? '../../dist/web',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 2048,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod's and @scure/base's comments about esbuild's tree-shaking, which Rollup cannot place.
        if (warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
    },
  },
  worker: { format: 'es' },
});
