/**
 * Voting credentials (as in Belenios). The credential authority gives each voter a secret credential:
 * a short text the voter can type, `vote1` followed by 32 bech32m characters (128 random bits and a
 * BCH checksum that detects any error in up to four characters, so a typo is caught before voting).
 * Its secret scalar is hash-to-scalar over the election id and the credential text; the public
 * credential g^secret goes on the published list. Ballots are signed with the secret (signature.ts).
 *
 * The server never sees the credential text or its scalar; only the voter's device does.
 *
 * SPEC.md §6 (Credentials); vectors: test/vectors/psephos-crypto.json.
 *
 * @example
 * ```ts
 * const text = generateCredential();                 // 'vote1…'
 * const { secret, publicCredential } = deriveCredential(group, 'leader-2026', text);
 * ```
 */

import { randomBytes } from '@noble/hashes/utils.js';
import { bech32m } from '@scure/base';
import { utf8 } from './bytes.ts';
import { CryptoError } from './errors.ts';
import type { Element, Group } from './group.ts';
import { hashToScalar } from './hash.ts';

const PREFIX = 'vote';
const ENTROPY_BYTES = 16;

/** A new random credential text (128 bits from the CSPRNG). @example `generateCredential()` */
export function generateCredential(entropy: Uint8Array = randomBytes(ENTROPY_BYTES)): string {
  if (entropy.length !== ENTROPY_BYTES)
    throw new CryptoError('bad-parameters', 'a credential carries 16 bytes');
  return bech32m.encode(PREFIX, bech32m.toWords(entropy));
}

/**
 * Normalises what a voter typed or pasted (case, spaces, hyphens, line breaks) and checks the
 * checksum; throws CryptoError bad-credential or bad-checksum with a message a voter can act on.
 * @example `normaliseCredential(' VOTE1-abcd… ')` → `'vote1abcd…'`
 */
export function normaliseCredential(typed: string): string {
  const text = typed.replace(/[\s-]+/g, '').toLowerCase();
  if (!text.startsWith(`${PREFIX}1`)) {
    throw new CryptoError('bad-credential', 'a voting credential starts with "vote1"');
  }
  let decoded: { prefix: string; words: number[] };
  try {
    decoded = bech32m.decode(text as `${string}1${string}`);
  } catch {
    throw new CryptoError('bad-checksum', 'this credential has a typing error: please check each character');
  }
  // bech32 splits at the last "1", so "vote1x1…" has the prefix "vote1x": check it exactly.
  if (decoded.prefix !== PREFIX)
    throw new CryptoError('bad-credential', 'a voting credential starts with "vote1"');
  const entropy = bech32m.fromWordsUnsafe(decoded.words);
  if (entropy === undefined || entropy.length !== ENTROPY_BYTES) {
    throw new CryptoError('bad-credential', 'this is not a Psephos voting credential (wrong length)');
  }
  return text;
}

/** The credential grouped for printing: `vote1 xxxx xxxx …`. */
export function formatCredential(text: string): string {
  const body = normaliseCredential(text).slice(PREFIX.length + 1);
  return `${PREFIX}1 ${body.match(/.{1,4}/g)!.join(' ')}`;
}

export interface DerivedCredential {
  /** The signing secret: never leaves the voter's device. */
  readonly secret: bigint;
  /** g^secret, as published on the credential list. */
  readonly publicCredential: Element;
}

/**
 * Derives the secret scalar and the public credential of a credential text for one election.
 * @example `deriveCredential(group, electionId, text).publicCredential`
 */
export function deriveCredential(group: Group, electionId: string, typed: string): DerivedCredential {
  const text = normaliseCredential(typed);
  const secret = hashToScalar('credential/secret', [utf8(electionId), utf8(text)]);
  if (secret === 0n) throw new CryptoError('bad-credential', 'unusable credential: please ask for a new one');
  return { secret, publicCredential: group.mulBase(secret) };
}
