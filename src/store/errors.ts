/**
 * Typed store errors with stable codes; the server maps them to 4xx replies.
 *
 * @example
 * ```ts
 * throw new StoreError('exists', 'an election with this id already exists');
 * ```
 */
import { CodedError } from '../crypto/errors.ts';

export type StoreErrorCode = 'exists' | 'not-found' | 'wrong-status' | 'unavailable';

export class StoreError extends CodedError<StoreErrorCode> {}
