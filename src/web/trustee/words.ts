/**
 * Any failure of the trustee console as one sentence in the trustee's language: a step that cannot go
 * on (TrusteeProblem), a key file that does not open (KeyFileError), a server refusal (ApiProblem, the
 * trustee routes' codes first, then the pages' common ones), a definition that does not match its
 * fingerprint. Never a stack trace, never a blank.
 *
 * @example `<p>{problemWords(t, error)}</p>`
 */
import { KeyFileError, MIN_PASSPHRASE_LENGTH } from '../../protocol/trustee-key.ts';
import { TrusteeProblem } from '../../protocol/trustee-steps.ts';
import { ApiProblem, problemText } from '../api.ts';
import { FingerprintMismatch } from '../election.ts';
import type { Messages } from '../i18n/index.ts';

type Texts = Messages['trustee'];

/** The decryption worker failed (it could not start, or its computation threw). */
export class WorkerFailure extends Error {
  override name = 'WorkerFailure';
}

const has = <K extends string>(record: object, key: string): key is K => Object.hasOwn(record, key);

/** The sentence for `error`. */
export function problemWords(t: Messages, error: unknown): string {
  const words = t.trustee;
  if (error instanceof TrusteeProblem) {
    const text = words.problems[error.code];
    return typeof text === 'function' ? text(words.trustees(error.trustees)) : text;
  }
  if (error instanceof KeyFileError) {
    if (error.code === 'weak-passphrase') return words.makeKey.shortError(MIN_PASSPHRASE_LENGTH);
    return error.code === 'wrong-passphrase' ? words.problems['wrong-passphrase'] : words.problems.malformed;
  }
  if (error instanceof FingerprintMismatch) return t.election.fingerprintMismatch;
  if (error instanceof ApiProblem && has<keyof Texts['refusals']>(words.refusals, error.code))
    return words.refusals[error.code];
  if (error instanceof ApiProblem) return problemText(t, error);
  if (error instanceof WorkerFailure) return words.problems.worker;
  return words.problems.internal;
}
