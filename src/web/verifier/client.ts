/**
 * The page's side of the verifying worker: one worker per verification, its messages handed to
 * `onMessage`; `cancel()` terminates it (and so its ballot checkers). A worker that cannot start or
 * dies becomes a `problem` message, so the page always ends in a state it can show.
 *
 * @example
 * ```ts
 * const run = startVerification({ file }, (m) => { if (m.kind === 'done') show(m.report); });
 * cancelButton.onclick = () => run.cancel();
 * ```
 */
import type { VerifierInput, VerifierMessage, VerifyRequest } from './protocol.ts';

/**
 * Ballot-checking workers: one per core, at most four, so that a many-core machine is not taken over
 * (the verifying worker, which follows the log, and the page itself need a share of the device too).
 * @example `workerCount()` → 2 on a two-core machine
 */
export function workerCount(): number {
  const cores = Number.isInteger(navigator.hardwareConcurrency) ? navigator.hardwareConcurrency : 2;
  return Math.max(1, Math.min(4, cores));
}

export interface Verification {
  cancel(): void;
}

/**
 * Starts verifying `input` in a new worker; every message after the last (`done` or `problem`) and after
 * `cancel()` is dropped. @example `startVerification({ election: 'leader-2026' }, show).cancel()`
 */
export function startVerification(
  input: VerifierInput,
  onMessage: (message: VerifierMessage) => void,
): Verification {
  let ended = false;
  const end = (message?: VerifierMessage) => {
    if (ended) return;
    if (message && message.kind !== 'done' && message.kind !== 'problem') {
      onMessage(message);
      return;
    }
    ended = true;
    worker.terminate();
    if (message) onMessage(message);
  };
  const worker = new Worker(new URL('./verifier-worker.ts', import.meta.url), {
    type: 'module',
    name: 'psephos-verifier',
  });
  worker.addEventListener('message', (event: MessageEvent<VerifierMessage>) => end(event.data));
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    end({ kind: 'problem', code: 'worker', message: event.message || 'the verifying worker stopped' });
  });
  worker.addEventListener('messageerror', () =>
    end({ kind: 'problem', code: 'worker', message: 'the verifying worker sent an unreadable message' }),
  );
  worker.postMessage({ input, workers: workerCount() } satisfies VerifyRequest);
  return { cancel: () => end() };
}
