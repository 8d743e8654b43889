/**
 * `psephos init [dir]`: a starting point for a new installation — `psephos.config.json` (every server
 * setting at its default), `psephos.config.md` beside it (what each setting means and the environment
 * variable that overrides it: JSON has no comments, and a comment key would be refused by the strict
 * configuration schema) and `election.json` (an example election definition to edit and upload).
 * It never overwrites a file: nothing is written unless all three are new.
 *
 * Exit codes: 0 written; 2 a file already exists or cannot be written.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { Config } from '../server/config.ts';
import { CliError, EXIT_HELP, runAction } from './exit.ts';

/** The files `init` writes, by role. @example `join(dir, INIT_FILES.config)` */
export const INIT_FILES = {
  config: 'psephos.config.json',
  notes: 'psephos.config.md',
  election: 'election.json',
} as const;

/** One documented setting: its path in the file, the variable that overrides it, what it does. */
interface SettingDoc {
  readonly key: string;
  readonly env?: string;
  readonly meaning: string;
}

/** Every setting of `Config` (a test checks that none is missing). */
export const SETTINGS: readonly SettingDoc[] = [
  { key: 'host', env: 'PSEPHOS_HOST', meaning: 'Address to listen on; `0.0.0.0` for every interface.' },
  { key: 'port', env: 'PSEPHOS_PORT', meaning: 'TCP port to listen on (0: any free port).' },
  {
    key: 'publicUrl',
    env: 'PSEPHOS_PUBLIC_URL',
    meaning:
      'Where voters reach the server (behind a proxy, its public HTTPS address): the base of login links in emails.',
  },
  {
    key: 'databaseUrl',
    env: 'DATABASE_URL',
    meaning:
      '`sqlite:<file>` (a SQLite file, relative to the directory the server starts in) or `postgres://user@host:5432/db?schema=psephos` for PostgreSQL, the choice for more than one server node.',
  },
  { key: 'smtp.host', env: 'SMTP_HOST', meaning: 'Mail server that sends login emails.' },
  { key: 'smtp.port', env: 'SMTP_PORT', meaning: 'Its port: 25, 587 (STARTTLS) or 465 (with `secure`).' },
  {
    key: 'smtp.secure',
    env: 'SMTP_SECURE',
    meaning:
      'Implicit TLS (port 465); STARTTLS is used anyway when offered. In the environment: true or false (also 1/0, yes/no).',
  },
  {
    key: 'smtp.user',
    env: 'SMTP_USER',
    meaning: 'Login on the mail server, if it asks for one (not written by default).',
  },
  {
    key: 'smtp.password',
    env: 'SMTP_PASSWORD',
    meaning: 'Its password: prefer the environment variable to writing it in this file.',
  },
  { key: 'smtp.from', env: 'SMTP_FROM', meaning: 'Sender of the emails, as `Name <address>`.' },
  {
    key: 'secureCookies',
    env: 'PSEPHOS_SECURE_COOKIES',
    meaning:
      'Mark session cookies Secure: set it to true whenever the server is reached over HTTPS. In the environment: true or false (also 1/0, yes/no).',
  },
  { key: 'sessionHours', meaning: 'How long a login lasts, in hours.' },
  { key: 'loginMinutes', meaning: 'How long an emailed login link and code stay valid, in minutes.' },
  {
    key: 'workers',
    env: 'PSEPHOS_WORKERS',
    meaning: 'Worker threads that check ballot proofs (0: in the request thread); about one per core.',
  },
  {
    key: 'headSeconds',
    meaning: 'While an election is open, the board signs a tree head at least this often (seconds).',
  },
  {
    key: 'scheduleSeconds',
    meaning:
      'How often the server looks for scheduled openings and closings (seconds); a scheduled step happens at most this late.',
  },
  {
    key: 'logLevel',
    env: 'PSEPHOS_LOG_LEVEL',
    meaning: 'fatal, error, warn, info, debug, trace or silent; logs are JSON lines on standard output.',
  },
  { key: 'rateLimit.perIp', meaning: 'Requests per minute from one IP address on the whole API.' },
  { key: 'rateLimit.castPerLogin', meaning: 'Ballots per minute one voter login may submit.' },
];

/**
 * The configuration file's content: every setting at its default (the SMTP login is left out: it is
 * optional, and its password belongs in the environment).
 * @example `JSON.parse(configFileText()).port` → `8080`
 */
export function configFileText(): string {
  return `${JSON.stringify(Config.parse({}), null, 2)}\n`;
}

