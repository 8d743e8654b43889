/**
 * `psephos roll …`: the membership roll before credentials go out.
 * - `import <roll.csv>`: checks the whole file and prints what was read;
 * - `audit <roll.csv>`: eligibility and the audit; writes `<roll>.audit.json` and `.html` (or, with
 *   `--json`, prints the whole report as JSON on stdout);
 * - `decide <audit.json> <finding-id> confirm|dismiss --note …`: records the organiser's decision;
 * - `commit <roll.csv> --election ID --out DIR`: the electorate commitment and each member's salt;
 * - `check <electorate.json> --member ID --salt SALT`: a member's check that they are on the roll.
 *
 * Exit codes: 0 done; 1 a member is not in the committed electorate; 2 bad usage or an input that
 * cannot be read (the message says which rows, where).
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { Command } from 'commander';
import { Argument } from 'commander';
import { auditRoll } from '../electorate/audit.ts';
import {
  buildElectorate,
  findMemberInPublished,
  publishedElectorateSchema,
  verifyMemberInclusion,
} from '../electorate/commitment.ts';
import {
  applyDecisions,
  decisionsPathFor,
  loadDecisions,
  recordDecision,
  saveDecisions,
} from '../electorate/decisions.ts';
import {
  eligibleMembers,
  evaluateEligibility,
  INELIGIBILITY_REASONS,
  REASON_TEXT,
} from '../electorate/eligibility.ts';
import { ElectorateError } from '../electorate/errors.ts';
import { renderAuditHtml } from '../electorate/html.ts';
import { importRollFile } from '../electorate/import.ts';
import { parseColumnMapping } from '../electorate/mapping.ts';
import type { Roll } from '../electorate/member.ts';
import type { AuditReport } from '../electorate/report.ts';
import { FINDING_KINDS, KIND_TEXT, parseAuditReport } from '../electorate/report.ts';
import type { EligibilityRules } from '../electorate/rules.ts';
import { describeRules, parseEligibilityRules } from '../electorate/rules.ts';
import { progressBar } from './progress.ts';

interface RollOptions {
  mapping?: string;
  rules?: string;
}

/** Row errors printed on the terminal; the rest are counted (JSON output lists every one kept). */
const ROW_ERRORS_SHOWN = 20;

/**
 * Adds the `roll` command and its subcommands to the program.
 * @example `registerRollCommands(new Command('psephos'))`
 */
