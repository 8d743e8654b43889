/**
 * A worker thread of the Node ballot pool: checks the signature and every proof of the ballots it is
 * sent (ballot-check.ts), and answers with the failures. Started by node-pool.ts; the verifier page's
 * Web Workers run the same checker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadGroup } from '../crypto/backends.ts';
import type { BackendName } from '../crypto/group.ts';
import type { BallotRequest } from './ballot-check.ts';
import { ballotChecker } from './ballot-check.ts';

const check = ballotChecker(await loadGroup((workerData as { backend: BackendName }).backend));

parentPort!.on('message', (request: BallotRequest) => {
  const reply = check(request);
  if (reply) parentPort!.postMessage(reply);
});
