/**
 * Worker thread of {@link normalisePhones}: normalises the numbers it is given and posts them back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PhoneInput } from './phones.ts';
import { normaliseAll } from './phones.ts';

parentPort?.postMessage(normaliseAll(workerData as PhoneInput[]));