export function registerRollCommands(program: Command): void {
  const roll = program.command('roll').description('the membership roll: import, audit, decide, commit');

  roll
    .command('import')
    .description('check a roll CSV and print what was read')
    .argument('<roll.csv>', 'the roll, UTF-8 or Windows-1252, comma, semicolon, tab or bar separated')
    .option('--mapping <file>', 'column mapping (JSON)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: RollOptions & { json?: boolean }) =>
      run(options.json, async () => {
        const loaded = await loadRoll(file, options);
        const summary = {
          source: loaded.source,
          members: loaded.members.length,
          columns: loaded.columns,
          freeColumns: loaded.freeColumns,
        };
        if (options.json) return print(JSON.stringify(summary, null, 2));
        print(
          `Read ${summary.members} members from ${loaded.source.name} (${loaded.source.encoding}, delimiter ${JSON.stringify(loaded.source.delimiter)}).`,
        );
        print(`SHA-256 ${loaded.source.sha256}`);
        for (const [field, header] of Object.entries(loaded.columns))
          print(`  ${field.padEnd(17)} ← ${header}`);
        if (loaded.freeColumns.length > 0) print(`  free fields: ${loaded.freeColumns.join(', ')}`);
      }),
    );

  roll
    .command('audit')
    .description('apply the eligibility rules and audit the roll; write the report (HTML and JSON)')
    .argument('<roll.csv>', 'the roll')
    .option('--mapping <file>', 'column mapping (JSON)')
    .option('--rules <file>', 'eligibility rules (JSON); by default only suspended members are excluded')
    .option('--json', 'print the whole report as JSON on stdout instead of writing files')
    .option(
      '--out <report.json>',
      'where to write the JSON report; the HTML goes beside it (default: beside the roll)',
    )
    .option('--decisions <file>', 'decisions to merge (default: the decisions file beside the report)')
    .action(
      async (file: string, options: RollOptions & { json?: boolean; out?: string; decisions?: string }) =>
        run(options.json, async () => {
          const loaded = await loadRoll(file, options);
          const eligibility = evaluateEligibility(loaded, loadRules(options.rules));
          const jsonPath = options.out ?? join(dirname(file), `${basename(file, extname(file))}.audit.json`);
          const decisions = await loadDecisions(options.decisions ?? decisionsPathFor(jsonPath));
          const report = applyDecisions(await auditRoll(loaded, eligibility), decisions);
          if (options.json) return print(JSON.stringify(report, null, 2));
          const htmlPath = await writeReport(jsonPath, report);
          printSummary(report);
          print(`Report: ${htmlPath} (JSON: ${jsonPath})`);
          print(
            `Decide each finding: psephos roll decide ${jsonPath} <finding-id> confirm|dismiss --note "why"`,
          );
        }),
    );

  roll
    .command('decide')
    .description("record the organiser's decision on a finding, in the decisions file beside the report")
    .argument('<audit.json>', 'the JSON report of `psephos roll audit`')
    .argument('<finding-id>', 'the finding, as the report names it')
    .addArgument(
      new Argument('<decision>', 'confirm (a real problem) or dismiss (not a problem)').choices([
        'confirm',
        'dismiss',
      ]),
    )
    .requiredOption('--note <text>', 'why: what was checked, with whom')
    .action(
      async (
        reportPath: string,
        findingId: string,
        decision: 'confirm' | 'dismiss',
        options: { note: string },
      ) =>
        run(false, async () => {
          const report = parseAuditReport(readJson(reportPath, 'invalid-report'));
          const decisionsPath = decisionsPathFor(reportPath);
          const decisions = recordDecision(
            await loadDecisions(decisionsPath),
            report,
            findingId,
            decision,
            options.note,
          );
          await saveDecisions(decisionsPath, decisions);
          const decided = applyDecisions(report, decisions);
          const htmlPath = await writeReport(reportPath, decided);
          print(
            `Finding ${findingId} ${decision === 'confirm' ? 'confirmed' : 'dismissed'}; ${decided.summary.openFindings} findings still open.`,
          );
          print(`Decisions: ${decisionsPath}; report updated: ${htmlPath}`);
        }),
    );

  roll
    .command('commit')
    .description(
      'commit to the eligible electorate: public commitment and leaves, and a private salt per member',
    )
    .argument('<roll.csv>', 'the roll')
    .requiredOption('--election <id>', 'the election id')
    .requiredOption('--out <dir>', 'directory for electorate.json (public) and member-salts.csv (private)')
    .option('--mapping <file>', 'column mapping (JSON)')
    .option('--rules <file>', 'eligibility rules (JSON)')
    .action(async (file: string, options: RollOptions & { election: string; out: string }) =>
      run(false, async () => {
        const loaded = await loadRoll(file, options);
        const eligible = eligibleMembers(loaded, evaluateEligibility(loaded, loadRules(options.rules)));
        const electorate = buildElectorate(
          options.election,
          eligible.map((m) => m.memberId),
        );
        mkdirSync(options.out, { recursive: true });
        const publicPath = join(options.out, 'electorate.json');
        const saltsPath = join(options.out, 'member-salts.csv');
        // Never overwrite: new salts would not match a commitment already published.
        const salts = electorate.members.map((m) => `${csvField(m.memberId)},${m.salt},${m.index}`);
        writeExclusive(saltsPath, `member_id,salt,index\n${salts.join('\n')}\n`, 0o600);
        writeExclusive(
          publicPath,
          `${JSON.stringify({ commitment: electorate.commitment, leaves: electorate.leaves })}\n`,
          0o644,
        );
        print(`Committed ${electorate.commitment.count} eligible members of election ${options.election}.`);
        print(`Root ${electorate.commitment.root}`);
        print(`Public: ${publicPath}. Private, to send with each credential: ${saltsPath}`);
      }),
    );

  roll
    .command('check')
    .description(
      "check that a member is in a committed electorate, from the public file and the member's salt",
    )
    .argument('<electorate.json>', 'the public electorate file')
    .requiredOption('--member <id>', 'the member id')
    .requiredOption('--salt <salt>', 'the salt delivered with the credential')
    .action(async (file: string, options: { member: string; salt: string }) =>
      run(false, async () => {
        const parsed = publishedElectorateSchema.safeParse(readJson(file, 'invalid-commitment'));
        if (!parsed.success)
          throw new ElectorateError('invalid-commitment', `${file} is not a public electorate file`);
        const { commitment } = parsed.data;
        const check = findMemberInPublished(parsed.data, options.member, options.salt);
        if (check && verifyMemberInclusion(check, commitment)) {
          print(
            `Member ${options.member} is in the electorate of ${commitment.electionId} (leaf ${check.index} of ${commitment.count}).`,
          );
        } else {
          print(
            `Member ${options.member} with this salt is NOT in the committed electorate of ${commitment.electionId}.`,
          );
          process.exitCode = 1;
        }
      }),
    );
}

