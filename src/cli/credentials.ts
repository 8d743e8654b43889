/**
 * `psephos credentials generate`: the credential authority's offline tool. From the voter list
 * (`member_id,email,name`, one row per eligible member) it makes one secret voting credential per
 * member and writes, into a new directory:
 *
 * - `public-credentials.json`: the sorted public credentials, exactly the `electorate` payload the
 *   organiser uploads (`POST /api/elections/:id/electorate`), with the electorate commitment's
 *   `members` (count and root) unless `--no-commitment`;
 * - `private-credentials.csv` (mode 0600): member_id, email, name, credential and roll-check salt, for
 *   a mail merge;
 * - `letters.html` (mode 0600): one printable A4 page per member with the credential, grouped by four,
 *   as text and as a QR code (inline SVG), and the salt that lets the member check they are on the roll;
 * - with `--send`, one email per member (plain text and HTML) through the given SMTP server;
 * - the electorate commitment: by default made here over the voter list (`electorate.json`, public,
 *   and `member-salts.csv`, private, as `psephos roll commit` writes them); with `--commitment` the one
 *   `psephos roll commit` made, whose salts must cover exactly these members.
 *
 * Credentials are never printed: only counts and file names reach the terminal. The public list is
 * sorted, so it does not say which member holds which credential.
 *
 * Exit codes: 0 done; 2 a bad voter list (every bad row named with its line), commitment or option, or
 * an output file that already exists; 3 the mail server cannot be reached (checked before anything is
 * written) or some emails could not be sent (listed in send-failures.csv).
 */

import { once } from 'node:events';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import nodemailer, { type Transporter } from 'nodemailer';
import QRCode from 'qrcode';
import { loadGroup } from '../crypto/backends.ts';
import { fromBase64url } from '../crypto/bytes.ts';
import { deriveCredential, formatCredential, generateCredential } from '../crypto/credential.ts';
import type { Group } from '../crypto/group.ts';
import {
  buildElectorate,
  memberLeaf,
  publishedElectorateSchema,
  SALT_BYTES,
} from '../electorate/commitment.ts';
import type { CsvProblem, CsvRecord } from '../electorate/csv.ts';
import { openCsv } from '../electorate/csv.ts';
import { ElectorateError } from '../electorate/errors.ts';
import { encodeElement } from '../protocol/codec.ts';
import { Id } from '../protocol/definition.ts';
import { Payloads } from '../protocol/events.ts';
import { documentHead, escapeHtml } from '../protocol/presentation.ts';
import type { Config } from '../server/config.ts';
import { CliError, EXIT_HELP, networkReason, runAction } from './exit.ts';
import { progressBar } from './progress.ts';
import { configFrom } from './serve.ts';

/** One member on the voter list. */
export interface Voter {
  readonly memberId: string;
  readonly email: string;
  readonly name: string;
  /** The line of the file where the row ends. */
  readonly line: number;
}

/** A member with their credential (secret) and, when the roll is committed, their salt (secret). */
export interface IssuedCredential extends Voter {
  readonly credential: string;
  readonly publicCredential: string;
  readonly salt?: string;
}

/** The output files, by role. @example `join(out, CREDENTIAL_FILES.private)` */
export const CREDENTIAL_FILES = {
  public: 'public-credentials.json',
  private: 'private-credentials.csv',
  letters: 'letters.html',
  electorate: 'electorate.json',
  salts: 'member-salts.csv',
  failures: 'send-failures.csv',
} as const;

const HEADERS = {
  memberId: ['memberid', 'membershipnumber', 'membernumber', 'memberno', 'id'],
  email: ['email', 'emailaddress', 'mail'],
  name: ['name', 'fullname', 'membername'],
} as const;
type Column = keyof typeof HEADERS;

