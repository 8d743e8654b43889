/**
 * The "new election" form's model: what the organiser types (texts, as typed), the election definition
 * it becomes, and what is wrong with it — field by field, in plain words. The definition is checked by
 * the protocol's own schema (`ElectionDefinition`, the one `parseDefinition` applies on the server), so
 * the form refuses exactly what the server would; its issues are mapped back to the fields they concern.
 * A few rules are the form's own: dates not in the past (the server checks them too when saving), a
 * trustee's email address, and the id `new` (the console's address for a new election).
 *
 * @example
 * ```ts
 * const state = emptyForm(new Date());
 * const { definition, issues } = checkForm({ ...state, title: 'Leader 2026' }, new Date());
 * issues.get('f-q0-c1-name'); // { key: 'duplicateName' }
 * ```
 */

import { eligibilityRulesSchema } from '../../electorate/rules.ts';
import { ElectionDefinition, nameKey } from '../../protocol/definition.ts';

/** How far in the past an opening time may be (the form takes a while to fill); the server's rule too. */
export const OPENING_GRACE_MS = 15 * 60_000;
/** The form's steps, in order. */
export const STEPS = ['about', 'questions', 'voting', 'trustees', 'check'] as const;
export type Step = (typeof STEPS)[number];

export interface CandidateState {
  readonly key: number;
  /** The id it had when loaded (kept when the name changes); new candidates get one from their name. */
  readonly fixedId?: string;
  readonly name: string;
  readonly statement: string;
}

export interface QuestionState {
  readonly key: number;
  readonly fixedId?: string;
  readonly title: string;
  readonly type: 'single' | 'approval';
  readonly blankAllowed: boolean;
  readonly min: string;
  readonly max: string;
  readonly candidates: readonly CandidateState[];
}

export interface TrusteeState {
  readonly key: number;
  readonly name: string;
  readonly email: string;
}

export interface EligibilityState {
  readonly enabled: boolean;
  readonly joinedOnOrBefore: string;
  readonly duesPaid: boolean;
  readonly minimumAge: string;
  readonly asOf: string;
  /** ISO 3166-1 alpha-2 codes separated by commas or spaces; empty: no residency rule. */
  readonly residency: string;
  readonly excludeSuspended: boolean;
}

/** Everything the form holds, as typed. */
export interface FormState {
  readonly id: string;
  /** False until the organiser types an id: till then it follows the title. */
  readonly idTouched: boolean;
  readonly title: string;
  readonly description: string;
  readonly questions: readonly QuestionState[];
  /** `datetime-local` values, local time. */
  readonly opensAt: string;
  readonly closesAt: string;
  readonly revoting: 'single' | 'last-counts';
  readonly maxWeight: string;
  readonly trustees: readonly TrusteeState[];
  readonly threshold: string;
  readonly eligibility: EligibilityState;
}

/** What is wrong with a field: a message key of `t.console.form.errors` and its parameters. */
export interface Issue {
  readonly key: IssueKey;
  readonly n?: number;
}

export type IssueKey =
  | 'required'
  | 'tooLong'
  | 'tooFew'
  | 'tooMany'
  | 'idRule'
  | 'idReserved'
  | 'idTaken'
  | 'invisible'
  | 'duplicateName'
  | 'bounds'
  | 'closeAfterOpen'
  | 'openInPast'
  | 'closeInPast'
  | 'wholeNumber'
  | 'tooSmall'
  | 'tooBig'
  | 'thresholdTooHigh'
  | 'badEmail'
  | 'badDate'
  | 'badCountry'
  | 'asOfNeeded'
  | 'invalid';

let nextKey = 1;
/** A key for a new list item (Preact keys; never shown). */
export function newKey(): number {
  return nextKey++;
}

/** A `datetime-local` value (local time, minutes) for a moment. */
export function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The moment a `datetime-local` value names, as ISO 8601 UTC; undefined when it is not a date. */
export function fromLocalInput(value: string): string | undefined {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(value)) return undefined;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

export function emptyCandidate(): CandidateState {
  return { key: newKey(), name: '', statement: '' };
}

export function emptyQuestion(): QuestionState {
  return {
    key: newKey(),
    title: '',
    type: 'single',
    blankAllowed: true,
    min: '0',
    max: '1',
    candidates: [emptyCandidate(), emptyCandidate()],
  };
}

export function emptyTrustee(): TrusteeState {
  return { key: newKey(), name: '', email: '' };
}

