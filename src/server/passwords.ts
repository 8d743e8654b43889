/**
 * Organiser passwords: scrypt from `node:crypto` (N = 2^15, r = 8, p = 1; 16-byte salt; 32-byte key),
 * stored as `scrypt$N$r$p$salt$hash` (salt and hash in base64url) so the cost can be raised later
 * without breaking the passwords already stored. Passwords are NFC-normalised first, so the same
 * password typed on two systems that compose accents differently still matches.
 *
 * @example
 * ```ts
 * const stored = await hashPassword('correct horse battery');
 * await verifyPassword('correct horse battery', stored); // true
 * ```
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

const N = 2 ** 15;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Shortest password accepted when one is set (in characters, not bytes). @example `MIN_PASSWORD_LENGTH === 12` */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password accepted: a bound on the work an unauthenticated request can ask for. @example `maxLength: MAX_PASSWORD_LENGTH` */
export const MAX_PASSWORD_LENGTH = 1024;
/** Most parameters a stored hash may ask for, so a tampered row cannot make a login exhaust memory. */
const MAX_N = 2 ** 20;

/**
 * A password that cannot be set, with a message to show as is.
 * @example `if (e instanceof PasswordError) console.error(e.message)`
 */
export class PasswordError extends Error {
  readonly code = 'weak-password';
  override name = 'PasswordError';
}

/**
 * Hashes a new password; PasswordError if it is shorter than 12 characters (or absurdly long).
 * @example `await store.setAdmin('returning-officer', await hashPassword(typed))`
 */
export async function hashPassword(password: string): Promise<string> {
  const normalised = password.normalize('NFC');
  const length = [...normalised].length;
  if (length < MIN_PASSWORD_LENGTH)
    throw new PasswordError(`the password must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  if (length > MAX_PASSWORD_LENGTH)
    throw new PasswordError(`the password must be at most ${MAX_PASSWORD_LENGTH} characters long`);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(normalised, salt, N, R, P, KEY_BYTES);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Checks a password against a stored hash in constant time. A malformed stored value never matches.
 * @example `if (!(await verifyPassword(typed, stored))) throw new ApiError(401, 'bad-login', …)`
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed || password.length > MAX_PASSWORD_LENGTH * 4) return false;
  const key = await derive(
    password.normalize('NFC'),
    parsed.salt,
    parsed.n,
    parsed.r,
    parsed.p,
    parsed.hash.length,
  );
  return timingSafeEqual(key, parsed.hash);
}

/**
 * A well-formed hash that no password matches: checked when the username is unknown so that a wrong
 * username costs the same scrypt work as a wrong password (no user enumeration by timing).
 * @example `await verifyPassword(typed, stored ?? UNMATCHABLE_HASH)`
 */
export const UNMATCHABLE_HASH = ['scrypt', N, R, P, randomBytes(SALT_BYTES), randomBytes(KEY_BYTES)]
  .map((part) => (Buffer.isBuffer(part) ? part.toString('base64url') : String(part)))
  .join('$');

interface Parsed {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function parse(stored: string): Parsed | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [n, r, p] = parts.slice(1, 4).map((x) => (/^[1-9][0-9]{0,7}$/.test(x) ? Number(x) : 0)) as [
    number,
    number,
    number,
  ];
  // N must be a power of two above 1; the bounds keep memory (128·N·r bytes) within reason.
  if (n < 2 || n > MAX_N || (n & (n - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return undefined;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const hash = Buffer.from(parts[5]!, 'base64url');
  if (salt.length < 8 || hash.length < 16) return undefined;
  return { n, r, p, salt, hash };
}

function derive(
  password: string,
  salt: Buffer,
  n: number,
  r: number,
  p: number,
  length: number,
): Promise<Buffer> {
  // Node refuses by default when 128·N·r reaches its 32 MiB limit, which N = 2^15, r = 8 does exactly.
  const options: ScryptOptions = { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