const EMAIL = /^[^\s@<>",]+@[^\s@<>",]+\.[^\s@<>",]+$/;
const ROW_ERRORS_SHOWN = 20;

/** Header text folded for matching: lower case, letters and digits only (`Member ID` → `memberid`). */
function fold(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Reads every row of a CSV (any encoding and delimiter openCsv accepts); CliError for an unreadable file. */
async function readCsv(path: string, what: string): Promise<(CsvRecord | CsvProblem)[]> {
  try {
    statSync(path);
    const csv = await openCsv(createReadStream(path));
    const rows: (CsvRecord | CsvProblem)[] = [];
    for await (const row of csv.records) rows.push(row);
    return rows;
  } catch (error) {
    if (error instanceof ElectorateError)
      throw new CliError('usage', `${what} ${path}: ${error.message}`, error.code);
    throw new CliError(
      'usage',
      `cannot read ${what} ${path}: ${(error as Error).message}`,
      'unreadable-file',
    );
  }
}

/**
 * Reads the voter list. Every row is checked (a member id, unique; an email address, required when
 * emails are to be sent) and all the bad rows are reported at once, with their lines.
 * @example `const voters = await readVoters('voters.csv', { emailRequired: true })`
 */
export async function readVoters(path: string, options: { emailRequired: boolean }): Promise<Voter[]> {
  const rows = await readCsv(path, 'the voter list');
  const header = rows.find((r): r is CsvRecord => r.kind === 'record');
  if (!header) throw new CliError('usage', `the voter list ${path} is empty`, 'empty-file');
  const folded = header.fields.map(fold);
  const index = {} as Record<Column, number>;
  for (const column of Object.keys(HEADERS) as Column[]) {
    const i = folded.findIndex((h) => (HEADERS[column] as readonly string[]).includes(h));
    if (i < 0)
      throw new CliError(
        'usage',
        `the voter list ${path} has no ${column === 'memberId' ? 'member_id' : column} column: its first line must name member_id, email and name (found: ${header.fields.join(', ')})`,
        'missing-column',
      );
    index[column] = i;
  }

  const voters: Voter[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (row === header) continue;
    if (row.kind === 'problem') {
      errors.push(`line ${row.line}: the row cannot be read as CSV: ${row.message}`);
      continue;
    }
    if (row.fields.length === 1 && row.fields[0]!.trim() === '') continue;
    const problem = checkRow(row, header.fields.length, index, seen, options.emailRequired);
    if (problem) {
      errors.push(`line ${row.line}: ${problem}`);
      continue;
    }
    const voter = {
      memberId: row.fields[index.memberId]!.trim(),
      email: row.fields[index.email]!.trim(),
      name: row.fields[index.name]!.trim(),
      line: row.line,
    };
    seen.set(voter.memberId, row.line);
    voters.push(voter);
  }
  if (errors.length > 0) {
    const more = errors.length - ROW_ERRORS_SHOWN;
    throw new CliError(
      'usage',
      `the voter list ${path} has ${errors.length} bad row${errors.length === 1 ? '' : 's'}; nothing was written`,
      'invalid-rows',
      [...errors.slice(0, ROW_ERRORS_SHOWN), ...(more > 0 ? [`… and ${more} more`] : [])],
    );
  }
  if (voters.length === 0)
    throw new CliError('usage', `the voter list ${path} has no member rows`, 'no-members');
  return voters;
}

/** What is wrong with one row, or undefined. */
function checkRow(
  row: CsvRecord,
  width: number,
  index: Record<Column, number>,
  seen: ReadonlyMap<string, number>,
  emailRequired: boolean,
): string | undefined {
  if (row.fields.length !== width)
    return `the row has ${row.fields.length} fields but the header has ${width}`;
  const memberId = row.fields[index.memberId]!.trim();
  const email = row.fields[index.email]!.trim();
  const name = row.fields[index.name]!.trim();
  if (memberId === '') return 'member id is blank';
  if (memberId.length > 200) return 'member id is longer than 200 characters';
  const first = seen.get(memberId);
  if (first !== undefined) return `member id "${memberId}" is already on line ${first}`;
  if (email === '' && emailRequired) return 'email is blank (needed to send the credential)';
  if (email !== '' && (email.length > 320 || !EMAIL.test(email))) return `"${email}" is not an email address`;
  if (name.length > 300) return 'name is longer than 300 characters';
  return undefined;
}

/** The electorate commitment and each member's salt, wherever they come from. */
interface Commitment {
  readonly members: { count: number; root: string };
  readonly salts: ReadonlyMap<string, string>;
  /** Files to write when the commitment is made here. */
  readonly files?: { electorate: string; salts: string };
}

/** Commits to the voter list here, as `psephos roll commit` would. */
function commitHere(election: string, voters: readonly Voter[]): Commitment {
  const electorate = buildElectorate(
    election,
    voters.map((v) => v.memberId),
  );
  const salts = electorate.members.map((m) => `${csvField(m.memberId)},${m.salt},${m.index}`);
  return {
    members: { count: electorate.commitment.count, root: electorate.commitment.root },
    salts: new Map(electorate.members.map((m) => [m.memberId, m.salt])),
    files: {
      electorate: `${JSON.stringify({ commitment: electorate.commitment, leaves: electorate.leaves })}\n`,
      salts: `member_id,salt,index\n${salts.join('\n')}\n`,
    },
  };
}

/**
 * Loads a commitment made by `psephos roll commit` and checks that it covers exactly these members:
 * the same election, as many members, and each member's salt giving one of the published leaves.
 */
async function loadCommitment(
  path: string,
  saltsPath: string,
  election: string,
  voters: readonly Voter[],
): Promise<Commitment> {
  let published: ReturnType<typeof publishedElectorateSchema.parse>;
  try {
    published = publishedElectorateSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    throw new CliError(
      'usage',
      `${path} is not an electorate file of psephos roll commit: ${(error as Error).message.split('\n')[0]}`,
      'invalid-commitment',
    );
  }
  const { commitment, leaves } = published;
  if (commitment.electionId !== election)
    throw new CliError(
      'usage',
      `${path} commits the electorate of "${commitment.electionId}", not of "${election}"`,
      'wrong-election',
    );
  if (commitment.count !== voters.length)
    throw new CliError(
      'usage',
      `${path} commits ${commitment.count} members but the voter list has ${voters.length}: each committed member needs exactly one credential`,
      'count-mismatch',
    );
  const salts = await readSalts(saltsPath);
  const leafSet = new Set(leaves);
  const problems: string[] = [];
  for (const v of voters) {
    const salt = salts.get(v.memberId);
    if (salt === undefined) problems.push(`line ${v.line}: member ${v.memberId} has no salt in ${saltsPath}`);
    else if (!leafSet.has(toLeaf(election, v.memberId, salt)))
      problems.push(`line ${v.line}: member ${v.memberId} is not in the committed electorate`);
  }
  if (problems.length > 0)
    throw new CliError(
      'usage',
      `the voter list does not match the commitment in ${path}; nothing was written`,
      'commitment-mismatch',
      problems.slice(0, ROW_ERRORS_SHOWN),
    );
  return { members: { count: commitment.count, root: commitment.root }, salts };
}

function toLeaf(election: string, memberId: string, salt: string): string {
  return Buffer.from(memberLeaf(election, memberId, fromBase64url(salt, SALT_BYTES))).toString('base64url');
}

/** Reads `member-salts.csv` (member_id,salt,index). */
async function readSalts(path: string): Promise<Map<string, string>> {
  const rows = await readCsv(path, 'the salts file');
  const salts = new Map<string, string>();
  for (const row of rows.slice(1)) {
    if (row.kind !== 'record' || row.fields.length < 2) continue;
    const [memberId, salt] = row.fields as [string, string];
    try {
      fromBase64url(salt.trim(), SALT_BYTES);
    } catch {
      throw new CliError(
        'usage',
        `${path}: line ${row.line}: the salt is not 16 bytes of base64url`,
        'invalid-salt',
      );
    }
    salts.set(memberId.trim(), salt.trim());
  }
  return salts;
}

/**
 * Makes one credential per voter and derives its public credential for this election.
 * @example `issueCredentials(group, 'leader-2026', voters, salts)`
 */
export function issueCredentials(
  group: Group,
  election: string,
  voters: readonly Voter[],
  salts: ReadonlyMap<string, string> | undefined,
  onProgress: (done: number) => void = () => {},
): IssuedCredential[] {
  return voters.map((v, i) => {
    const credential = generateCredential();
    const publicCredential = encodeElement(
      group,
      deriveCredential(group, election, credential).publicCredential,
    );
    onProgress(i + 1);
    const salt = salts?.get(v.memberId);
    return { ...v, credential, publicCredential, ...(salt !== undefined ? { salt } : {}) };
  });
}

/**
 * The `electorate` payload: the public credentials in ascending order, weight 1, and the commitment.
 * @example `publicList(issued, { count, root })` → `{ credentials: [{ credential, weight: 1 }, …], members }`
 */
export function publicList(
  issued: readonly IssuedCredential[],
  members: { count: number; root: string } | undefined,
): ReturnType<typeof Payloads.electorate.parse> {
  const sorted = issued.map((c) => c.publicCredential).sort();
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i] === sorted[i - 1]) throw new Error('two credentials collide: run the command again');
  return Payloads.electorate.parse({
    credentials: sorted.map((credential) => ({ credential, weight: 1 })),
    ...(members ? { members } : {}),
  });
}

