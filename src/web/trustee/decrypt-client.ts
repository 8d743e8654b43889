/**
 * The page's side of the decryption worker (decrypt-worker.ts): one worker per decryption, ended as
 * soon as it answers (or fails), so the secret share lives in it no longer than needed.
 *
 * @example
 * ```ts
 * const { answers } = await decryptInWorker({ fingerprint, trustee: 2, secret, answers: tally.answers });
 * await api('POST', `${base}/trustees/2/decryption-share`, { answers });
 * ```
 */
import type { Payload } from '../../protocol/events.ts';

export interface DecryptRequest {
  /** base64url of the election's fingerprint. */
  readonly fingerprint: string;
  readonly trustee: number;
  /** x_j, as a scalar's wire form. */
  readonly secret: string;
  /** The tally's encrypted totals. */
  readonly answers: Payload<'tally'>['answers'];
}

export type DecryptReply =
  | { readonly ok: true; readonly answers: Payload<'decryption-share'>['answers'] }
  | { readonly ok: false; readonly message: string };

/**
 * Computes the decryption shares with their proofs in a worker; rejects if the worker fails.
 * @example `const reply = await decryptInWorker(request)`
 */
export function decryptInWorker(request: DecryptRequest): Promise<Extract<DecryptReply, { ok: true }>> {
  const worker = new Worker(new URL('./decrypt-worker.ts', import.meta.url), {
    type: 'module',
    name: 'psephos-trustee-decrypt',
  });
  return new Promise<Extract<DecryptReply, { ok: true }>>((resolve, reject) => {
    worker.addEventListener('message', (event: MessageEvent<DecryptReply>) => {
      const reply = event.data;
      if (reply.ok) resolve(reply);
      else reject(new Error(reply.message));
    });
    worker.addEventListener('error', (event) => reject(new Error(event.message || 'the worker stopped')));
    worker.addEventListener('messageerror', () => reject(new Error('the worker sent an unreadable message')));
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}
