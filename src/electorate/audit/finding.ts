/**
 * Findings: what the audit proposes to the organiser. Each names the members it involves and, in its
 * evidence, why; its id is a hash of its kind and members, so the same finding on a re-run of the audit
 * keeps its id (and its decision), and a finding whose members changed is a new one.
 */
import { toHex, utf8 } from '../../crypto/bytes.ts';
import { taggedHash } from '../../crypto/hash.ts';
import type { Member, Roll } from '../member.ts';
import type { Finding, FindingKind, SampleRow } from '../report.ts';
import { FINDING_KINDS } from '../report.ts';

/** What a detector returns: evidence over member positions in the roll. */
export interface DetectedFinding {
  kind: FindingKind;
  evidence: { signal: string; detail: string; members: number[] }[];
}

const SAMPLE_SIZE = 5;

/**
 * The stable id of a finding: the first 8 bytes, in hex, of the tagged hash (purpose
 * `electorate/finding`) of its kind and its sorted member ids.
 * @example `findingId('duplicate', ['M1', 'M2'])` → 16 hex digits
 */
export function findingId(kind: FindingKind, sortedMemberIds: readonly string[]): string {
  return toHex(taggedHash('electorate/finding', [utf8(kind), ...sortedMemberIds.map(utf8)])).slice(0, 16);
}

/**
 * Turns detected findings into report findings: members by id, sorted and with samples; two findings of
 * one kind over the same members (one burst seen by address and by payment reference) become one with
 * both pieces of evidence.
 * @example `const findings = resolveFindings(roll, [...findDuplicates(roll, features, options)]);`
 */
export function resolveFindings(roll: Roll, detected: readonly DetectedFinding[]): Finding[] {
  const byId = new Map<string, Finding>();
  for (const found of detected) {
    const members = [...new Set(found.evidence.flatMap((e) => e.members))].sort((a, b) => a - b);
    const memberIds = members.map((i) => roll.members[i]!.memberId).sort();
    const id = findingId(found.kind, memberIds);
    const evidence = found.evidence.map((e) => ({
      signal: e.signal,
      detail: e.detail,
      memberIds: e.members.map((i) => roll.members[i]!.memberId).sort(),
    }));
    const existing = byId.get(id);
    if (existing) existing.evidence = existing.evidence.concat(evidence);
    else {
      const sample = members.slice(0, SAMPLE_SIZE).map((i) => sampleRow(roll.members[i]!));
      byId.set(id, { id, kind: found.kind, memberIds, evidence, sample });
    }
  }
  return [...byId.values()].sort(
    (a, b) =>
      FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind) ||
      a.sample[0]!.line - b.sample[0]!.line ||
      a.id.localeCompare(b.id),
  );
}

function sampleRow(m: Member): SampleRow {
  const { line, memberId, name, email, phone, postcode, joinDate } = m;
  return { line, memberId, name, email, phone, postcode, joinDate };
}
