/**
 * The normalised view of a roll that every detector reads: computed once per audit, one array per field,
 * indexed like `roll.members`.
 */
import { dayNumber } from '../dates.ts';
import type { Roll } from '../member.ts';
import {
  emailDomain,
  emailSyntaxProblem,
  normaliseAddress,
  normaliseEmail,
  normaliseName,
  normalisePostcode,
} from '../normalise.ts';
import { normalisePhones } from './phones.ts';

/** Per-member normal forms. '' means blank. */
export interface Features {
  /** Normalised email, '' when blank or not a valid address. */
  email: string[];
  /** Why the written email is not valid; null when blank or valid. */
  emailProblem: (string | null)[];
  /** Domain of the normalised email ('' when there is none). */
  domain: string[];
  /** E.164 phone; '' when blank; null when written but not a valid number. */
  phone: (string | null)[];
  name: string[];
  postcode: string[];
  /** Normalised address and postcode together ('' when the address is blank). */
  address: string[];
  /** Join date as a day number. */
  joinDay: Int32Array;
  firstJoinDay: number;
  lastJoinDay: number;
}

/**
 * Computes the features of every member.
 * @example `const features = await computeFeatures(roll); features.phone[0]` → `'+447400123456'`
 */
export async function computeFeatures(roll: Roll): Promise<Features> {
  const n = roll.members.length;
  const phones = normalisePhones(
    roll.members.map((m) => ({ phone: m.phone, country: m.country || roll.defaultCountry })),
  );
  const features: Features = {
    email: new Array<string>(n),
    emailProblem: new Array<string | null>(n),
    domain: new Array<string>(n),
    phone: [],
    name: new Array<string>(n),
    postcode: new Array<string>(n),
    address: new Array<string>(n),
    joinDay: new Int32Array(n),
    firstJoinDay: Number.POSITIVE_INFINITY,
    lastJoinDay: Number.NEGATIVE_INFINITY,
  };
  roll.members.forEach((m, i) => {
    const problem = m.email === '' ? null : emailSyntaxProblem(m.email);
    const email = m.email === '' || problem !== null ? '' : normaliseEmail(m.email);
    features.email[i] = email;
    features.emailProblem[i] = problem;
    features.domain[i] = emailDomain(email);
    features.name[i] = normaliseName(m.name);
    const postcode = normalisePostcode(m.postcode);
    features.postcode[i] = postcode;
    features.address[i] = m.address === '' ? '' : `${normaliseAddress(m.address)}|${postcode}`;
    const day = dayNumber(m.joinDate);
    features.joinDay[i] = day;
    features.firstJoinDay = Math.min(features.firstJoinDay, day);
    features.lastJoinDay = Math.max(features.lastJoinDay, day);
  });
  features.phone = await phones;
  return features;
}
