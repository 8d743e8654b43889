/**
 * What the booth and the receipt page know about an election: its definition (checked against the
 * fingerprint the server states, recomputed here), its phase, and — once the key ceremony is over —
 * the election key ballots are encrypted under.
 *
 * @example
 * ```ts
 * const election = await loadElection('leader-2026');
 * if (election.status !== 'open') showClosed();
 * ```
 */
import { toBase64url } from '../crypto/bytes.ts';
import type { ElectionDefinition } from '../protocol/definition.ts';
import { fingerprint, parseDefinition } from '../protocol/definition.ts';
import { ApiProblem, api } from './api.ts';

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
}

/** Thrown when the server's definition does not hash to the fingerprint it states. */
export class FingerprintMismatch extends Error {
  override name = 'FingerprintMismatch';
}

/** Loads an election and checks its definition against its fingerprint. */
export async function loadElection(id: string): Promise<PublicElection> {
  const path = `/api/elections/${encodeURIComponent(id)}`;
  const [info, ceremony] = await Promise.all([
    api<{ id: string; status: string; definition: unknown; fingerprint: string }>('GET', path),
    api<{ fingerprint: string | null; electionKey: string | null }>('GET', `${path}/ceremony`),
  ]);
  let definition: ElectionDefinition;
  try {
    definition = parseDefinition(info.definition);
  } catch {
    throw new ApiProblem(200, 'bad-reply', 'the election definition from the server is not valid');
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
  };
}