/** The Markdown companion of the configuration file. */
export function configNotesText(): string {
  const defaults = Config.parse({}) as Record<string, unknown>;
  const settingValue = (key: string): unknown =>
    key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], defaults);
  const rows = SETTINGS.map((s) => {
    const value = settingValue(s.key);
    const shown = value === undefined ? '(none)' : `\`${JSON.stringify(value)}\``;
    return `| \`${s.key}\` | ${shown} | ${s.env ? `\`${s.env}\`` : '—'} | ${s.meaning} |`;
  });
  return `# Psephos server configuration

\`psephos.config.json\` holds the settings of \`psephos serve\`. Start the server with

    psephos serve --config psephos.config.json

(or set \`PSEPHOS_CONFIG\` to the file's path). Each setting is taken, in this order of precedence, from
its environment variable, then from the file, then from its default; the server checks them all when it
starts and names the first wrong one. The file may leave out any setting, and must not contain others.

| setting | default | environment | meaning |
|---|---|---|---|
${rows.join('\n')}

## Before opening a real election

- Put the server behind HTTPS and set \`secureCookies\` to true and \`publicUrl\` to its public address.
- Use PostgreSQL (\`DATABASE_URL\`) if more than one server node will run, and back it up.
- Create the organiser's account: \`psephos admin create returning-officer\`.
- Edit \`election.json\` (questions, candidates, dates, trustees, threshold), then create the election
  with it through the organiser's API (\`POST /api/elections\`); the server adds the board's signing key.
`;
}

/**
 * An example election definition, accepted by the server's create route (which adds `boardKey`): a
 * leadership ballot with a blank vote allowed and an approval question, 2-of-3 trustees, opening in
 * four weeks for a week.
 * @example `parseDefinition({ ...exampleElection(new Date()), boardKey })`
 */
export function exampleElection(now: Date): Record<string, unknown> {
  const day = 86_400_000;
  const opens = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + 28 * day);
  opens.setUTCHours(9);
  const closes = new Date(opens.getTime() + 7 * day + 8 * 3_600_000);
  return {
    format: 'psephos/election',
    version: 1,
    id: `leader-${opens.getUTCFullYear()}`,
    title: `Party leadership election ${opens.getUTCFullYear()}`,
    description: 'One member, one vote. The result is published with its proofs when the ballot closes.',
    practice: false,
    questions: [
      {
        id: 'leader',
        type: 'single',
        title: 'Who should lead the party?',
        blankAllowed: true,
        candidates: [
          { id: 'ada', name: 'Ada Lovelace', statement: 'Numbers for the many.' },
          { id: 'grace', name: 'Grace Hopper' },
          { id: 'alan', name: 'Alan Turing' },
        ],
      },
      {
        id: 'committee',
        type: 'approval',
        title: 'Which members should sit on the policy committee? (up to two)',
        min: 0,
        max: 2,
        candidates: [
          { id: 'emmy', name: 'Emmy Noether' },
          { id: 'kurt', name: 'Kurt Gödel' },
          { id: 'sofia', name: 'Sofia Kovalevskaya' },
        ],
      },
    ],
    opensAt: opens.toISOString(),
    closesAt: closes.toISOString(),
    revoting: 'single',
    maxWeight: 1,
    trustees: [{ name: 'Returning officer' }, { name: 'Independent scrutineer' }, { name: 'Members’ agent' }],
    threshold: 2,
    eligibility: { joinedOnOrBefore: opens.toISOString().slice(0, 10), duesPaid: true },
  };
}

/**
 * Writes the three files into `dir` (created if needed); CliError `usage` naming the first file that
 * already exists, in which case nothing is written.
 * @example `initDirectory('./psephos')` → the three paths
 */
export function initDirectory(dir: string, now = new Date()): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    [join(dir, INIT_FILES.config), configFileText()],
    [join(dir, INIT_FILES.notes), configNotesText()],
    [join(dir, INIT_FILES.election), `${JSON.stringify(exampleElection(now), null, 2)}\n`],
  ];
  const written: string[] = [];
  try {
    for (const [path, text] of files) {
      writeFileSync(path, text, { flag: 'wx' });
      written.push(path);
    }
  } catch (error) {
    // Leave the directory as it was: remove what this run wrote before the clash.
    for (const path of written) rmSync(path, { force: true });
    const e = error as NodeJS.ErrnoException;
    const path = files[written.length]![0];
    if (e.code === 'EEXIST')
      throw new CliError(
        'usage',
        `${path} already exists; nothing was written (init never overwrites)`,
        'exists',
      );
    throw new CliError('usage', `cannot write ${path}: ${e.message}`, 'unwritable');
  }
  return written;
}

/** Adds `init` to the program. */
export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description('write a server configuration (with notes) and an example election definition')
    .argument('[dir]', 'where to write them', '.')
    .option('--json', 'print the files written as JSON')
    .addHelpText(
      'after',
      `
Writes psephos.config.json, psephos.config.md and election.json; refuses to overwrite any of them.

Examples:
  psephos init
  psephos init ./leader-2026 --json

${EXIT_HELP}`,
    )
    .action((dir: string, opts: { json?: boolean }) =>
      runAction('init', opts.json, async () => {
        const files = initDirectory(dir);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ files }, null, 2)}\n`);
          return;
        }
        for (const file of files) process.stdout.write(`wrote ${file}\n`);
        process.stdout.write(
          `Next: read ${join(dir, INIT_FILES.notes)}, then run: psephos serve --config ${join(dir, INIT_FILES.config)}\n`,
        );
      }),
    );
}
