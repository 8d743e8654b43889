/**
 * The verification report: what was checked, how many of each, the result with candidate names, and
 * either "all checks passed" or the first failure with its code, event and line. The CLI prints it as
 * text or JSON; the verifier page shows the same object.
 *
 * SPEC.md §15 (Verification: report).
 *
 * @example
 * ```ts
 * process.stdout.write(renderReport(report));
 * ```
 */
import type { ElectionState, Phase } from './election-state.ts';
import type { FailureCode, VerificationFailure } from './failure.ts';
import type { LogChecker } from './log.ts';

export interface QuestionResult {
  readonly id: string;
  readonly title: string;
  readonly candidates: readonly { id: string; name: string; votes: number }[];
}

export interface VerificationReport {
  readonly ok: boolean;
  readonly election?: { id: string; title: string; practice: boolean; revoting: string };
  readonly phase: Phase;
  readonly failure?: { code: FailureCode; message: string; event?: number; line?: number };
  /** Each family of checks that ran, with how many items passed it. */
  readonly checks: readonly { check: string; count: number }[];
  readonly counts: {
    events: number;
    treeHeads: number;
    trustees: number;
    credentials: number;
    ballots: number;
    counted: number;
    superseded: number;
    amendments: number;
  };
  readonly result?: { counted: number; questions: readonly QuestionResult[] };
  readonly root?: string;
  readonly ms: number;
}

export function buildReport(
  state: ElectionState,
  log: LogChecker | undefined,
  timing: { ms: number },
  failure?: VerificationFailure,
): VerificationReport {
  const d = state.definition;
  const result = state.result;
  const failed = failure && {
    code: failure.code,
    message: failure.message,
    ...(failure.event !== undefined ? { event: failure.event } : {}),
    ...(failure.line !== undefined ? { line: failure.line } : {}),
  };
  return {
    ok: failure === undefined,
    ...(d ? { election: { id: d.id, title: d.title, practice: d.practice, revoting: d.revoting } } : {}),
    phase: state.phase,
    ...(failed ? { failure: failed } : {}),
    checks: [
      { check: 'events chained, numbered and in the Merkle tree', count: log?.size ?? 0 },
      { check: 'signed tree heads (signature and root)', count: log?.heads ?? 0 },
      { check: 'trustee key proofs', count: state.identities.size },
      { check: 'trustee dealings (commitment proofs)', count: state.dealings.size },
      { check: 'ballots (signature, listed credential, every proof)', count: state.ballots },
      { check: 'decryption shares (Chaum–Pedersen proofs)', count: state.shares.size },
    ],
    counts: {
      events: log?.size ?? 0,
      treeHeads: log?.heads ?? 0,
      trustees: d?.trustees.length ?? 0,
      credentials: state.credentials?.size ?? 0,
      ballots: state.ballots,
      counted: state.counted.size,
      superseded: state.ballots - state.counted.size,
      amendments: state.amendments,
    },
    ...(result && d && !failure
      ? {
          result: {
            counted: result.counted,
            questions: d.questions.map((q, i) => ({
              id: q.id,
              title: q.title,
              candidates: q.candidates.map((c, j) => ({
                id: c.id,
                name: c.name,
                votes: result.counts[i]![j]!,
              })),
            })),
          },
        }
      : {}),
    ...(log ? { root: log.root } : {}),
    ms: Math.round(timing.ms),
  };
}

/** The report as plain text for a terminal. */
export function renderReport(r: VerificationReport): string {
  const lines: string[] = [];
  if (r.election)
    lines.push(`Election: ${r.election.title} (${r.election.id})${r.election.practice ? ' — PRACTICE' : ''}`);
  lines.push(`Phase: ${r.phase}`, '', 'Checked:');
  for (const c of r.checks) lines.push(`  ${String(c.count).padStart(9)}  ${c.check}`);
  const n = r.counts;
  lines.push(
    '',
    `Ballots: ${n.ballots} cast, ${n.counted} counted, ${n.superseded} replaced or revoked; credentials: ${n.credentials}`,
  );
  if (r.result) {
    for (const q of r.result.questions) {
      lines.push('', q.title);
      const total = q.candidates.reduce((a, c) => a + c.votes, 0) || 1;
      for (const c of q.candidates)
        lines.push(
          `  ${String(c.votes).padStart(9)}  ${((100 * c.votes) / total).toFixed(1).padStart(5)}%  ${c.name}`,
        );
    }
  } else if (r.ok) {
    lines.push('', 'No result is published yet: the record was verified as far as it goes.');
  }
  lines.push(
    '',
    r.ok
      ? `VERIFIED: every check passed (${r.ms} ms).`
      : `FAILED: ${r.failure!.code} — ${r.failure!.message}${where(r.failure!)}`,
  );
  return `${lines.join('\n')}\n`;
}

function where(f: { event?: number; line?: number }): string {
  const parts = [
    f.event !== undefined ? `event ${f.event}` : '',
    f.line !== undefined ? `line ${f.line}` : '',
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
