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

/**
 * The base of every Psephos error: a stable machine `code` of the layer's own code list and a
 * plain-words message. Each layer has its subclass (CryptoError, ProtocolError, BoardError, StoreError,
 * ElectorateError), so `instanceof` says where an error comes from.
 * @example `class BoardError extends CodedError<BoardErrorCode> {}`
 */
export class CodedError<Code extends string> extends Error {
  readonly code: Code;
  constructor(code: Code, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

export class CryptoError extends CodedError<CryptoErrorCode> {}
