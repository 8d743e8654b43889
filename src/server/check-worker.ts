/**
 * Worker thread of the server's ballot check pool: full validation of one ballot (signature and every
 * proof) for any election it has been told about. The listed-credential check and the revoting policy
 * depend on the board and stay in the main thread.
 */
import { parentPort } from 'node:worker_threads';
import { loadGroup } from '../crypto/backends.ts';
import type { BallotElection } from '../protocol/ballot.ts';
import { validateBallot } from '../protocol/ballot.ts';
import { decodeElement } from '../protocol/codec.ts';
import { fingerprint, parseDefinition } from '../protocol/definition.ts';
import { ProtocolError } from '../protocol/errors.ts';

export interface CheckRequest {
  readonly id: number;
  readonly election: string;
  readonly setup?: { readonly definition: unknown; readonly publicKey: string };
  readonly ballot: unknown;
}

export interface CheckReply {
  readonly id: number;
  readonly error?: { readonly code: string; readonly message: string };
}

const group = await loadGroup();
const elections = new Map<string, BallotElection>();

parentPort!.on('message', (request: CheckRequest) => {
  let reply: CheckReply = { id: request.id };
  try {
    if (request.setup) {
      const definition = parseDefinition(request.setup.definition);
      elections.set(request.election, {
        definition,
        fingerprint: fingerprint(definition),
        publicKey: decodeElement(group, request.setup.publicKey, 'publicKey'),
      });
    }
    validateBallot(group, elections.get(request.election)!, request.ballot, () => true);
  } catch (e) {
    if (!(e instanceof ProtocolError)) throw e;
    reply = { id: request.id, error: { code: e.code, message: e.message } };
  }
  parentPort!.postMessage(reply);
});
