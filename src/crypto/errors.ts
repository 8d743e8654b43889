/**
 * Typed errors of the cryptographic core. Each has a stable machine `code` and a plain-words message;
 * messages name what was wrong (an encoding, a range) and never include secret values.
 *
 * @example
 * ```ts
 * try { decodeScalar(bytes); } catch (e) { if (e instanceof CryptoError && e.code === 'scalar-out-of-range') … }
 * ```
 */
export type CryptoErrorCode =
  | 'bad-length'
  | 'bad-encoding'
  | 'non-canonical-element'
  | 'identity-not-allowed'
  | 'scalar-out-of-range'
  | 'scalar-zero'
  | 'bad-credential'
  | 'bad-checksum'
  | 'bad-parameters'
  | 'dlog-out-of-range'
  | 'decryption-failed'
  | 'backend-unavailable';

export class CryptoError extends Error {
  readonly code: CryptoErrorCode;
  constructor(code: CryptoErrorCode, message: string) {
    super(message);
    this.name = 'CryptoError';
    this.code = code;
  }
}
