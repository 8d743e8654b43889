/**
 * What the pages know about an election: its definition (checked against the fingerprint the server
 * states, recomputed here), its phase, the election key ballots are encrypted under (once the key
 * ceremony is over), and the public summary the election page and the results show: the ceremony's
 * progress, the electorate's size, the ballots cast and counted, and the result once published.
 *
 * @example
 * ```ts
 * const election = await loadElection('leader-2026');
 * if (election.status !== 'open') showClosed();
 * election.summary.ballots.cast; // 42
 * ```
 */
import { toBase64url } from '../crypto/bytes.ts';
import type { ElectionDefinition } from '../protocol/definition.ts';
import { fingerprint, parseDefinition } from '../protocol/definition.ts';
import { type Payload, Payloads } from '../protocol/events.ts';
import { ApiProblem, api } from './api.ts';

/** The live, public part of an election: what changes while it runs. */
export interface ElectionSummary {
  readonly ceremony: {
    /** Trustees (1-based) who published their identity key, dealt their shares, were disqualified. */
    readonly identities: readonly number[];
    readonly dealings: readonly number[];
    readonly disqualified: readonly number[];
    /** True once the election key is published. */
    readonly ready: boolean;
  };
  /** Null before the credential list is published; `members` is the committed roll's size, if any. */
  readonly electorate: { readonly credentials: number; readonly members: number | null } | null;
  readonly ballots: { readonly cast: number; readonly counted: number };
  /** The `result` event's payload: per question, per candidate, the (weighted) totals. */
  readonly result: Payload<'result'> | null;
  /** Trustees who published their decryption share of the tally. */
  readonly decryptionShares: readonly number[];
  readonly boardSize: number;
}

/** An election as the pages use it. */
export interface PublicElection {
  readonly id: string;
  /** The lifecycle phase: `open` while voting is open. */
  readonly status: string;
  readonly definition: ElectionDefinition;
  /** base64url of the fingerprint, recomputed from the definition. */
  readonly fingerprint: string;
  /** base64url of the joint election key, or null before the key ceremony ends. */
  readonly electionKey: string | null;
  readonly summary: ElectionSummary;
}

/** Thrown when the server's definition does not hash to the fingerprint it states. */
export class FingerprintMismatch extends Error {
  override name = 'FingerprintMismatch';
}

interface Info {
  id: string;
  status: string;
  definition: unknown;
  fingerprint: string;
  ceremony?: unknown;
  electorate?: unknown;
  ballots?: unknown;
  result?: unknown;
  boardSize?: unknown;
}

interface Ceremony {
  fingerprint: string | null;
  electionKey: string | null;
  decryptionShares?: unknown;
}

/** Loads an election and checks its definition against its fingerprint. */
export async function loadElection(id: string): Promise<PublicElection> {
  const path = `/api/elections/${encodeURIComponent(id)}`;
  const [info, ceremony] = await Promise.all([
    api<Info>('GET', path),
    api<Ceremony>('GET', `${path}/ceremony`),
  ]);
  let definition: ElectionDefinition;
  try {
    definition = parseDefinition(info.definition);
  } catch {
    throw badReply('the election definition from the server is not valid');
  }
  const computed = toBase64url(fingerprint(definition));
  if (computed !== info.fingerprint || (ceremony.fingerprint !== null && ceremony.fingerprint !== computed)) {
    throw new FingerprintMismatch('the definition does not match its fingerprint');
  }
  return {
    id: definition.id,
    status: info.status,
    definition,
    fingerprint: computed,
    electionKey: ceremony.electionKey,
    summary: readSummary(info, ceremony, definition),
  };
}

function badReply(message: string): ApiProblem {
  return new ApiProblem(200, 'bad-reply', message);
}

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const counts = (v: unknown): number[] => {
  if (!Array.isArray(v) || !v.every(isCount)) throw badReply('a list of numbers was expected');
  return v;
};
const count = (v: unknown): number => {
  if (!isCount(v)) throw badReply('a number was expected');
  return v;
};
const record = (v: unknown): Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) throw badReply('an object was expected');
  return v as Record<string, unknown>;
};

/** The summary, shape-checked: a reply the page cannot read is a bad reply, never a blank page. */
function readSummary(info: Info, ceremony: Ceremony, definition: ElectionDefinition): ElectionSummary {
  const c = record(info.ceremony);
  const b = record(info.ballots);
  const e = info.electorate === null ? null : record(info.electorate);
  return {
    ceremony: {
      identities: counts(c.identities),
      dealings: counts(c.dealings),
      disqualified: counts(c.disqualified),
      ready: c.ready === true,
    },
    electorate: e && {
      credentials: count(e.credentials),
      members: e.members === null || e.members === undefined ? null : count(e.members),
    },
    ballots: { cast: count(b.cast), counted: count(b.counted) },
    result: readResult(info.result, definition),
    decryptionShares: ceremony.decryptionShares === undefined ? [] : counts(ceremony.decryptionShares),
    boardSize: count(info.boardSize),
  };
}

/** The result payload, with one total per candidate of each question of the definition. */
function readResult(value: unknown, definition: ElectionDefinition): Payload<'result'> | null {
  if (value === null || value === undefined) return null;
  const parsed = Payloads.result.safeParse(value);
  const fits =
    parsed.success &&
    parsed.data.counts.length === definition.questions.length &&
    definition.questions.every((q, i) => parsed.data.counts[i]!.length === q.candidates.length);
  if (!fits) throw badReply('the result does not fit the election definition');
  return parsed.data;
}