/**
 * A CSV field of free text (a member id, a name, an address), quoted when needed. Text that a
 * spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets a
 * leading apostrophe, so a name on the roll cannot become a formula in the mail merge. Codes
 * (credentials, salts) never go through here: they are base64url or bech32 and are written as they are.
 */
export function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The private CSV for a mail merge. */
function privateCsv(issued: readonly IssuedCredential[], withSalt: boolean): string {
  const header = `member_id,email,name,credential${withSalt ? ',salt' : ''}`;
  // Credentials and salts are codes (a salt may start with "-"): written as they are, never altered.
  const rows = issued.map((c) =>
    [
      ...[c.memberId, c.email, c.name].map(csvField),
      formatCredential(c.credential),
      ...(withSalt ? [c.salt ?? ''] : []),
    ].join(','),
  );
  return `${header}\n${rows.join('\n')}\n`;
}

/** What the letters and emails say about the election. */
export interface LetterContext {
  readonly electionId: string;
  readonly title: string;
  /** Where members vote, if given. */
  readonly url?: string;
}

/**
 * The QR code of a credential as inline SVG (no external resource; scales with its box).
 * @example `await credentialQr('vote1…')` → `'<svg class="qr" …>…</svg>'`
 */
export async function credentialQr(credential: string): Promise<string> {
  const svg = await QRCode.toString(credential, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });
  return svg
    .trim()
    .replace('<svg ', '<svg class="qr" role="img" aria-label="QR code of your voting credential" ');
}

