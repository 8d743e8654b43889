/**
 * The ballot pool on Node: worker threads (ballot-worker.ts) that check ballot signatures and proofs in
 * parallel while the main thread follows the log. Batching and back-pressure are worker-pool.ts's.
 *
 * @example
 * ```ts
 * const pool = new NodeBallotPool({ workers: 2, backend: 'sodium' });
 * const report = await verifyRecord(source, { group, pool });
 * ```
 */
import { Worker } from 'node:worker_threads';
import type { BackendName } from '../crypto/group.ts';
import type { BallotReply, BallotRequest } from './ballot-check.ts';
import { WorkerBallotPool } from './worker-pool.ts';

export class NodeBallotPool extends WorkerBallotPool {
  constructor(options: { workers: number; backend: BackendName }) {
    super({
      workers: options.workers,
      spawn: (events) => {
        const worker = new Worker(new URL('./ballot-worker.ts', import.meta.url), {
          workerData: { backend: options.backend },
        });
        worker.on('message', (reply: BallotReply) => events.reply(reply));
        worker.on('error', (e) => events.crash(e));
        return {
          post: (request: BallotRequest) => worker.postMessage(request),
          terminate: () => worker.terminate(),
        };
      },
    });
  }
}