/** Runs an action, turning an ElectorateError into its message (and row errors) and exit code 2. */
async function run(json: boolean | undefined, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof ElectorateError)) throw error;
    process.exitCode = 2;
    if (json) {
      print(
        JSON.stringify(
          { error: { code: error.code, message: error.message, rowErrors: error.rowErrors } },
          null,
          2,
        ),
      );
      return;
    }
    process.stderr.write(`psephos: ${error.message}\n`);
    for (const e of error.rowErrors.slice(0, ROW_ERRORS_SHOWN))
      process.stderr.write(`  line ${e.line}: ${e.message}\n`);
    const more = error.rowErrors.length - ROW_ERRORS_SHOWN;
    if (more > 0) process.stderr.write(`  … and ${more} more (--json lists them all)\n`);
  }
}

async function loadRoll(file: string, options: RollOptions): Promise<Roll> {
  const mapping = options.mapping
    ? parseColumnMapping(readJson(options.mapping, 'invalid-mapping'))
    : undefined;
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new ElectorateError('unreadable-file', `cannot read ${file}: ${(error as Error).message}`);
  }
  const bar = progressBar(process.stderr);
  try {
    return await importRollFile(file, {
      mapping,
      onProgress: (read) => bar.update('reading roll', read, size),
    });
  } finally {
    bar.done();
  }
}

function loadRules(path: string | undefined): EligibilityRules {
  return parseEligibilityRules(path === undefined ? {} : readJson(path, 'invalid-rules'));
}

function readJson(
  path: string,
  code: 'invalid-mapping' | 'invalid-rules' | 'invalid-report' | 'invalid-commitment',
): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ElectorateError(code, `cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ElectorateError(code, `${path} is not JSON`);
  }
}

async function writeReport(jsonPath: string, report: AuditReport): Promise<string> {
  const htmlPath = `${jsonPath.replace(/\.json$/, '')}.html`;
  await writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(htmlPath, renderAuditHtml(report));
  return htmlPath;
}

function writeExclusive(path: string, text: string, mode: number): void {
  try {
    writeFileSync(path, text, { flag: 'wx', mode });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new ElectorateError(
      'output-exists',
      `${path} already exists; a commitment is made once (use a new --out directory)`,
    );
  }
}

function printSummary(report: AuditReport): void {
  const { summary, source } = report;
  print(`Roll audit of ${source.name} (SHA-256 ${source.sha256})`);
  print(
    `${summary.members} members; ${summary.eligible} eligible under: ${describeRules(report.rules).join('; ')}.`,
  );
  for (const reason of INELIGIBILITY_REASONS) {
    const n = report.eligibility.byReason[reason];
    if (n > 0) print(`  not eligible, ${REASON_TEXT[reason]}: ${n}`);
  }
  print(`Findings (${summary.openFindings} open; ${summary.membersFlagged} members named):`);
  for (const kind of FINDING_KINDS) {
    const c = summary.byKind[kind];
    if (c.findings > 0)
      print(`  ${KIND_TEXT[kind]}: ${c.findings} findings, ${c.members} members (${c.open} open)`);
  }
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}
