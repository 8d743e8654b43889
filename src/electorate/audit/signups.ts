/**
 * Suspicious sign-ups: bursts of members joining within a few days who share an address, an email
 * domain, a block of phone numbers or a payment reference; spikes in daily joins just before the cut-off;
 * addresses at disposable email services.
 */
import disposableDomains from 'disposable-email-domains/index.json' with { type: 'json' };
import disposableWildcards from 'disposable-email-domains/wildcard.json' with { type: 'json' };
import { dayNumber, isoDay } from '../dates.ts';
import type { Roll } from '../member.ts';
import type { Features } from './features.ts';
import type { DetectedFinding } from './finding.ts';
import { groupPositions } from './groups.ts';
import type { AuditOptions, BurstOptions } from './options.ts';

/**
 * Bursts of joins sharing an address, an email domain, a block of phone numbers or a payment reference:
 * at least `minMembers` joins within `windowDays` (for domains, also far above the domain's usual rate;
 * see {@link BurstOptions}). Overlapping windows merge into one finding.
 * @example `findSignupBursts(roll, features, DEFAULT_AUDIT_OPTIONS)`
 */
export function findSignupBursts(roll: Roll, features: Features, options: AuditOptions): DetectedFinding[] {
  const members = roll.members;
  const drop = options.phonePrefixDropDigits;
  const dimensions: [string, (string | null)[], BurstOptions, (key: string, i: number) => string][] = [
    [
      'address',
      features.address,
      options.bursts.address,
      (_, i) => `the same address "${members[i]!.address}, ${members[i]!.postcode}"`,
    ],
    ['email-domain', features.domain, options.bursts.emailDomain, (key) => `email addresses at ${key}`],
    [
      'phone-prefix',
      features.phone.map((phone) => (phone ? phone.slice(0, -drop) : '')),
      options.bursts.phonePrefix,
      (key) => `phone numbers ${key}${'x'.repeat(drop)}`,
    ],
    [
      'payment-reference',
      members.map((m) => m.paymentReference.toUpperCase().replace(/\s+/g, '')),
      options.bursts.paymentReference,
      (_, i) => `payment reference "${members[i]!.paymentReference}"`,
    ],
  ];
  const span = features.lastJoinDay - features.firstJoinDay + 1;
  const found: DetectedFinding[] = [];
  for (const [signal, keys, burst, describe] of dimensions) {
    for (const [key, group] of groupPositions(keys, burst.minMembers)) {
      const usual = (group.length * burst.windowDays) / Math.max(span, burst.windowDays);
      const threshold = Math.max(burst.minMembers, Math.ceil((burst.overBaseline ?? 0) * usual));
      for (const run of burstRuns(group, features.joinDay, burst.windowDays, threshold)) {
        const from = isoDay(features.joinDay[run[0]!]!);
        const to = isoDay(features.joinDay[run.at(-1)!]!);
        found.push({
          kind: 'bulk-signup',
          evidence: [
            {
              signal,
              detail: `${run.length} members with ${describe(key, run[0]!)} joined ${from === to ? `on ${from}` : `between ${from} and ${to}`}`,
              members: run,
            },
          ],
        });
      }
    }
  }
  return found;
}

/** Runs of members (sorted by join day) inside some window of `windowDays` holding ≥ `threshold` joins. */
function burstRuns(group: number[], joinDay: Int32Array, windowDays: number, threshold: number): number[][] {
  if (group.length < threshold) return [];
  group.sort((a, b) => joinDay[a]! - joinDay[b]!);
  const marked = new Uint8Array(group.length);
  let left = 0;
  for (let right = 0; right < group.length; right++) {
    while (joinDay[group[right]!]! - joinDay[group[left]!]! >= windowDays) left++;
    if (right - left + 1 >= threshold) marked.fill(1, left, right + 1);
  }
  const runs: number[][] = [];
  let run: number[] = [];
  group.forEach((member, i) => {
    if (marked[i] === 1) run.push(member);
    else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * Spikes in daily joins in the `searchDays` up to the cut-off (or the last join when the rules have no
 * cut-off): days with at least `minJoins` joins and `overBaseline` times the median day of the
 * `baselineDays` before. Consecutive spike days make one finding listing everyone who joined on them.
 * @example `findJoinSpikes(features, '2026-10-01', DEFAULT_AUDIT_OPTIONS)`
 */
export function findJoinSpikes(
  features: Features,
  cutoff: string | undefined,
  options: AuditOptions,
): DetectedFinding[] {
  const { searchDays, baselineDays, minJoins, overBaseline } = options.spike;
  const end = cutoff === undefined ? features.lastJoinDay : dayNumber(cutoff);
  const start = end - searchDays + 1;
  const counts = new Map<number, number[]>();
  features.joinDay.forEach((day, i) => {
    if (day < start - baselineDays || day > end) return;
    const list = counts.get(day);
    if (list) list.push(i);
    else counts.set(day, [i]);
  });
  const baseline: number[] = [];
  for (let day = Math.max(start - baselineDays, features.firstJoinDay); day < start; day++) {
    baseline.push(counts.get(day)?.length ?? 0);
  }
  const usual = median(baseline);
  const threshold = Math.max(minJoins, overBaseline * Math.max(usual, 1));
  const found: DetectedFinding[] = [];
  let spikeDays: number[] = [];
  const close = (): void => {
    if (spikeDays.length === 0) return;
    const members = spikeDays.flatMap((day) => counts.get(day)!);
    const most = Math.max(...spikeDays.map((day) => counts.get(day)!.length));
    const from = isoDay(spikeDays[0]!);
    const to = isoDay(spikeDays.at(-1)!);
    const when = from === to ? `on ${from}` : `from ${from} to ${to}`;
    const before = cutoff === undefined ? 'last join' : `cut-off ${cutoff}`;
    found.push({
      kind: 'join-spike',
      evidence: [
        {
          signal: 'daily-joins',
          detail: `${members.length} members joined ${when} (up to ${most} a day against a usual ${usual}), within ${searchDays} days before the ${before}`,
          members,
        },
      ],
    });
    spikeDays = [];
  };
  for (let day = start; day <= end; day++) {
    if ((counts.get(day)?.length ?? 0) >= threshold) spikeDays.push(day);
    else close();
  }
  close();
  return found;
}

const DISPOSABLE = new Set<string>(disposableDomains);
const DISPOSABLE_PARENTS = new Set<string>(disposableWildcards);

/**
 * True when a domain belongs to a disposable (throw-away) email service, by the disposable-email-domains
 * list, whose wildcard part also covers every subdomain.
 * @example `isDisposableDomain('mailinator.com')` → `true`
 */
export function isDisposableDomain(domain: string): boolean {
  if (DISPOSABLE.has(domain)) return true;
  for (let dot = domain.indexOf('.'); dot >= 0; dot = domain.indexOf('.', dot + 1)) {
    if (DISPOSABLE_PARENTS.has(domain.slice(dot + 1))) return true;
  }
  return DISPOSABLE_PARENTS.has(domain);
}

/**
 * Members using disposable email addresses, one finding per domain.
 * @example `findDisposableEmails(features)`
 */
export function findDisposableEmails(features: Features): DetectedFinding[] {
  const found: DetectedFinding[] = [];
  for (const [domain, members] of groupPositions(features.domain, 1)) {
    if (!isDisposableDomain(domain)) continue;
    found.push({
      kind: 'disposable-email',
      evidence: [
        {
          signal: 'disposable-domain',
          detail: `${members.length} member${members.length === 1 ? '' : 's'} use ${domain}, a disposable email service`,
          members,
        },
      ],
    });
  }
  return found;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