/** A blank form: one question, voting from tomorrow 09:00 for a week, `single`, one trustee. */
export function emptyForm(now: Date): FormState {
  const opens = new Date(now);
  opens.setDate(opens.getDate() + 1);
  opens.setHours(9, 0, 0, 0);
  const closes = new Date(opens);
  closes.setDate(closes.getDate() + 7);
  closes.setHours(17, 0, 0, 0);
  return {
    id: '',
    idTouched: false,
    title: '',
    description: '',
    questions: [emptyQuestion()],
    opensAt: localInput(opens),
    closesAt: localInput(closes),
    revoting: 'single',
    maxWeight: '1',
    trustees: [emptyTrustee()],
    threshold: '1',
    eligibility: {
      enabled: false,
      joinedOnOrBefore: '',
      duesPaid: false,
      minimumAge: '',
      asOf: '',
      residency: '',
      excludeSuspended: true,
    },
  };
}

/** A draft loaded back into the form (its ids kept). */
export function formFromDefinition(d: ElectionDefinition, emails: readonly (string | null)[]): FormState {
  const rules = d.eligibility as Partial<Record<string, unknown>> | undefined;
  const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  return {
    id: d.id,
    idTouched: true,
    title: d.title,
    description: d.description ?? '',
    questions: d.questions.map((q) => ({
      key: newKey(),
      fixedId: q.id,
      title: q.title,
      type: q.type,
      blankAllowed: q.type === 'single' ? q.blankAllowed : true,
      min: q.type === 'approval' ? String(q.min) : '0',
      max: q.type === 'approval' ? String(q.max) : '1',
      candidates: q.candidates.map((c) => ({
        key: newKey(),
        fixedId: c.id,
        name: c.name,
        statement: c.statement ?? '',
      })),
    })),
    opensAt: localInput(new Date(d.opensAt)),
    closesAt: localInput(new Date(d.closesAt)),
    revoting: d.revoting,
    maxWeight: String(d.maxWeight),
    trustees: d.trustees.map((t, i) => ({ key: newKey(), name: t.name, email: emails[i] ?? '' })),
    threshold: String(d.threshold),
    eligibility: {
      enabled: rules !== undefined,
      joinedOnOrBefore: text(rules?.joinedOnOrBefore),
      duesPaid: rules?.duesPaid === true,
      minimumAge: text(rules?.minimumAge),
      asOf: text(rules?.asOf),
      residency: Array.isArray(rules?.residency) ? rules.residency.join(', ') : '',
      excludeSuspended: rules?.excludeSuspended !== false,
    },
  };
}

/**
 * An id from a name: letters without accents, digits and hyphens, lower case, at most 64 characters.
 * @example `slug('Élection du Conseil 2026')` → `'election-du-conseil-2026'`
 */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/** Ids for items: kept ones first, then each new one from its text (or `fallback-n`), all distinct. */
function assignIds(items: readonly { fixedId?: string; text: string }[], fallback: string): string[] {
  const taken = new Set(items.flatMap((i) => (i.fixedId ? [i.fixedId] : [])));
  return items.map((item, n) => {
    if (item.fixedId) return item.fixedId;
    const base = slug(item.text).slice(0, 56).replace(/-+$/, '') || `${fallback}-${n + 1}`;
    let id = base;
    for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
    taken.add(id);
    return id;
  });
}

