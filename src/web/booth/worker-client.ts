/**
 * The page's side of the encryption worker: one module worker per page, requests matched to replies by
 * number. A worker that fails to start or crashes rejects every pending request with code `worker`.
 *
 * @example
 * ```ts
 * const sealed = await encryptBallot(election, credential, [[2]]);
 * const { audit } = await auditBallot(sealed.slot);
 * ```
 */
import type {
  AuditChecked,
  AuditResult,
  EncryptResult,
  WorkerElection,
  WorkerReply,
  WorkerRequest,
} from './protocol.ts';

/** A failure inside the worker, with the code of the error it caught (CryptoError, ProtocolError…). */
export class WorkerProblem extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'WorkerProblem';
    this.code = code;
  }
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();

function failAll(message: string): void {
  for (const p of pending.values()) p.reject(new WorkerProblem('worker', message));
  pending.clear();
  worker?.terminate();
  worker = undefined;
}

function theWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('../booth-worker.ts', import.meta.url), {
    type: 'module',
    name: 'psephos-booth',
  });
  w.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.result);
    else p.reject(new WorkerProblem(reply.code, reply.message));
  });
  w.addEventListener('error', (event) => failAll(event.message || 'the encryption worker stopped'));
  w.addEventListener('messageerror', () => failAll('the encryption worker sent an unreadable message'));
  worker = w;
  return w;
}

function call<T>(request: WorkerRequest): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    try {
      theWorker().postMessage({ id, request });
    } catch (e) {
      pending.delete(id);
      reject(new WorkerProblem('worker', (e as Error).message));
    }
  });
}

/** Encrypts and signs a ballot in the worker; the worker keeps its secrets under `slot`. */
export function encryptBallot(
  election: WorkerElection,
  credential: string,
  chosen: readonly (readonly number[])[],
): Promise<EncryptResult> {
  return call({ kind: 'encrypt', election, credential, chosen });
}

/** Reveals a ballot's secrets for a Benaloh audit; the worker forgets the ballot. */
export function auditBallot(slot: number): Promise<AuditResult> {
  return call({ kind: 'audit', slot });
}

/**
 * Checks audit data (SPEC.md §12) with the protocol's checkAudit in the worker; rejects with a
 * WorkerProblem carrying the ProtocolError's code (`malformed`, `wrong-election`, `bad-proof`…).
 * @example `const { tracker, chosen } = await checkAuditData(election, { json: JSON.parse(text) })`
 */
export function checkAuditData(
  election: WorkerElection,
  audit: { readonly json: unknown } | { readonly bytes: Uint8Array },
): Promise<AuditChecked> {
  return call({ kind: 'check-audit', election, audit });
}

/** The ballot is being cast: the worker forgets its secrets. */
export function forgetBallot(slot: number): Promise<null> {
  return call({ kind: 'forget', slot });
}

/** Starts the worker and loads its group (WASM) early, while the voter reads the ballot. */
export function warmUp(): void {
  call<string>({ kind: 'warm' }).catch(() => {
    // Reported when the ballot is encrypted.
  });
}