const LETTER_CSS = `
@page { size: A4; margin: 18mm 20mm; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: #111; margin: 0; background: #eee; }
.letter { background: #fff; max-width: 170mm; margin: 12mm auto; padding: 14mm 16mm; }
.letter header { display: flex; justify-content: space-between; font-size: 9pt; color: #444; border-bottom: 1px solid #999; padding-bottom: 2mm; }
.to { margin: 8mm 0 6mm; }
h1 { font-size: 17pt; margin: 0 0 3mm; }
h2 { font-size: 12pt; margin: 6mm 0 1mm; }
.credential { display: flex; gap: 8mm; align-items: center; border: 2px solid #111; padding: 5mm; margin: 5mm 0; break-inside: avoid; }
.qr { width: 38mm; height: 38mm; flex: none; }
.code { font: bold 15pt/1.5 ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; letter-spacing: .04em; word-spacing: .3em; margin: 0; }
.salt { font-family: ui-monospace, Menlo, Consolas, monospace; word-break: break-all; }
.warn { border-left: 4px solid #b00; padding-left: 3mm; }
@media print {
  body { background: #fff; }
  .letter { margin: 0; padding: 0; max-width: none; break-after: page; page-break-after: always; }
  .letter:last-child { break-after: auto; page-break-after: auto; }
}`;

