/**
 * A worker thread of the Node ballot pool: checks the signature and every proof of the ballots it is
 * sent, and answers with the failures. Started by node-pool.ts; the browser has its own worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadGroup } from '../crypto/backends.ts';
import type { BackendName } from '../crypto/group.ts';
import type { BallotElection } from '../protocol/ballot.ts';
import { validateBallot } from '../protocol/ballot.ts';
import { decodeElement } from '../protocol/codec.ts';
import { fingerprint, parseDefinition } from '../protocol/definition.ts';
import { ProtocolError } from '../protocol/errors.ts';

export type WorkerRequest =
  | { readonly type: 'start'; readonly definition: unknown; readonly publicKey: string }
  | { readonly type: 'batch'; readonly items: readonly { event: number; ballot: unknown }[] };

export interface WorkerReply {
  readonly count: number;
  readonly failures: readonly { event: number; message: string }[];
}

const group = await loadGroup((workerData as { backend: BackendName }).backend);
let election: BallotElection | undefined;

parentPort!.on('message', (request: WorkerRequest) => {
  if (request.type === 'start') {
    const definition = parseDefinition(request.definition);
    election = {
      definition,
      fingerprint: fingerprint(definition),
      publicKey: decodeElement(group, request.publicKey, 'publicKey'),
    };
    return;
  }
  const failures: { event: number; message: string }[] = [];
  for (const { event, ballot } of request.items) {
    try {
      validateBallot(group, election!, ballot, () => true);
    } catch (e) {
      if (!(e instanceof ProtocolError)) throw e;
      failures.push({ event, message: e.message });
    }
  }
  parentPort!.postMessage({ count: request.items.length, failures } satisfies WorkerReply);
});
