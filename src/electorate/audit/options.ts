/**
 * The audit's thresholds. The defaults suit a national party's roll; each detector reads only its own
 * part, and tests narrow them to exercise one detector at a time.
 */

/**
 * A burst detector: at least `minMembers` joins sharing one key within `windowDays`. With
 * `overBaseline`, also more than that many times the key's usual rate over the whole roll: an email
 * domain such as gmail.com is shared by thousands who joined over years, so for domains only a rate far
 * above their own usual one is a burst.
 */
export interface BurstOptions {
  minMembers: number;
  windowDays: number;
  overBaseline?: number;
}

/** All thresholds of the audit. */
export interface AuditOptions {
  /** Name similarity (word by word, Jaro–Winkler) from which two names in one postcode may be one person. */
  nameSimilarity: number;
  /** Postcode blocks larger than this compare each name with its neighbours in name order only. */
  maxBlock: number;
  bursts: {
    address: BurstOptions;
    emailDomain: BurstOptions;
    phonePrefix: BurstOptions;
    paymentReference: BurstOptions;
  };
  /** Digits dropped from the end of an E.164 number to get its prefix (a block of consecutive numbers). */
  phonePrefixDropDigits: number;
  spike: {
    /** How many days up to the cut-off are searched for spikes. */
    searchDays: number;
    /** How many days before those give the usual daily rate (its median). */
    baselineDays: number;
    /** A spike day has at least this many joins… */
    minJoins: number;
    /** …and at least this many times the usual daily rate. */
    overBaseline: number;
  };
  /** Domains with this share of the roll (and at least 20 members) are real, never a typo of a big provider. */
  typoDomainMaxShare: number;
}

/**
 * The defaults.
 * @example `auditRoll(roll, eligibility, { ...DEFAULT_AUDIT_OPTIONS, nameSimilarity: 0.95 })`
 */
export const DEFAULT_AUDIT_OPTIONS: AuditOptions = {
  nameSimilarity: 0.93,
  maxBlock: 500,
  bursts: {
    address: { minMembers: 5, windowDays: 30 },
    emailDomain: { minMembers: 10, windowDays: 7, overBaseline: 5 },
    phonePrefix: { minMembers: 5, windowDays: 30 },
    paymentReference: { minMembers: 3, windowDays: 30 },
  },
  phonePrefixDropDigits: 3,
  spike: { searchDays: 60, baselineDays: 365, minJoins: 20, overBaseline: 5 },
  typoDomainMaxShare: 0.001,
};