/** The start of letters.html. */
function lettersHead(context: LetterContext): string {
  return `${documentHead({ title: `Voting credentials — ${context.title}`, css: LETTER_CSS })}
`;
}

/**
 * One member's letter: one printed page, every value escaped.
 * @example `letterHtml(context, issued[0], await credentialQr(issued[0].credential))`
 */
export function letterHtml(context: LetterContext, c: IssuedCredential, qr: string): string {
  const e = escapeHtml;
  const where = context.url
    ? `Go to <strong>${e(context.url)}</strong> while voting is open`
    : 'Go to the election page while voting is open';
  return `<section class="letter">
<header><span>${e(context.title)}</span><span>Private and confidential</span></header>
<p class="to">${c.name ? `${e(c.name)}<br>` : ''}Member ${e(c.memberId)}</p>
<h1>Your voting credential</h1>
<p>This is your personal credential for <strong>${e(context.title)}</strong> (election ${e(context.electionId)}). You need it to cast your vote. Nobody else has it: not the organisers, not the server.</p>
<div class="credential">${qr}<p class="code">${e(formatCredential(c.credential))}</p></div>
<h2>How to vote</h2>
<ol>
<li>${where} and log in with your email address.</li>
<li>Make your choices, then type this credential (spaces do not matter) or scan the QR code when asked.</li>
<li>Keep the receipt the page shows: with it you can check later that your ballot was counted.</li>
</ol>
${
  c.salt
    ? `<h2>Check you are on the roll</h2>
<p>Your roll-check code is <span class="salt">${e(c.salt)}</span>. With your member number and this code you can check, on the election page or with <code>psephos roll check</code>, that you are in the published electorate, without anyone learning who checked.</p>`
    : ''
}
<p class="warn">Keep this letter private. Anyone who has your credential and can log in as you could vote in your place; if you think someone has seen it, tell the returning officer.</p>
</section>
`;
}

/**
 * The email carrying one member's credential: a plain-text part and an HTML part, every value escaped,
 * nothing remote.
 * @example `credentialEmail(context, issued[0])` → `{ subject, text, html }`
 */
