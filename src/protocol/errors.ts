/**
 * Typed protocol errors: a stable machine `code` (documented in SPEC.md, used by the server's 4xx
 * replies and the verifier's report) and a plain-words message.
 *
 * @example
 * ```ts
 * throw new ProtocolError('unlisted-credential', 'this credential is not on the published list');
 * ```
 */
import { CodedError } from '../crypto/errors.ts';

export type ProtocolErrorCode =
  | 'malformed'
  | 'bad-element'
  | 'wrong-election'
  | 'wrong-shape'
  | 'unlisted-credential'
  | 'already-voted'
  | 'bad-signature'
  | 'bad-proof'
  | 'bad-definition'
  | 'bad-event';

export class ProtocolError extends CodedError<ProtocolErrorCode> {}

/** A zod issue list as one line a person can read: `answers.0.choices: expected array`. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}
