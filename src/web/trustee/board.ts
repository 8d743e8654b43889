/**
 * What the trustee console reads from the board: the election (its phase, and its definition checked
 * against the fingerprint, recomputed here) and everything published in the key ceremony so far
 * (GET /api/elections/:id and GET /api/elections/:id/ceremony), checked for shape. Public data only.
 *
 * @example
 * ```ts
 * const board = await loadBoard('leader-2026');
 * board.identities.map((i) => i.trustee); // who has published a key
 * ```
 */
import { fromBase64url, toBase64url } from '../../crypto/bytes.ts';
import type { ElectionDefinition } from '../../protocol/definition.ts';
import { fingerprint, parseDefinition } from '../../protocol/definition.ts';
import type { Payload } from '../../protocol/events.ts';
import { Payloads } from '../../protocol/events.ts';
import type { CeremonyView, DealingWire, IdentityWire } from '../../protocol/trustee-steps.ts';
import { ApiProblem, api } from '../api.ts';
import { FingerprintMismatch } from '../election.ts';

export type TallyWire = Payload<'tally'>;

/** The election and its ceremony (what the trustee steps read, and more), as the console shows and uses them. */
export interface Board extends CeremonyView {
  /** The lifecycle phase: `key-ceremony`, `ready`, `open`, `closed`, `tallying`, `published`. */
  readonly status: string;
  readonly definition: ElectionDefinition;
  /** base64url of the fingerprint (what key files hold). */
  readonly fingerprintText: string;
  readonly electionKey: string | null;
  readonly tally: TallyWire | null;
  readonly decryptionShares: readonly number[];
}

interface CeremonyJson {
  fingerprint?: unknown;
  identities?: unknown;
  dealings?: unknown;
  disqualified?: unknown;
  electionKey?: unknown;
  tally?: unknown;
  decryptionShares?: unknown;
}

const badReply = () =>
  new ApiProblem(200, 'bad-reply', 'the election or its ceremony has an unexpected shape');

/** Each item of a list through a payload schema (the ceremony's items are the board's payloads). */
function listOf<T>(value: unknown, parse: (item: unknown) => { success: boolean; data?: T }): T[] {
  if (!Array.isArray(value)) throw badReply();
  return value.map((item) => {
    const parsed = parse(item);
    if (!parsed.success) throw badReply();
    return parsed.data as T;
  });
}

function trusteeNumbers(value: unknown): number[] {
  if (!Array.isArray(value) || !value.every((n) => Number.isInteger(n) && n >= 1 && n <= 255))
    throw badReply();
  return value as number[];
}

function ceremonyOf(json: CeremonyJson) {
  const tally = json.tally === null ? null : Payloads.tally.safeParse(json.tally);
  if (tally && !tally.success) throw badReply();
  if (json.electionKey !== null && typeof json.electionKey !== 'string') throw badReply();
  return {
    identities: listOf<IdentityWire>(json.identities, (i) => Payloads['trustee-identity'].safeParse(i)),
    dealings: listOf<DealingWire>(json.dealings, (d) => Payloads['trustee-dealing'].safeParse(d)),
    disqualified: trusteeNumbers(json.disqualified),
    electionKey: json.electionKey,
    tally: tally ? tally.data : null,
    decryptionShares: trusteeNumbers(json.decryptionShares),
  };
}

/**
 * Loads the board; ApiProblem `bad-reply` on a reply of the wrong shape, FingerprintMismatch when the
 * definition does not hash to the fingerprint the server states (the console must then stop).
 * @example `const board = await loadBoard('leader-2026')`
 */
export async function loadBoard(electionId: string): Promise<Board> {
  const path = `/api/elections/${encodeURIComponent(electionId)}`;
  const [summary, ceremony] = await Promise.all([
    api<{ status?: unknown; definition?: unknown; fingerprint?: unknown }>('GET', path),
    api<CeremonyJson>('GET', `${path}/ceremony`),
  ]);
  if (typeof summary?.status !== 'string' || ceremony === null || typeof ceremony !== 'object')
    throw badReply();
  let definition: ElectionDefinition;
  try {
    definition = parseDefinition(summary.definition);
  } catch {
    throw new ApiProblem(200, 'bad-reply', 'the election definition from the server is not valid');
  }
  const text = toBase64url(fingerprint(definition));
  if (text !== summary.fingerprint || ceremony.fingerprint !== text)
    throw new FingerprintMismatch('the definition does not match its fingerprint');
  return {
    ...ceremonyOf(ceremony),
    status: summary.status,
    definition,
    fingerprint: fromBase64url(text, 32),
    fingerprintText: text,
    threshold: definition.threshold,
    trustees: definition.trustees.length,
  };
}
