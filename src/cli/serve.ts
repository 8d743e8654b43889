/**
 * `psephos serve`: the Psephos server. Configuration comes from the defaults, a JSON file (`--config`
 * or PSEPHOS_CONFIG) and environment variables (DATABASE_URL, SMTP_HOST…; see `psephos init`); the
 * store is a SQLite file by default, PostgreSQL when `databaseUrl` says `postgres://…`. Login emails go
 * out through the configured SMTP server. SIGINT or SIGTERM stops it gracefully: requests in flight
 * finish, queued emails are left for the next start, and the store is closed.
 *
 * Exit codes: 0 stopped by a signal; 2 bad configuration, a SQLite file that cannot be opened or a port
 * that cannot be listened on; 3 the database server cannot be reached.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { loadGroup } from '../crypto/backends.ts';
import { buildServer } from '../server/app.ts';
import { type Config, ConfigError, loadConfig } from '../server/config.ts';
import { createSmtpMailer } from '../server/mail.ts';
import { openStore, parseStoreUrl } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { CliError, EXIT_HELP, isNetworkError, networkReason, runAction } from './exit.ts';

/**
 * The configuration, with a ConfigError turned into a CliError (exit 2) naming the bad setting.
 * @example `const config = configFrom(process.env, opts.config, { port: 0 })`
 */
export function configFrom(
  env: NodeJS.ProcessEnv,
  file: string | undefined,
  overrides: Record<string, unknown> = {},
): Config {
  try {
    return loadConfig(env, file, overrides);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError('usage', error.message, 'bad-config');
    throw error;
  }
}

/**
 * A database URL fit to print: the password, if any, replaced by `***`.
 * @example `describeDatabase('postgres://u:secret@db/p')` → `'postgres://u:***@db/p'`
 */
export function describeDatabase(url: string): string {
  const where = parseStoreUrl(url);
  if (where.kind === 'sqlite') return `SQLite file ${where.path}`;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return `PostgreSQL ${parsed.toString()}`;
}

/**
 * Opens (and migrates) the configured store; CliError `unreachable` when the database cannot be
 * reached, `usage` when the URL or the file is wrong.
 * @example `const store = await openConfiguredStore(config)`
 */
export async function openConfiguredStore(config: Config): Promise<Store> {
  let what: string;
  try {
    what = describeDatabase(config.databaseUrl);
  } catch {
    throw new CliError('usage', `databaseUrl "${config.databaseUrl}" is not a database URL`, 'bad-config');
  }
  try {
    return await openStore(config.databaseUrl);
  } catch (error) {
    // A SQLite file that cannot be opened is a wrong path or permission (2); a database server that does
    // not answer is unreachable (3).
    const remote = parseStoreUrl(config.databaseUrl).kind === 'postgres';
    if (remote && (isNetworkError(error) || (error as { code?: string }).code === 'unavailable'))
      throw new CliError('unreachable', `cannot reach the database (${what}): ${networkReason(error)}`);
    throw new CliError(
      'usage',
      `cannot open the database (${what}): ${(error as Error).message}`,
      'bad-store',
    );
  }
}

interface ServeOptions {
  config?: string;
  host?: string;
  port?: number;
  json?: boolean;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('give a port from 0 to 65535');
  return n;
}

/**
 * Starts the server and resolves once it has stopped on SIGINT or SIGTERM.
 * @example `await serve({ config: 'psephos.config.json' })`
 */
async function serve(opts: ServeOptions): Promise<void> {
  const overrides = {
    ...(opts.host !== undefined ? { host: opts.host } : {}),
    ...(opts.port !== undefined ? { port: opts.port } : {}),
  };
  const config = configFrom(process.env, opts.config, overrides);
  const group = await loadGroup();
  const store = await openConfiguredStore(config);
  const server = await buildServer({ store, config, group, mailer: createSmtpMailer(config.smtp) }).catch(
    async (error: unknown) => {
      await store.close();
      throw error;
    },
  );
  try {
    await server.app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await server.app.close();
    await store.close();
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      'usage',
      `cannot listen on ${config.host}:${config.port}: ${code === 'EADDRINUSE' ? 'the port is in use' : (error as Error).message}`,
      'cannot-listen',
    );
  }
  const address = server.app.server.address() as { address: string; port: number };
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const info = {
    url,
    publicUrl: config.publicUrl,
    store: store.kind,
    database: describeDatabase(config.databaseUrl),
  };
  process.stdout.write(
    opts.json
      ? `${JSON.stringify(info)}\n`
      : `Psephos listening on ${url} (${info.database}); voters reach it at ${config.publicUrl}. Ctrl-C stops it.\n`,
  );

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  // A second signal while closing means "now": let the default handler end the process.
  process.once(signal, () => process.exit(130));
  await server.app.close();
  await store.close();
  process.stderr.write(`Psephos stopped (${signal}).\n`);
}

/** Adds `serve` to the program. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the Psephos server (configuration from a file and environment variables)')
    .option('--config <file>', 'JSON configuration file (default: PSEPHOS_CONFIG, else built-in defaults)')
    .option('--host <address>', 'listen on this address (overrides the configuration)')
    .option('--port <n>', 'listen on this port, 0 for any free one (overrides the configuration)', port)
    .option('--json', 'print where the server listens as one JSON line')
    .addHelpText(
      'after',
      `
The store is the SQLite file ./psephos.sqlite unless databaseUrl or DATABASE_URL says otherwise.

Examples:
  psephos serve
  psephos serve --config psephos.config.json --port 8443
  DATABASE_URL=postgres://psephos@db:5432/psephos SMTP_HOST=mail.example.org psephos serve

${EXIT_HELP}`,
    )
    .action((opts: ServeOptions) => runAction('serve', opts.json, () => serve(opts)));
}
