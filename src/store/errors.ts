/**
 * Typed store errors with stable codes; the server maps them to 4xx replies.
 *
 * @example
 * ```ts
 * throw new StoreError('exists', 'an election with this id already exists');
 * ```
 */
export type StoreErrorCode = 'exists' | 'not-found' | 'wrong-status' | 'unavailable';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
  }
}
