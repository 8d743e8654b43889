/**
 * The Psephos server as a child process, for the crash test (crash.test.ts), which kills it with
 * SIGKILL and starts it again on the same store:
 *
 *   node test/server/crash-server.ts <store-url> [config-overrides-json]
 *
 * Login emails are not sent anywhere: each is printed as one line `MAIL <address> <link>` (the MailSender
 * marks it sent once the line is written, so after a crash an email may be printed again). Prints
 * `READY <port>` once listening (port 0 by default: any free one). Fastify's own log lines (level `warn`
 * by default) go to stdout too; they start with `{`. SIGTERM closes the server and the store cleanly.
 */
import type { AddressInfo } from 'node:net';
import { loadGroup } from '../../src/crypto/backends.ts';
import { buildServer } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { Mailer } from '../../src/server/mail.ts';
import { openStore } from '../../src/store/open.ts';

const [url, overrides = '{}'] = process.argv.slice(2);
if (!url) {
  process.stderr.write('usage: node test/server/crash-server.ts <store-url> [config-overrides-json]\n');
  process.exit(2);
}

const group = await loadGroup();
const store = await openStore(url);
const config = loadConfig({}, undefined, {
  port: 0,
  databaseUrl: url,
  logLevel: 'warn',
  workers: 1,
  // Every client of the test is 127.0.0.1: the per-IP limit is not what the test is about.
  rateLimit: { perIp: 100_000, castPerLogin: 20 },
  ...(JSON.parse(overrides) as Record<string, unknown>),
});

/** Writes each login link to stdout, where the parent process reads it. */
const mailer: Mailer = {
  async send(m) {
    const link = /https?:\/\/\S+#[A-Za-z0-9_-]+/.exec(m.text)?.[0];
    if (!link) throw new Error('a login email without a link');
    process.stdout.write(`MAIL ${m.to} ${link}\n`);
  },
};

const server = await buildServer({ store, config, group, mailer });
await server.app.listen({ host: '127.0.0.1', port: config.port });
process.stdout.write(`READY ${(server.app.server.address() as AddressInfo).port}\n`);

process.once('SIGTERM', () => {
  void (async () => {
    await server.app.close();
    await store.close();
    process.exit(0);
  })();
});
