/**
 * The election definition: what is voted on, when, under which rules, by whose keys. It is the first
 * event on the board; its fingerprint (tagged hash of its canonical form) is the context of every
 * proof and signature of the election, so nothing can be moved from one election to another.
 *
 * SPEC.md §10 (Election definition); vectors: test/vectors/protocol.json.
 *
 * @example
 * ```ts
 * const definition = parseDefinition(json);     // throws ProtocolError bad-definition, with the field
 * const fp = fingerprint(definition);           // 32 bytes
 * questionBounds(definition.questions[0]);       // { min: 1, max: 1 }
 * ```
 */
import { z } from 'zod';
import { taggedHash } from '../crypto/hash.ts';
import { canonicalBytes, canonicalJson } from './canonical.ts';
import { Bytes32 } from './codec.ts';
import { describeIssues, ProtocolError } from './errors.ts';

/** Identifiers: lower-case letters, digits and hyphens (they appear in URLs and file names). */
export const Id = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'use 1–64 lower-case letters, digits or hyphens');
/**
 * Characters that make two texts look alike or reorder what is shown: control characters, bidirectional
 * overrides and isolates, zero-width spaces and the byte-order mark. (Zero-width joiners stay allowed:
 * some scripts need them.)
 */
const INVISIBLE = /[\p{Cc}\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;

/** Text shown to people: well-formed Unicode, trimmed, nothing invisible or direction-changing. */
const Text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => s.isWellFormed(), 'text must be well-formed Unicode')
    .refine(
      (s) => s === s.trim() && !INVISIBLE.test(s),
      'no leading or trailing spaces, and no control characters, direction marks or zero-width spaces',
    );

/** True when a value can be canonicalised (no lone surrogates anywhere inside). */
function hasCanonicalForm(value: unknown): boolean {
  try {
    canonicalJson(value);
    return true;
  } catch {
    return false;
  }
}

/** How two candidate names are compared: after Unicode compatibility normalisation, ignoring case. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}
const Timestamp = z.iso.datetime({ offset: true });

export const Candidate = z.strictObject({
  id: Id,
  name: Text(200),
  statement: Text(2000).optional(),
});

const QuestionBase = {
  id: Id,
  title: Text(500),
  candidates: z.array(Candidate).min(1).max(100),
};

/** Choose one candidate (or none, when a blank vote is allowed). */
export const SingleQuestion = z.strictObject({
  ...QuestionBase,
  type: z.literal('single'),
  blankAllowed: z.boolean(),
});
/** Choose between `min` and `max` candidates (a blank vote is min = 0). */
export const ApprovalQuestion = z.strictObject({
  ...QuestionBase,
  type: z.literal('approval'),
  min: z.int().min(0),
  max: z.int().min(1),
});
export const Question = z
  .discriminatedUnion('type', [SingleQuestion, ApprovalQuestion])
  .superRefine((q, ctx) => {
    const ids = new Set(q.candidates.map((c) => c.id));
    const names = new Set(q.candidates.map((c) => nameKey(c.name)));
    if (ids.size !== q.candidates.length)
      ctx.addIssue({ code: 'custom', message: 'two candidates have the same id' });
    if (names.size !== q.candidates.length)
      ctx.addIssue({ code: 'custom', message: 'two candidates have the same name' });
    if (q.type === 'approval' && (q.min > q.max || q.max > q.candidates.length)) {
      ctx.addIssue({ code: 'custom', message: 'need 0 ≤ min ≤ max ≤ number of candidates' });
    }
  });

export const Trustee = z.strictObject({ name: Text(200) });

export const ElectionDefinition = z
  .strictObject({
    format: z.literal('psephos/election'),
    version: z.literal(1),
    id: Id,
    title: Text(300),
    description: Text(5000).optional(),
    practice: z.boolean(),
    questions: z.array(Question).min(1).max(20),
    opensAt: Timestamp,
    closesAt: Timestamp,
    /** `single`: one ballot per credential (the default); `last-counts`: a later ballot replaces an earlier one. */
    revoting: z.enum(['single', 'last-counts']),
    /** Largest weight of one credential (1: every vote counts once). */
    maxWeight: z.int().min(1).max(1_000_000),
    trustees: z.array(Trustee).min(1).max(255),
    threshold: z.int().min(1),
    /** The board's Ed25519 public key, which signs every tree head. */
    boardKey: Bytes32,
    /** Eligibility rules, as the electorate module defines them (kept verbatim, part of the fingerprint). */
    eligibility: z
      .record(z.string(), z.unknown())
      .refine(hasCanonicalForm, 'eligibility rules must be well-formed Unicode')
      .optional(),
  })
  .superRefine((d, ctx) => {
    if (d.threshold > d.trustees.length)
      ctx.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: 'threshold exceeds the number of trustees',
      });
    if (Date.parse(d.closesAt) <= Date.parse(d.opensAt))
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'the election must close after it opens' });
    if (new Set(d.questions.map((q) => q.id)).size !== d.questions.length)
      ctx.addIssue({ code: 'custom', path: ['questions'], message: 'two questions have the same id' });
  });

export type ElectionDefinition = z.infer<typeof ElectionDefinition>;
export type Question = z.infer<typeof Question>;

/** Validates a definition; ProtocolError `bad-definition` names the first wrong fields. */
export function parseDefinition(value: unknown): ElectionDefinition {
  const parsed = ElectionDefinition.safeParse(value);
  if (!parsed.success)
    throw new ProtocolError(
      'bad-definition',
      `invalid election definition: ${describeIssues(parsed.error.issues)}`,
    );
  return parsed.data;
}

/**
 * The election fingerprint: taggedHash("election/fingerprint", [canonical definition]).
 * @example `toBase64url(fingerprint(definition))`
 */
export function fingerprint(definition: ElectionDefinition): Uint8Array {
  return taggedHash('election/fingerprint', [canonicalBytes(definition)]);
}

/** How many candidates a voter may choose on a question: [min, max]. */
export function questionBounds(q: Question): { min: number; max: number } {
  return q.type === 'single' ? { min: q.blankAllowed ? 0 : 1, max: 1 } : { min: q.min, max: q.max };
}