export function credentialEmail(
  context: LetterContext,
  c: IssuedCredential,
): { subject: string; text: string; html: string } {
  // A title with line breaks would break the Subject header.
  const title = context.title.replace(/\s+/g, ' ').trim();
  const grouped = formatCredential(c.credential);
  const where = context.url
    ? `Go to ${context.url} while voting is open`
    : 'Go to the election page while voting is open';
  const lines = [
    c.name ? `Dear ${c.name},` : 'Dear member,',
    '',
    `This is your personal voting credential for ${title} (election ${context.electionId}):`,
    '',
    `    ${grouped}`,
    '',
    'How to vote:',
    `1. ${where} and log in with this email address.`,
    '2. Make your choices, then type or paste this credential when asked (spaces do not matter).',
    '3. Keep the receipt the page shows: with it you can check later that your ballot was counted.',
    ...(c.salt
      ? [
          '',
          `To check that you are on the roll, use your member number ${c.memberId} and this roll-check code: ${c.salt}`,
        ]
      : []),
    '',
    'Keep this message private: anyone with your credential who can log in as you could vote in your place.',
  ];
  const e = escapeHtml;
  const p = (html: string) => `<p style="margin:0 0 1em">${html}</p>`;
  const html = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>${e(title)}</title></head>`,
    '<body style="font:16px/1.5 system-ui,Arial,sans-serif;color:#111;max-width:36em;margin:0 auto;padding:1em">',
    p(e(c.name ? `Dear ${c.name},` : 'Dear member,')),
    p(
      `This is your personal voting credential for <strong>${e(title)}</strong> (election ${e(context.electionId)}):`,
    ),
    `<p style="font:bold 1.3em/1.5 ui-monospace,Menlo,Consolas,monospace;border:2px solid #111;padding:.5em;margin:0 0 1em">${e(grouped)}</p>`,
    '<ol style="margin:0 0 1em">',
    `<li>${e(where)} and log in with this email address.</li>`,
    '<li>Make your choices, then type or paste this credential when asked (spaces do not matter).</li>',
    '<li>Keep the receipt the page shows: with it you can check later that your ballot was counted.</li>',
    '</ol>',
    c.salt
      ? p(
          `To check that you are on the roll, use your member number ${e(c.memberId)} and this roll-check code: <code>${e(c.salt)}</code>`,
        )
      : '',
    p(
      '<span style="color:#4a4a4a">Keep this message private: anyone with your credential who can log in as you could vote in your place.</span>',
    ),
    '</body></html>',
  ].join('\n');
  return { subject: `Your voting credential: ${title}`, text: `${lines.join('\n')}\n`, html };
}

/** Writes letters.html, streaming one letter at a time (a large roll makes a large file). */
async function writeLetters(
  path: string,
  context: LetterContext,
  issued: readonly IssuedCredential[],
  onProgress: (done: number) => void,
): Promise<void> {
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  // once() rejects if the stream fails (a full disk, say) before the awaited event.
  await once(out, 'open');
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(lettersHead(context));
  for (const [i, c] of issued.entries()) {
    await write(letterHtml(context, c, await credentialQr(c.credential)));
    onProgress(i + 1);
  }
  await write('</body>\n</html>\n');
  out.end();
  await once(out, 'finish');
}

/** The SMTP settings: the configuration's, with the command line's on top. */
interface SmtpOptions {
  smtpHost?: string;
  smtpPort?: number;
  smtpSecure?: boolean;
  smtpUser?: string;
  from?: string;
  config?: string;
}

function smtpSettings(opts: SmtpOptions): Config['smtp'] {
  const base = configFrom(process.env, opts.config).smtp;
  return {
    ...base,
    ...(opts.smtpHost !== undefined ? { host: opts.smtpHost } : {}),
    ...(opts.smtpPort !== undefined ? { port: opts.smtpPort } : {}),
    ...(opts.smtpSecure !== undefined ? { secure: opts.smtpSecure } : {}),
    ...(opts.smtpUser !== undefined ? { user: opts.smtpUser } : {}),
    ...(opts.from !== undefined ? { from: opts.from } : {}),
  };
}

/** A pooled nodemailer transport, checked (connection and login) before anything is generated. */
async function connectSmtp(smtp: Config['smtp']): Promise<Transporter> {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    pool: true,
    maxConnections: 4,
    connectionTimeout: 15_000,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
  });
  try {
    await transport.verify();
  } catch (error) {
    transport.close();
    throw new CliError(
      'unreachable',
      `cannot use the mail server ${smtp.host}:${smtp.port}: ${networkReason(error)}; nothing was written`,
      'smtp-unreachable',
    );
  }
  return transport;
}

/** Sends every member's email, four at a time; returns the failures (member id, email, reason). */
async function sendAll(
  transport: Transporter,
  from: string,
  context: LetterContext,
  issued: readonly IssuedCredential[],
  onProgress: (done: number) => void,
): Promise<{ memberId: string; email: string; error: string }[]> {
  const failures: { memberId: string; email: string; error: string }[] = [];
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < issued.length) {
      const c = issued[next++]!;
      const mail = credentialEmail(context, c);
      try {
        await transport.sendMail({ from, to: c.email, ...mail });
      } catch (error) {
        failures.push({ memberId: c.memberId, email: c.email, error: networkReason(error) });
      }
      onProgress(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, issued.length) }, lane));
  return failures;
}

/** The options of `credentials generate`. */
interface GenerateOptions extends SmtpOptions {
  election: string;
  voters: string;
  out: string;
  commitment?: string | false;
  salts?: string;
  title?: string;
  url?: string;
  send?: boolean;
  json?: boolean;
}

/** Writes a file that must not exist yet. */
function writeNew(path: string, text: string, mode: number): void {
  writeFileSync(path, text, { flag: 'wx', mode });
}

async function generate(opts: GenerateOptions): Promise<void> {
  if (!Id.safeParse(opts.election).success)
    throw new CliError(
      'usage',
      `"${opts.election}" is not an election id (1–64 lower-case letters, digits or hyphens)`,
    );
  if (opts.url !== undefined && !/^https?:\/\/\S+$/.test(opts.url))
    throw new CliError('usage', `--url "${opts.url}" is not an http(s) address`);
  const voters = await readVoters(opts.voters, { emailRequired: opts.send === true });
  const commitment =
    opts.commitment === false
      ? undefined
      : typeof opts.commitment === 'string'
        ? await loadCommitment(
            opts.commitment,
            opts.salts ?? join(dirname(opts.commitment), CREDENTIAL_FILES.salts),
            opts.election,
            voters,
          )
        : commitHere(opts.election, voters);

  const path = (name: keyof typeof CREDENTIAL_FILES) => join(opts.out, CREDENTIAL_FILES[name]);
  const outputs = [
    path('public'),
    path('private'),
    path('letters'),
    ...(commitment?.files ? [path('electorate'), path('salts')] : []),
  ];
  for (const file of outputs) {
    try {
      statSync(file);
    } catch {
      continue;
    }
    throw new CliError(
      'usage',
      `${file} already exists; credentials are issued once, so nothing was written (use a new --out directory)`,
      'exists',
    );
  }

  const smtp = opts.send ? smtpSettings(opts) : undefined;
  const transport = smtp ? await connectSmtp(smtp) : undefined;
  try {
    mkdirSync(opts.out, { recursive: true });
    const group = await loadGroup();
    const bar = progressBar(process.stderr);
    const issued = issueCredentials(group, opts.election, voters, commitment?.salts, (n) =>
      bar.update('credentials', n, voters.length),
    );
    bar.done();
    const payload = publicList(issued, commitment?.members);
    const context: LetterContext = {
      electionId: opts.election,
      title: opts.title ?? opts.election,
      ...(opts.url ? { url: opts.url } : {}),
    };
    writeNew(path('public'), `${JSON.stringify(payload)}\n`, 0o644);
    writeNew(path('private'), privateCsv(issued, commitment !== undefined), 0o600);
    if (commitment?.files) {
      writeNew(path('electorate'), commitment.files.electorate, 0o644);
      writeNew(path('salts'), commitment.files.salts, 0o600);
    }
    await writeLetters(path('letters'), context, issued, (n) => bar.update('letters', n, issued.length));
    bar.done();

    let emails: { sent: number; failed: number; failures?: string } | undefined;
    if (transport && smtp) {
      const failures = await sendAll(transport, smtp.from, context, issued, (n) =>
        bar.update('emails', n, issued.length),
      );
      bar.done();
      emails = { sent: issued.length - failures.length, failed: failures.length };
      if (failures.length > 0) {
        const rows = failures.map((f) => [f.memberId, f.email, f.error].map(csvField).join(','));
        writeFileSync(path('failures'), `member_id,email,error\n${rows.join('\n')}\n`, { mode: 0o600 });
        emails.failures = path('failures');
      }
    }
    report(opts, {
      election: opts.election,
      voters: voters.length,
      credentials: payload.credentials.length,
      commitment: commitment
        ? { ...commitment.members, source: commitment.files ? 'made here' : (opts.commitment as string) }
        : null,
      files: Object.fromEntries(
        (
          [
            'public',
            'private',
            'letters',
            ...(commitment?.files ? (['electorate', 'salts'] as const) : []),
          ] as const
        ).map((k) => [k, path(k)]),
      ),
      emails: emails ?? null,
    });
    if (emails && emails.failed > 0)
      throw new CliError(
        'unreachable',
        `${emails.failed} of ${issued.length} emails could not be sent; they are listed in ${emails.failures} (send those credentials from ${path('private')} or the letters)`,
        'send-failed',
      );
  } finally {
    transport?.close();
  }
}

/** The summary: counts and file names, never a credential. */
interface Summary {
  election: string;
  voters: number;
  credentials: number;
  commitment: { count: number; root: string; source: string } | null;
  files: Record<string, string>;
  emails: { sent: number; failed: number; failures?: string } | null;
}

function report(opts: GenerateOptions, s: Summary): void {
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
    return;
  }
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(`Issued ${s.credentials} credentials for election ${s.election}.`);
  if (s.commitment)
    say(
      `Electorate commitment: ${s.commitment.count} members, root ${s.commitment.root} (${s.commitment.source}).`,
    );
  say(`Public, to upload (POST /api/elections/${s.election}/electorate): ${s.files.public}`);
  if (s.files.electorate) say(`Public, to publish for members' roll checks: ${s.files.electorate}`);
  say(
    `SECRET, keep offline and destroy after delivery: ${[s.files.private, s.files.letters, s.files.salts].filter(Boolean).join(', ')}`,
  );
  if (s.emails) say(`Emails: ${s.emails.sent} sent, ${s.emails.failed} failed.`);
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new InvalidArgumentError('give a port from 1 to 65535');
  return n;
}

