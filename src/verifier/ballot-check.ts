/**
 * The work of a ballot pool's worker, free of any runtime: told the election once, it checks the
 * signature and every proof of each batch of ballots it is sent, and answers with how many it checked
 * and which failed. Node's worker threads (ballot-worker.ts) and the verifier page's Web Workers
 * (src/web/verifier/verifier-worker.ts) are thin adapters around it, so both check ballots with the
 * same code.
 *
 * @example
 * ```ts
 * const check = ballotChecker(group);
 * check({ type: 'start', definition, publicKey });
 * const reply = check({ type: 'batch', items: [{ event: 7, ballot }] }); // { count: 1, failures: [] }
 * ```
 */
import type { Group } from '../crypto/group.ts';
import type { BallotElection } from '../protocol/ballot.ts';
import { validateBallot } from '../protocol/ballot.ts';
import { decodeElement } from '../protocol/codec.ts';
import { fingerprint, parseDefinition } from '../protocol/definition.ts';
import { ProtocolError } from '../protocol/errors.ts';

/** What a pool sends its workers: the election (once), then batches of ballots by event index. */
export type BallotRequest =
  | { readonly type: 'start'; readonly definition: unknown; readonly publicKey: string }
  | { readonly type: 'batch'; readonly items: readonly { event: number; ballot: unknown }[] };

/** A worker's answer to one batch. */
export interface BallotReply {
  readonly count: number;
  readonly failures: readonly { event: number; message: string }[];
}

/**
 * A checker over `group`: answers a batch with its reply, a start with undefined. A batch before the
 * start, or an error that is not a ProtocolError, throws (the pool treats it as the worker crashing).
 * @example `ballotChecker(group)({ type: 'batch', items })` → `{ count: items.length, failures: [] }`
 */
export function ballotChecker(group: Group): (request: BallotRequest) => BallotReply | undefined {
  let election: BallotElection | undefined;
  return (request) => {
    if (request.type === 'start') {
      const definition = parseDefinition(request.definition);
      election = {
        definition,
        fingerprint: fingerprint(definition),
        publicKey: decodeElement(group, request.publicKey, 'publicKey'),
      };
      return undefined;
    }
    if (!election) throw new Error('a batch of ballots came before the election');
    const failures: { event: number; message: string }[] = [];
    for (const { event, ballot } of request.items) {
      try {
        validateBallot(group, election, ballot, () => true);
      } catch (e) {
        if (!(e instanceof ProtocolError)) throw e;
        failures.push({ event, message: e.message });
      }
    }
    return { count: request.items.length, failures };
  };
}
