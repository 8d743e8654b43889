/**
 * `psephos admin …`: the organisers' accounts, in the store the server uses (same configuration as
 * `psephos serve`).
 * - `create <username>`: sets (or resets) an organiser's password, read from `--password-file`, the
 *   PSEPHOS_ADMIN_PASSWORD variable, or typed at a hidden prompt; only its scrypt hash is stored;
 * - `token <username>`: prints a bearer token for scripts and the CLI (`Authorization: Bearer …`).
 *
 * Exit codes: 0 done; 2 bad configuration, a weak password or an unknown organiser; 3 the database
 * cannot be reached.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { createAdminToken } from '../server/auth.ts';
import { hashPassword, PasswordError } from '../server/passwords.ts';
import type { Store } from '../store/store.ts';
import { CliError, EXIT_HELP, runAction } from './exit.ts';
import { configFrom, openConfiguredStore } from './serve.ts';

interface AdminOptions {
  config?: string;
  json?: boolean;
}

/** Runs `work` on the configured store and closes it, whatever happens. */
async function withStore<T>(opts: AdminOptions, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openConfiguredStore(configFrom(process.env, opts.config));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/**
 * Reads a line from the terminal without echoing it.
 * @example `const password = await hiddenPrompt('Password: ')`
 */
function hiddenPrompt(question: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(question);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003') return finish(new CliError('usage', 'cancelled', 'cancelled'));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += ch;
      }
    };
    input.on('data', onData);
  });
}

/** The new password: from the file, the environment, or typed twice at the terminal. */
async function newPassword(file: string | undefined): Promise<string> {
  if (file !== undefined) {
    try {
      const text = readFileSync(file === '-' ? 0 : file, 'utf8');
      return text.split(/\r?\n/)[0]!;
    } catch (error) {
      throw new CliError('usage', `cannot read the password file ${file}: ${(error as Error).message}`);
    }
  }
  const fromEnv = process.env.PSEPHOS_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY)
    throw new CliError(
      'usage',
      'no password given: use --password-file, PSEPHOS_ADMIN_PASSWORD, or run in a terminal to type it',
      'no-password',
    );
  const first = await hiddenPrompt('New password (at least 12 characters): ');
  const second = await hiddenPrompt('Again: ');
  if (first !== second)
    throw new CliError('usage', 'the two passwords differ; nothing was changed', 'mismatch');
  return first;
}

function hours(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n <= 24 * 90)) throw new InvalidArgumentError('give a number of hours from 0 to 2160');
  return n;
}

/** Adds `admin create` and `admin token` to the program. */
export function registerAdminCommands(program: Command): void {
  const admin = program.command('admin').description("organisers' accounts in the server's store");

  admin
    .command('create')
    .description("create an organiser, or reset an organiser's password")
    .argument('<username>', 'the login name')
    .option(
      '--password-file <file>',
      'read the password from the first line of this file (- for standard input)',
    )
    .option('--config <file>', 'the server configuration (for the database)')
    .option('--json', 'print the outcome as JSON')
    .addHelpText(
      'after',
      `
Without --password-file, the password comes from PSEPHOS_ADMIN_PASSWORD or is typed (hidden) twice.

Examples:
  psephos admin create returning-officer
  psephos admin create returning-officer --password-file ./password.txt --config psephos.config.json

${EXIT_HELP}`,
    )
    .action((username: string, opts: AdminOptions & { passwordFile?: string }) =>
      runAction('admin create', opts.json, async () => {
        if (username.length < 1 || username.length > 200)
          throw new CliError('usage', 'a username has 1 to 200 characters', 'bad-username');
        let hash: string;
        try {
          hash = await hashPassword(await newPassword(opts.passwordFile));
        } catch (error) {
          if (error instanceof PasswordError) throw new CliError('usage', error.message, error.code);
          throw error;
        }
        await withStore(opts, (store) => store.setAdmin(username, hash));
        process.stdout.write(
          opts.json
            ? `${JSON.stringify({ username, created: true })}\n`
            : `Organiser ${username} can now log in.\n`,
        );
      }),
    );

  admin
    .command('token')
    .description('print a bearer token for an organiser (for scripts: Authorization: Bearer <token>)')
    .argument('<username>', 'an organiser created with `psephos admin create`')
    .option('--hours <n>', 'how long the token is valid', hours, 8)
    .option('--config <file>', 'the server configuration (for the database)')
    .option('--json', 'print the token and its expiry as JSON')
    .addHelpText(
      'after',
      `
The token is printed once and stored only as a hash; treat it like the password.

Examples:
  psephos admin token returning-officer
  TOKEN=$(psephos admin token returning-officer --hours 2)

${EXIT_HELP}`,
    )
    .action((username: string, opts: AdminOptions & { hours: number }) =>
      runAction('admin token', opts.json, async () => {
        const token = await withStore(opts, async (store) => {
          if ((await store.adminPasswordHash(username)) === undefined)
            throw new CliError(
              'usage',
              `there is no organiser "${username}": create one with psephos admin create ${username}`,
              'unknown-admin',
            );
          return createAdminToken(store, username, opts.hours);
        });
        const expiresAt = new Date(Date.now() + opts.hours * 3_600_000).toISOString();
        process.stdout.write(
          opts.json ? `${JSON.stringify({ username, token, expiresAt })}\n` : `${token}\n`,
        );
      }),
    );
}
