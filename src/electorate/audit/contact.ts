/**
 * Missing and invalid contact data: the members a credential cannot reach. Credentials go out by email,
 * so a blank, malformed or mistyped address is a finding; an invalid phone number is one too, since it
 * is the fallback channel.
 */
import type { Roll } from '../member.ts';
import { withinOneEdit } from '../similarity.ts';
import type { Features } from './features.ts';
import type { DetectedFinding } from './finding.ts';
import { groupPositions } from './groups.ts';
import type { AuditOptions } from './options.ts';

/**
 * Big providers whose names are long enough that a domain one edit away is almost surely a typing
 * mistake (short ones such as aol.com or sky.com have real neighbours).
 */
const PROVIDERS = [
  'gmail.com',
  'googlemail.com',
  'hotmail.com',
  'hotmail.co.uk',
  'outlook.com',
  'yahoo.com',
  'yahoo.co.uk',
  'icloud.com',
  'btinternet.com',
  'virginmedia.com',
  'talktalk.net',
  'protonmail.com',
];

/**
 * Finds members with no email, an invalid email (malformed, or at a domain one typing mistake away from a
 * big provider, such as gmial.com) or an invalid phone number.
 * @example `findContactProblems(roll, features, DEFAULT_AUDIT_OPTIONS)`
 */
export function findContactProblems(
  roll: Roll,
  features: Features,
  options: AuditOptions,
): DetectedFinding[] {
  const found: DetectedFinding[] = [];
  const missing = roll.members.flatMap((m, i) => (m.email === '' ? [i] : []));
  if (missing.length > 0) {
    found.push({
      kind: 'missing-email',
      evidence: [
        { signal: 'blank', detail: `${missing.length} members have no email address`, members: missing },
      ],
    });
  }

  const invalid: DetectedFinding['evidence'] = [];
  for (const [problem, members] of groupPositions(features.emailProblem, 1)) {
    invalid.push({ signal: 'syntax', detail: `${members.length} addresses: ${problem}`, members });
  }
  // In a small roll any domain is rare, so a floor of 20 members keeps real neighbours of providers out.
  const maxCount = Math.max(20, options.typoDomainMaxShare * roll.members.length);
  for (const [domain, members] of groupPositions(features.domain, 1)) {
    if (members.length >= maxCount || PROVIDERS.includes(domain)) continue;
    const provider = PROVIDERS.find((p) => withinOneEdit(domain, p));
    if (provider !== undefined) {
      invalid.push({
        signal: 'domain-typo',
        detail: `${members.length} addresses at ${domain}, which looks like a typing mistake for ${provider}`,
        members,
      });
    }
  }
  if (invalid.length > 0) found.push({ kind: 'invalid-email', evidence: invalid });

  const badPhones = features.phone.flatMap((phone, i) => (phone === null ? [i] : []));
  if (badPhones.length > 0) {
    found.push({
      kind: 'invalid-phone',
      evidence: [
        {
          signal: 'not-a-number',
          detail: `${badPhones.length} phone numbers are not valid numbers`,
          members: badPhones,
        },
      ],
    });
  }
  return found;
}
