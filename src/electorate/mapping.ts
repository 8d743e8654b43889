/**
 * The column mapping: which CSV column holds which member field. The organiser may name columns in a
 * mapping file; columns it leaves out are recognised by their usual header names; columns no field uses
 * are kept as free fields.
 */
import { z } from 'zod';
import { ElectorateError } from './errors.ts';
import { foldText } from './normalise.ts';
import { isCountryCode } from './values.ts';

/** The member fields a roll column can be mapped to. @example `ROLL_FIELDS.includes('joinDate')` → `true` */
export const ROLL_FIELDS = [
  'memberId',
  'name',
  'email',
  'phone',
  'address',
  'postcode',
  'country',
  'nationality',
  'dateOfBirth',
  'joinDate',
  'dues',
  'suspended',
  'paymentReference',
] as const;

/** One of {@link ROLL_FIELDS}. */
export type RollField = (typeof ROLL_FIELDS)[number];

/** Without these a roll cannot be audited or committed: the member's key and the join-date rule's input. */
const REQUIRED: readonly RollField[] = ['memberId', 'joinDate'];

/** Usual header names, folded and without spaces, in order of preference. */
const HEADER_NAMES: Record<RollField, readonly string[]> = {
  memberId: [
    'memberid',
    'membershipnumber',
    'membershipno',
    'membernumber',
    'memberno',
    'membershipid',
    'id',
  ],
  name: ['name', 'fullname', 'membername'],
  email: ['email', 'emailaddress', 'mail'],
  phone: ['phone', 'phonenumber', 'mobile', 'mobilenumber', 'telephone', 'tel'],
  address: ['address', 'postaladdress', 'streetaddress', 'address1'],
  postcode: ['postcode', 'postalcode', 'zip', 'zipcode'],
  country: ['country', 'countryofresidence', 'residence'],
  nationality: ['nationality', 'citizenship'],
  dateOfBirth: ['dateofbirth', 'dob', 'birthdate', 'born'],
  joinDate: ['joindate', 'joined', 'datejoined', 'joiningdate', 'membersince', 'startdate'],
  dues: ['dues', 'duesstatus', 'duespaid', 'subscription', 'subscriptionstatus'],
  suspended: ['suspended', 'suspension'],
  paymentReference: ['paymentreference', 'paymentref', 'payref', 'reference'],
};

const countryCode = z
  .string()
  .transform((code) => code.toUpperCase())
  .refine(isCountryCode, { message: 'not an ISO 3166-1 alpha-2 country code' });

/**
 * The mapping file: `columns` names the header of each field it maps; `dateFormat` says how non-ISO
 * dates are written; `defaultCountry` reads phone numbers written without `+` for members with no
 * country of residence.
 * @example `columnMappingSchema.parse({ columns: { memberId: 'Membership No' }, dateFormat: 'DD/MM/YYYY' })`
 */
export const columnMappingSchema = z.strictObject({
  columns: z.partialRecord(z.enum(ROLL_FIELDS), z.string().trim().min(1)).default({}),
  dateFormat: z.enum(['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY']).default('YYYY-MM-DD'),
  defaultCountry: countryCode.optional(),
});

/** A validated column mapping. */
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/** Where each field is in the CSV: column positions, the header names they had, and the free columns. */
export interface ColumnPlan {
  index: Partial<Record<RollField, number>>;
  mapped: Partial<Record<RollField, string>>;
  free: string[];
  freeIndex: number[];
  width: number;
}

/**
 * Validates an untrusted mapping (e.g. a parsed JSON file).
 * @example `parseColumnMapping(JSON.parse(text))`
 */
export function parseColumnMapping(input: unknown): ColumnMapping {
  const result = columnMappingSchema.safeParse(input);
  if (!result.success) {
    throw new ElectorateError(
      'invalid-mapping',
      `the column mapping is invalid: ${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}

/**
 * Matches the header row to the member fields. Explicitly mapped headers must exist; the other fields
 * take the first column with one of their usual names; member id and join date must be found.
 * @example `planColumns(['Member ID', 'Joined', 'Branch'], mapping).free` → `['Branch']`
 */
export function planColumns(header: readonly string[], mapping: ColumnMapping): ColumnPlan {
  const names = header.map((h) => h.trim());
  const folded = names.map((name) => foldText(name).replaceAll(' ', ''));
  const seen = new Map<string, number>();
  folded.forEach((key, i) => {
    const first = seen.get(key);
    if (key !== '' && first !== undefined) {
      throw new ElectorateError(
        'duplicate-column',
        `the header has two columns named alike, "${names[first]}" and "${names[i]}" (columns ${first + 1} and ${i + 1}); rename one`,
      );
    }
    seen.set(key, i);
  });
  const index: Partial<Record<RollField, number>> = {};
  const used = new Set<number>();
  for (const field of ROLL_FIELDS) {
    const wanted = mapping.columns[field];
    if (wanted !== undefined) {
      const at = names.indexOf(wanted);
      const i = at >= 0 ? at : folded.indexOf(foldText(wanted).replaceAll(' ', ''));
      if (i < 0) {
        throw new ElectorateError(
          'missing-column',
          `the mapping names column "${wanted}" for ${field}, but the header has no such column`,
        );
      }
      index[field] = i;
      used.add(i);
    }
  }
  for (const field of ROLL_FIELDS) {
    if (index[field] !== undefined) continue;
    for (const candidate of HEADER_NAMES[field]) {
      const i = folded.indexOf(candidate);
      if (i >= 0 && !used.has(i)) {
        index[field] = i;
        used.add(i);
        break;
      }
    }
  }
  for (const field of REQUIRED) {
    if (index[field] === undefined) {
      throw new ElectorateError(
        'missing-column',
        `no column for ${field}: the header has none named ${HEADER_NAMES[field].join(', ')}; name it in the column mapping`,
      );
    }
  }
  const mapped: Partial<Record<RollField, string>> = {};
  for (const field of ROLL_FIELDS) {
    const i = index[field];
    if (i !== undefined) mapped[field] = names[i];
  }
  const freeIndex = names.flatMap((name, i) => (name !== '' && !used.has(i) ? [i] : []));
  return { index, mapped, free: freeIndex.map((i) => names[i]!), freeIndex, width: names.length };
}