/** A typed number: an integer, or NaN (the schema then says it is wrong). */
function integer(text: string): number {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** The boardKey placeholder: the server sets the real one (32 zero bytes, never published). */
const NO_BOARD_KEY = 'A'.repeat(43);

/** The eligibility rules the form describes, or undefined when there are none. */
function rulesOf(e: EligibilityState): Record<string, unknown> | undefined {
  if (!e.enabled) return undefined;
  const countries = e.residency
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  return {
    ...(e.joinedOnOrBefore ? { joinedOnOrBefore: e.joinedOnOrBefore } : {}),
    duesPaid: e.duesPaid,
    ...(e.minimumAge.trim() ? { minimumAge: integer(e.minimumAge) } : {}),
    ...(e.asOf ? { asOf: e.asOf } : {}),
    residency: countries.length > 0 ? countries : null,
    excludeSuspended: e.excludeSuspended,
  };
}

/** The definition the form describes (texts trimmed, ids assigned), without the board key. */
export function definitionOf(state: FormState): Record<string, unknown> {
  const questionIds = assignIds(
    state.questions.map((q) => ({ ...(q.fixedId ? { fixedId: q.fixedId } : {}), text: q.title })),
    'question',
  );
  const rules = rulesOf(state.eligibility);
  return {
    format: 'psephos/election',
    version: 1,
    id: state.id.trim(),
    title: state.title.trim(),
    ...(state.description.trim() ? { description: state.description.trim() } : {}),
    practice: false,
    questions: state.questions.map((q, i) => {
      const candidateIds = assignIds(
        q.candidates.map((c) => ({ ...(c.fixedId ? { fixedId: c.fixedId } : {}), text: c.name })),
        'candidate',
      );
      const candidates = q.candidates.map((c, j) => ({
        id: candidateIds[j],
        name: c.name.trim(),
        ...(c.statement.trim() ? { statement: c.statement.trim() } : {}),
      }));
      const base = { id: questionIds[i], title: q.title.trim(), candidates };
      return q.type === 'single'
        ? { ...base, type: 'single', blankAllowed: q.blankAllowed }
        : { ...base, type: 'approval', min: integer(q.min), max: integer(q.max) };
    }),
    opensAt: fromLocalInput(state.opensAt) ?? state.opensAt,
    closesAt: fromLocalInput(state.closesAt) ?? state.closesAt,
    revoting: state.revoting,
    maxWeight: integer(state.maxWeight),
    trustees: state.trustees.map((t) => ({ name: t.name.trim() })),
    threshold: integer(state.threshold),
    ...(rules ? { eligibility: rules } : {}),
  };
}

/** The field (a DOM id) a definition path concerns. */
function fieldOf(path: readonly PropertyKey[]): string {
  const [top, i, sub, j, leaf] = path;
  if (top === 'questions' && typeof i === 'number') {
    if (sub === 'candidates' && typeof j === 'number')
      return `f-q${i}-c${j}-${leaf === 'statement' ? 'statement' : 'name'}`;
    if (sub === 'title' || sub === 'min' || sub === 'max') return `f-q${i}-${sub}`;
    return `f-q${i}`;
  }
  if (top === 'trustees' && typeof i === 'number') return `f-t${i}-name`;
  if (top === 'closesAt' || top === 'opensAt') return `f-${top}`;
  return `f-${String(top ?? 'form')}`;
}

interface SchemaIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly origin?: string;
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly format?: string;
}

/** A schema issue in the form's plain words. */
function issueOf(issue: SchemaIssue): Issue {
  const n = (v: number | bigint | undefined) => (v === undefined ? undefined : Number(v));
  switch (issue.code) {
    case 'too_small': {
      const min = n(issue.minimum);
      if (issue.origin === 'string') return { key: 'required' };
      if (issue.origin === 'array') return { key: 'tooFew', ...(min !== undefined ? { n: min } : {}) };
      return { key: 'tooSmall', ...(min !== undefined ? { n: min } : {}) };
    }
    case 'too_big': {
      const max = n(issue.maximum);
      const key = issue.origin === 'string' ? 'tooLong' : issue.origin === 'array' ? 'tooMany' : 'tooBig';
      return { key, ...(max !== undefined ? { n: max } : {}) };
    }
    case 'invalid_format':
      return issue.path[0] === 'id' ? { key: 'idRule' } : { key: 'badDate' };
    case 'invalid_type':
      return { key: 'wholeNumber' };
    case 'custom':
      if (/leading or trailing|well-formed/.test(issue.message)) return { key: 'invisible' };
      if (/same name/.test(issue.message)) return { key: 'duplicateName' };
      if (/min ≤ max/.test(issue.message)) return { key: 'bounds' };
      if (/close after it opens/.test(issue.message)) return { key: 'closeAfterOpen' };
      if (/threshold exceeds/.test(issue.message)) return { key: 'thresholdTooHigh' };
      return { key: 'invalid' };
    default:
      return { key: 'invalid' };
  }
}

/** The result of checking the form: the definition (when valid) and each field's first issue. */
export interface Checked {
  readonly definition: Record<string, unknown>;
  readonly issues: ReadonlyMap<string, Issue>;
}

/**
 * Checks the whole form: the protocol's schema, then the form's own rules (which name fields the schema
 * cannot: each of two candidates with the same name, a date in the past, a trustee's address).
 */
