/**
 * The imported roll: one record per member, each field already checked and in one normal spelling
 * (ISO dates, ISO country codes, a dues status), plus where the roll came from.
 */
import type { CsvEncoding } from './codes.ts';
import type { DateFormat } from './dates.ts';
import type { RollField } from './mapping.ts';
import type { DuesStatus } from './values.ts';

/**
 * One member as the roll has them. Text fields are trimmed and '' when blank or not in the roll; contact
 * fields are kept as written, since whether they work is the audit's question, not the import's.
 */
export interface Member {
  /** The line of the file where the member's row ends (1-based), for pointing the organiser at it. */
  line: number;
  memberId: string;
  name: string;
  email: string;
  phone: string;
  address: string;
  postcode: string;
  /** Country of residence, ISO 3166-1 alpha-2, or ''. */
  country: string;
  nationality: string;
  /** ISO date, or '' when unknown. */
  dateOfBirth: string;
  joinDate: string;
  /** '' when the roll has no dues column or the cell is blank. */
  dues: DuesStatus | '';
  suspended: boolean;
  paymentReference: string;
  /** Values of the free columns, in the order of {@link Roll.freeColumns}. */
  free: string[];
}

/** Where a roll came from, so a report names exactly the file it is about. */
export interface RollSource {
  name: string;
  sha256: string;
  encoding: CsvEncoding;
  delimiter: string;
  rows: number;
}

/** A whole imported roll. */
export interface Roll {
  members: Member[];
  source: RollSource;
  /** The header of the column each field was read from. */
  columns: Partial<Record<RollField, string>>;
  freeColumns: string[];
  dateFormat: DateFormat;
  /** Used to read phone numbers without `+` for members with no country of residence. */
  defaultCountry: string | undefined;
}
