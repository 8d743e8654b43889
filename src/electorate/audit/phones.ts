/**
 * Phone numbers of a whole roll in E.164. libphonenumber-js takes about 14 µs a number, the audit's
 * largest single cost, so a big roll's numbers are split between this thread and a worker thread.
 */
import { Worker } from 'node:worker_threads';
import { normalisePhone } from '../normalise.ts';

/** Below this many numbers a worker's start-up (~0.1 s) costs more than it saves. */
const WORKER_THRESHOLD = 20_000;

/** One number to read: as written, and the country to read it in when it has no `+`. */
export interface PhoneInput {
  phone: string;
  country: string | undefined;
}

/**
 * E.164 numbers in input order: '' for a blank number, null for one that is not a valid number.
 * @example `await normalisePhones([{ phone: '07400 123456', country: 'GB' }])` → `['+447400123456']`
 */
export async function normalisePhones(inputs: readonly PhoneInput[]): Promise<(string | null)[]> {
  if (inputs.length < WORKER_THRESHOLD) return normaliseAll(inputs);
  const half = inputs.length >> 1;
  const worker = new Worker(new URL('./phone-worker.ts', import.meta.url), {
    workerData: inputs.slice(half),
  });
  const second = new Promise<(string | null)[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const first = normaliseAll(inputs.slice(0, half));
  return first.concat(await second);
}

/**
 * The same, on this thread.
 * @example `normaliseAll([{ phone: '', country: undefined }])` → `['']`
 */
export function normaliseAll(inputs: readonly PhoneInput[]): (string | null)[] {
  return inputs.map(({ phone, country }) => (phone === '' ? '' : normalisePhone(phone, country)));
}