export function checkForm(state: FormState, now: Date): Checked {
  const definition = definitionOf(state);
  const issues = new Map<string, Issue>();
  const add = (field: string, issue: Issue) => {
    if (!issues.has(field)) issues.set(field, issue);
  };
  // Every candidate whose name another candidate of the question has (compared as the protocol does).
  state.questions.forEach((q, i) => {
    const seen = new Map<string, number>();
    q.candidates.forEach((c, j) => {
      const key = nameKey(c.name.trim());
      if (!key) return;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, j);
      else {
        add(`f-q${i}-c${first}-name`, { key: 'duplicateName' });
        add(`f-q${i}-c${j}-name`, { key: 'duplicateName' });
      }
    });
  });
  const parsed = ElectionDefinition.safeParse({ ...definition, boardKey: NO_BOARD_KEY });
  if (!parsed.success) {
    for (const issue of parsed.error.issues as readonly SchemaIssue[]) {
      const mapped = issueOf(issue);
      // "Two candidates have the same name" is on the question; the fields are marked above.
      if (mapped.key === 'duplicateName' && issue.path.length <= 2) continue;
      if (mapped.key === 'bounds') add(`f-q${String(issue.path[1])}-max`, mapped);
      else add(fieldOf(issue.path), mapped);
    }
  }
  if (state.id.trim() === 'new') add('f-id', { key: 'idReserved' });
  const opens = fromLocalInput(state.opensAt);
  const closes = fromLocalInput(state.closesAt);
  if (!state.opensAt) add('f-opensAt', { key: 'required' });
  else if (!opens) add('f-opensAt', { key: 'badDate' });
  else if (Date.parse(opens) < now.getTime() - OPENING_GRACE_MS) add('f-opensAt', { key: 'openInPast' });
  if (!state.closesAt) add('f-closesAt', { key: 'required' });
  else if (!closes) add('f-closesAt', { key: 'badDate' });
  else if (Date.parse(closes) <= now.getTime()) add('f-closesAt', { key: 'closeInPast' });
  state.trustees.forEach((t, k) => {
    const email = t.email.trim();
    if (!email) add(`f-t${k}-email`, { key: 'required' });
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) add(`f-t${k}-email`, { key: 'badEmail' });
  });
  checkRules(state.eligibility, add);
  return { definition, issues };
}

/** The eligibility rules against the electorate module's schema, mapped to the rule fields. */
function checkRules(e: EligibilityState, add: (field: string, issue: Issue) => void): void {
  const rules = rulesOf(e);
  if (!rules) return;
  const parsed = eligibilityRulesSchema.safeParse(rules);
  if (parsed.success) return;
  for (const issue of parsed.error.issues as readonly SchemaIssue[]) {
    const field = String(issue.path[0] ?? 'asOf');
    if (field === 'residency') add('f-e-residency', { key: 'badCountry' });
    else if (field === 'asOf' && issue.code === 'custom') add('f-e-asOf', { key: 'asOfNeeded' });
    else if (field === 'minimumAge')
      add('f-e-minimumAge', issue.code === 'invalid_type' ? { key: 'wholeNumber' } : issueOf(issue));
    else add(`f-e-${field}`, { key: 'badDate' });
  }
}

/** The step each field is on (by its id), for "Next" to check only the current step. */
export function stepOf(field: string): Step {
  if (/^f-(id|title|description|form)$/.test(field)) return 'about';
  if (/^f-q|^f-questions/.test(field)) return 'questions';
  if (/^f-(opensAt|closesAt|revoting|maxWeight|e-|eligibility)/.test(field)) return 'voting';
  if (/^f-(t\d|trustees|threshold)/.test(field)) return 'trustees';
  return 'check';
}

/** The fields' ids in the order the form shows them (for the error summary). */
export function fieldOrder(state: FormState): string[] {
  const fields = ['f-id', 'f-title', 'f-description', 'f-questions'];
  state.questions.forEach((q, i) => {
    fields.push(`f-q${i}`, `f-q${i}-title`, `f-q${i}-min`, `f-q${i}-max`);
    for (const j of q.candidates.keys()) fields.push(`f-q${i}-c${j}-name`, `f-q${i}-c${j}-statement`);
  });
  fields.push('f-opensAt', 'f-closesAt', 'f-revoting', 'f-maxWeight');
  fields.push('f-e-joinedOnOrBefore', 'f-e-minimumAge', 'f-e-asOf', 'f-e-residency', 'f-trustees');
  for (const k of state.trustees.keys()) fields.push(`f-t${k}-name`, `f-t${k}-email`);
  fields.push('f-threshold');
  return fields;
}