/** Adds `credentials generate` to the program. */
export function registerCredentialsCommands(program: Command): void {
  const credentials = program
    .command('credentials')
    .description("the credential authority's offline tools: issue voting credentials");

  credentials
    .command('generate')
    .description('make one secret credential per member: public list, private CSV, letters, emails')
    .requiredOption('--election <id>', 'the election id')
    .requiredOption('--voters <file>', 'the voter list: a CSV with member_id, email and name columns')
    .requiredOption('--out <dir>', 'a new directory for the files (nothing in it is overwritten)')
    .option(
      '--commitment <electorate.json>',
      'use the electorate commitment of psephos roll commit (default: commit the voter list here)',
    )
    .option('--no-commitment', 'publish the credentials without an electorate commitment')
    .option('--salts <file>', 'the members’ salts of that commitment (default: member-salts.csv beside it)')
    .option('--title <text>', 'the election title, for letters and emails (default: the id)')
    .option('--url <address>', 'where members vote, for letters and emails')
    .option('--send', 'also email each member their credential (plain text and HTML)')
    .option('--smtp-host <host>', 'mail server (default: the configuration, SMTP_HOST)')
    .option('--smtp-port <n>', 'its port (default: the configuration, SMTP_PORT)', port)
    .option('--smtp-secure', 'implicit TLS (port 465)')
    .option('--smtp-user <name>', 'login on the mail server; the password comes from SMTP_PASSWORD')
    .option('--from <address>', 'sender, as "Name <address>" (default: the configuration, SMTP_FROM)')
    .option('--config <file>', 'a server configuration file to take the SMTP settings from')
    .option('--json', 'print the summary (counts and file names) as JSON')
    .addHelpText(
      'after',
      `
The credentials themselves are never printed. private-credentials.csv, letters.html and member-salts.csv
are written with mode 0600: keep them on this offline machine and destroy them once delivered.

Examples:
  psephos credentials generate --election leader-2026 --voters voters.csv --out ./issued
  psephos roll commit roll.csv --election leader-2026 --out ./roll
  psephos credentials generate --election leader-2026 --voters voters.csv --out ./issued \\
      --commitment ./roll/electorate.json --title "Leadership election 2026" --url https://vote.example.org
  SMTP_PASSWORD=… psephos credentials generate --election leader-2026 --voters voters.csv --out ./issued \\
      --send --smtp-host smtp.example.org --smtp-port 587 --smtp-user ca --from "Returning officer <ro@example.org>"

${EXIT_HELP}`,
    )
    .action((opts: GenerateOptions) => runAction('credentials generate', opts.json, () => generate(opts)));
}
